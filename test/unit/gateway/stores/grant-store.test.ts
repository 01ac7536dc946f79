import { describe, expect, it } from 'vitest';
import { ANONYMOUS, institutionScope, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import { InMemoryGrantStore } from '../../../../gateway/stores/in-memory-grant-store.js';
import { granteesOf, lazyGrantsOf, type GrantStore } from '../../../../gateway/stores/grant-store.js';

// A request's grants (ARCHITECTURE.md, "Stores"): the token's and the store's, the store read at
// most once per request and not at all when no decision asks; none at all while suspended.

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
    store.put(fromStore);
    expect(await lazyGrantsOf(ada, store)()).toEqual([fromToken, fromStore]);
  });

  it.each([
    { name: 'the person is suspended', suspend: { kind: 'person', subject: 'ada' } as const },
    { name: 'the person\'s verified organisation is suspended', suspend: { kind: 'organisation', organisation: 'uni-leiden' } as const },
  ])('gives no grants at all, not even the token\'s, when $name', async ({ suspend }) => {
    const { store } = countingStore();
    store.put(fromStore);
    store.suspend(suspend);
    const member: Principal = { ...ada, organisation: 'uni-leiden', scopes: new Set([institutionScope('uni-leiden')]) };
    expect(await lazyGrantsOf(member, store)()).toEqual([]);
    store.reinstate(suspend);
    expect(await lazyGrantsOf(member, store)()).toEqual([fromToken, fromStore]);
  });

  it('ignores the suspension of an organisation the token only claims', async () => {
    const { store } = countingStore();
    store.suspend({ kind: 'organisation', organisation: 'uni-leiden' });
    expect(await lazyGrantsOf({ ...ada, organisation: 'uni-leiden' }, store)()).toEqual([fromToken]);
  });

  it('rejects when the store cannot be read, rather than answering with the token\'s grants', async () => {
    const failing: GrantStore = { grantsFor: () => Promise.reject(new Error('unreachable')) };
    await expect(lazyGrantsOf(ada, failing)()).rejects.toThrow('unreachable');
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

describe('granteesOf', () => {
  it.each<{ name: string; who: Principal; grantees: unknown[] }>([
    { name: 'anonymous', who: ANONYMOUS, grantees: [] },
    { name: 'a person without an organisation', who: ada, grantees: [{ kind: 'person', subject: 'ada' }] },
    { name: 'an organisation the token only claims', who: { ...ada, organisation: 'uni-leiden' }, grantees: [{ kind: 'person', subject: 'ada' }] },
    {
      name: 'a verified organisation', who: { ...ada, organisation: 'uni-leiden', scopes: new Set([institutionScope('uni-leiden')]) },
      grantees: [{ kind: 'person', subject: 'ada' }, { kind: 'organisation', organisation: 'uni-leiden' }],
    },
  ])('$name', ({ who, grantees }) => {
    expect(granteesOf(who)).toEqual(grantees);
  });
});
