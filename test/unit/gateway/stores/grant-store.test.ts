import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import { InMemoryGrantStore } from '../../../../gateway/stores/in-memory-grant-store.js';
import { lazyGrantsOf } from '../../../../gateway/stores/grant-store.js';

// A request's grants (ARCHITECTURE.md, "Stores"): the token's and the store's, the store read at
// most once per request and not at all when no decision asks.

const fromToken: Grant = { datasetId: 'p:ds-1', grantee: { kind: 'person', subject: 'ada' }, expiresAt: 2_000_000_000_000, source: 'token' };
const fromStore: Grant = { datasetId: 'p:ds-2', grantee: { kind: 'person', subject: 'ada' }, expiresAt: 2_000_000_000_000, source: 'store' };
const ada: Principal = { ...ANONYMOUS, authenticated: true, subject: 'ada', grants: [fromToken] };

function countingStore(): { store: InMemoryGrantStore; reads: () => number } {
  const store = new InMemoryGrantStore();
  let reads = 0;
  const grantsFor = store.grantsFor.bind(store);
  store.grantsFor = (principal) => { reads += 1; return grantsFor(principal); };
  return { store, reads: () => reads };
}

describe('lazyGrantsOf', () => {
  it('gives the token grants, then the stored ones', async () => {
    const { store } = countingStore();
    await store.put(fromStore);
    expect(await lazyGrantsOf(ada, store)()).toEqual([fromToken, fromStore]);
  });

  it.each([
    { name: 'never asked', asks: 0, reads: 0 },
    { name: 'asked once', asks: 1, reads: 1 },
    { name: 'asked by three decisions', asks: 3, reads: 1 },
  ])('reads the store $reads time(s) when $name', async ({ asks, reads }) => {
    const { store, reads: counted } = countingStore();
    const grants = lazyGrantsOf(ada, store);
    for (let i = 0; i < asks; i += 1) await grants();
    expect(counted()).toBe(reads);
  });
});
