import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, institutionScope, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import type { GrantStore } from '../../../../gateway/stores/grant-store.js';
import { InMemoryGrantStore } from '../../../../gateway/stores/in-memory-grant-store.js';
import { RedisGrantStore } from '../../../../gateway/stores/redis-grant-store.js';
import { createRedisConnection, type RedisConnection } from '../../../../gateway/stores/redis-connection.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { startDemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// One contract, two implementations: the embedded default and Redis (real server on loopback,
// a key prefix of this run's own, removed afterwards).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const prefix = `concord-test:${randomBytes(6).toString('hex')}:grants:`;
let redis: RedisConnection;

beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

/** Ada's membership of uni-leiden is vouched for by the consortium IdP; Eve's token only claims it. */
const ada: Principal = { ...ANONYMOUS, authenticated: true, subject: 'ada', organisation: 'uni-leiden', scopes: new Set([institutionScope('uni-leiden')]) };
const eve: Principal = { ...ANONYMOUS, authenticated: true, subject: 'eve', organisation: 'uni-leiden', scopes: new Set(['consortium:member']) };
const bob: Principal = { ...ANONYMOUS, authenticated: true, subject: 'bob', organisation: 'acme' };
const toAda = (datasetId: string, expiresAt = 2_000_000_000_000): Grant => ({ datasetId, grantee: { kind: 'person', subject: 'ada' }, expiresAt, source: 'store' });
const toLeiden = (datasetId: string): Grant => ({ datasetId, grantee: { kind: 'organisation', organisation: 'uni-leiden' }, expiresAt: 2_000_000_000_000, source: 'store' });

describe.each([
  ['in memory', () => new InMemoryGrantStore() as GrantStore],
  ['Redis', () => new RedisGrantStore(redis.client, `${prefix}${randomBytes(4).toString('hex')}:`) as GrantStore],
])('grant store (%s)', (_name, create) => {
  it('returns the grants to the person and to their organisation, and nobody else\'s', async () => {
    const store = create();
    await store.put(toAda('p:ds-1'));
    await store.put(toLeiden('p:ds-2'));
    await store.put({ ...toAda('p:ds-3'), grantee: { kind: 'person', subject: 'bob' } });
    const grants = await store.grantsFor(ada);
    expect(grants.map((g) => g.datasetId).sort()).toEqual(['p:ds-1', 'p:ds-2']);
    expect(grants.find((g) => g.datasetId === 'p:ds-2')?.grantee).toEqual({ kind: 'organisation', organisation: 'uni-leiden' });
    expect((await store.grantsFor(bob)).map((g) => g.datasetId)).toEqual(['p:ds-3']);
  });

  it('does not read an organisation\'s grants for a token that only claims the organisation', async () => {
    const store = create();
    await store.put(toLeiden('p:ds-2'));
    expect(await store.grantsFor(eve)).toEqual([]);
    expect((await store.grantsFor(ada)).map((g) => g.datasetId)).toEqual(['p:ds-2']);
  });

  it('gives anonymous principals nothing', async () => {
    const store = create();
    await store.put(toAda('p:ds-1'));
    expect(await store.grantsFor(ANONYMOUS)).toEqual([]);
  });

  it('keeps the latest expiry of a re-issued grant, and forgets a revoked one', async () => {
    const store = create();
    await store.put(toAda('p:ds-1', 1_000));
    await store.put(toAda('p:ds-1', 5_000));
    expect(await store.grantsFor(ada)).toEqual([toAda('p:ds-1', 5_000)]);
    await store.revoke('p:ds-1', { kind: 'person', subject: 'ada' });
    expect(await store.grantsFor(ada)).toEqual([]);
  });
});

describe('Redis grant store when Redis is down', () => {
  it('fails the lookup rather than answering "no grants" or hanging', async () => {
    const down = createRedisConnection('redis://127.0.0.1:1/0', 200);
    try {
      const store = new RedisGrantStore(down.client, prefix);
      const started = Date.now();
      await expect(store.grantsFor(ada)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await down.close();
    }
  });
});

describe('a partner-issued grant in Redis, through the gateway', () => {
  it('opens a proprietary dataset to its grantee, and closes it again when revoked', async () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const store = new RedisGrantStore(redis.client, `${prefix}gateway:`);
    const federation = await startDemoFederation({ grants: store, now: () => now });
    try {
      const headers = await bearer(personaClaims('analyst', now.getTime()));
      const ask = async () => {
        const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "helix-therapeutics:ds-001") { sampleRecords } }', undefined, headers);
        return body.errors?.[0]?.extensions?.reason ?? (body.data?.dataset.sampleRecords.length > 0 ? 'allow' : 'empty');
      };
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
      const grantee = { kind: 'organisation' as const, organisation: 'acme-analytics' };
      await store.put({ datasetId: 'helix-therapeutics:ds-001', grantee, expiresAt: now.getTime() + 90 * 86_400_000, source: 'store' });
      expect(await ask()).toBe('allow');
      await store.revoke('helix-therapeutics:ds-001', grantee);
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
    } finally {
      await federation.close();
    }
  });
});

describe('the gateway when its grant store is down', () => {
  it('denies the fields that needed a grant lookup (fail closed) and still serves the rest', async () => {
    const federation = await startDemoFederation({}, { redisUrl: 'redis://127.0.0.1:1/0' });
    try {
      const { body } = await postGraphQL(federation.gatewayUrl,
        '{ dataset(id: "northbridge-hospital:ds-004") { title sampleRecords } }', undefined, await bearer(personaClaims('researcher')));
      expect(body.data?.dataset).toEqual({ title: expect.any(String), sampleRecords: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'POLICY_ERROR' });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|redis/i);
    } finally {
      await federation.close();
    }
  });
});
