import { describe, expect, it } from 'vitest';
import { encodeGrantEntry, type Grantee } from '../../../../runtime/governance/grant-keys.js';
import { RedisGrantStore, storedGrantsOf } from '../../../../gateway/stores/redis-grant-store.js';
import type { RedisClient } from '../../../../gateway/stores/redis-connection.js';
import { ANONYMOUS, institutionScope, type Grant, type Principal } from '../../../../schema/policy/principal.js';

// What the gateway makes of the keys the governance store writes (runtime/governance/grant-keys.ts):
// one hash per grantee, field = dataset id, value = a grant entry or a bare expiry written before
// grants had ids; any suspension key of the person or their organisation stops every grant.

const ADA: Grantee = { kind: 'person', subject: 'ada' };
const LEIDEN: Grantee = { kind: 'organisation', organisation: 'uni-leiden' };
const store = (grantee: Grantee, datasetId: string, more: Partial<Grant> = {}): Grant =>
  ({ datasetId, grantee, expiresAt: 2_000_000_000_000, source: 'store', ...more });

describe('storedGrantsOf', () => {
  it.each<{ name: string; hashes: Record<string, string>[]; suspended?: number; grants: Grant[] | 'suspended' }>([
    { name: 'no grants', hashes: [{}, {}], grants: [] },
    { name: 'a bare expiry (the layout before grant ids)', hashes: [{ 'p:ds-1': '2000000000000' }, {}], grants: [store(ADA, 'p:ds-1')] },
    {
      name: 'an entry with id, accepted terms and partner',
      hashes: [{ 'p:ds-1': encodeGrantEntry({ id: 'g-1', expiresAt: 2_000_000_000_000, acceptedTerms: ['LicenseRef-X'], partnerId: 'p' }) }, {}],
      grants: [store(ADA, 'p:ds-1', { id: 'g-1', acceptedTerms: ['LicenseRef-X'] })],
    },
    {
      name: 'an entry with only an expiry',
      hashes: [{}, { 'p:ds-2': encodeGrantEntry({ expiresAt: 1_000 }) }],
      grants: [store(LEIDEN, 'p:ds-2', { expiresAt: 1_000 })],
    },
    {
      name: 'the person\'s and the organisation\'s, each with its grantee',
      hashes: [{ 'p:ds-1': '2000000000000' }, { 'p:ds-1': encodeGrantEntry({ id: 'g-2', expiresAt: 2_000_000_000_000 }) }],
      grants: [store(ADA, 'p:ds-1'), store(LEIDEN, 'p:ds-1', { id: 'g-2' })],
    },
    {
      name: 'values that are not entries grant nothing',
      hashes: [{ 'p:ds-1': 'soon', 'p:ds-2': '{"id":"g-3"}', 'p:ds-3': '-5', 'p:ds-4': '2000000000000' }, {}],
      grants: [store(ADA, 'p:ds-4')],
    },
    { name: 'a suspended grantee has no grants', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: 1, grants: 'suspended' },
    { name: 'both suspended', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: 2, grants: 'suspended' },
    { name: 'a count that cannot be read is taken as suspended', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: NaN, grants: 'suspended' },
  ])('$name', ({ hashes, suspended = 0, grants }) => {
    expect(storedGrantsOf([ADA, LEIDEN], hashes, suspended)).toEqual(
      grants === 'suspended' ? { grants: [], suspended: true } : { grants, suspended: false },
    );
  });
});

/** A client that has only MULTI: any other command the store sent would fail the read. */
function oneMultiClient(replies: unknown[]): { client: RedisClient; sent: string[][]; transactions: () => number } {
  const sent: string[][] = [];
  let transactions = 0;
  const client = {
    multi() {
      transactions += 1;
      const chain = {
        hGetAll(key: string) { sent.push(['HGETALL', key]); return chain; },
        exists(keys: string[]) { sent.push(['EXISTS', ...keys]); return chain; },
        exec: async () => replies,
      };
      return chain;
    },
  };
  return { client: client as unknown as RedisClient, sent, transactions: () => transactions };
}

describe('RedisGrantStore reads', () => {
  const ada: Principal = { ...ANONYMOUS, authenticated: true, subject: 'ada', organisation: 'uni-leiden', scopes: new Set([institutionScope('uni-leiden')]) };

  it.each<{ name: string; who: Principal; prefix?: string; sent: string[][] }>([
    {
      name: 'the person and the verified organisation, under the default prefix', who: ada,
      sent: [['HGETALL', 'concord:grants:person:ada'], ['HGETALL', 'concord:grants:organisation:uni-leiden'],
        ['EXISTS', 'concord:suspended:person:ada', 'concord:suspended:organisation:uni-leiden']],
    },
    {
      name: 'the person only, when the organisation is only claimed', who: { ...ada, scopes: new Set() }, prefix: 'concord-test:1:',
      sent: [['HGETALL', 'concord-test:1:grants:person:ada'], ['EXISTS', 'concord-test:1:suspended:person:ada']],
    },
    { name: 'nothing for anonymous callers', who: ANONYMOUS, sent: [] },
  ])('in one MULTI: $name', async ({ who, prefix, sent }) => {
    const replies = [...sent.filter(([command]) => command === 'HGETALL').map(() => ({})), 0];
    const fake = oneMultiClient(replies);
    await new RedisGrantStore(fake.client, prefix ? { prefix } : {}).grantsFor(who);
    expect(fake.sent).toEqual(sent);
    expect(fake.transactions()).toBe(sent.length > 0 ? 1 : 0);
  });
});
