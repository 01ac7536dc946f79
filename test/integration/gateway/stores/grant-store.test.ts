import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryAuditLog } from '../../../../runtime/audit/in-memory-audit-log.js';
import {
  encodeGrantEntry, encodeSuspension, grantsKey, suspensionKey, type Grantee,
} from '../../../../runtime/governance/grant-keys.js';
import { ANONYMOUS, institutionScope, type Principal } from '../../../../schema/policy/principal.js';
import { RedisGrantStore } from '../../../../gateway/stores/redis-grant-store.js';
import { createRedisConnection, type RedisConnection } from '../../../../gateway/stores/redis-connection.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { startDemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// The gateway's reading of the keys the governance store writes (runtime/governance/grant-keys.ts),
// on a real Redis on loopback under a key prefix of this run's own, removed afterwards.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test:${randomBytes(6).toString('hex')}:`;
let redis: RedisConnection;
let next = 0;
/** Each test its own prefix below the run's: no test sees another's keys. */
const freshPrefix = () => `${runPrefix}${next++}:`;

beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

/** Ada's membership of uni-leiden is vouched for by the consortium IdP; Eve's token only claims it. */
const ada: Principal = { ...ANONYMOUS, authenticated: true, subject: 'ada', organisation: 'uni-leiden', scopes: new Set([institutionScope('uni-leiden')]) };
const eve: Principal = { ...ANONYMOUS, authenticated: true, subject: 'eve', organisation: 'uni-leiden', scopes: new Set(['consortium:member']) };
const ADA: Grantee = { kind: 'person', subject: 'ada' };
const EVE: Grantee = { kind: 'person', subject: 'eve' };
const LEIDEN: Grantee = { kind: 'organisation', organisation: 'uni-leiden' };
const LATER = 2_000_000_000_000;

/** As the governance store writes them: a hash field per granted dataset, a key per suspension. */
async function writeGrant(prefix: string, grantee: Grantee, datasetId: string, value = encodeGrantEntry({ expiresAt: LATER })): Promise<void> {
  await redis.client.hSet(grantsKey(prefix, grantee), datasetId, value);
}
async function suspend(prefix: string, grantee: Grantee): Promise<void> {
  await redis.client.set(suspensionKey(prefix, grantee), encodeSuspension({ reason: 'incident 42', by: 'board-member', at: '2026-11-24T12:00:00Z' }));
}

describe('RedisGrantStore on Redis', () => {
  it('reads the person\'s and the verified organisation\'s grants, with ids and accepted terms', async () => {
    const prefix = freshPrefix();
    await writeGrant(prefix, ADA, 'p:ds-1', encodeGrantEntry({ id: 'g-1', expiresAt: LATER, acceptedTerms: ['LicenseRef-X'], partnerId: 'p' }));
    await writeGrant(prefix, ADA, 'p:ds-3', String(LATER));
    await writeGrant(prefix, LEIDEN, 'p:ds-2');
    await writeGrant(prefix, EVE, 'p:ds-9');
    const { grants, suspended } = await new RedisGrantStore(redis.client, { prefix }).grantsFor(ada);
    expect(suspended).toBe(false);
    expect(grants.sort((a, b) => a.datasetId.localeCompare(b.datasetId))).toEqual([
      { datasetId: 'p:ds-1', grantee: ADA, expiresAt: LATER, source: 'store', id: 'g-1', acceptedTerms: ['LicenseRef-X'] },
      { datasetId: 'p:ds-2', grantee: LEIDEN, expiresAt: LATER, source: 'store' },
      { datasetId: 'p:ds-3', grantee: ADA, expiresAt: LATER, source: 'store' },
    ]);
  });

  it('does not read an organisation\'s grants, or its suspension, for a token that only claims it', async () => {
    const prefix = freshPrefix();
    await writeGrant(prefix, LEIDEN, 'p:ds-2');
    await writeGrant(prefix, EVE, 'p:ds-9');
    await suspend(prefix, LEIDEN);
    expect(await new RedisGrantStore(redis.client, { prefix }).grantsFor(eve)).toEqual({
      grants: [{ datasetId: 'p:ds-9', grantee: EVE, expiresAt: LATER, source: 'store' }], suspended: false,
    });
  });

  it.each([
    { name: 'the person', suspended: ADA },
    { name: 'the verified organisation', suspended: LEIDEN },
  ])('gives no grants while $name is suspended, and all of them again once reinstated', async ({ suspended }) => {
    const prefix = freshPrefix();
    const store = new RedisGrantStore(redis.client, { prefix });
    await writeGrant(prefix, ADA, 'p:ds-1');
    await writeGrant(prefix, LEIDEN, 'p:ds-2');
    await suspend(prefix, suspended);
    expect(await store.grantsFor(ada)).toEqual({ grants: [], suspended: true });
    await redis.client.del(suspensionKey(prefix, suspended));
    expect((await store.grantsFor(ada)).grants.map((g) => g.datasetId).sort()).toEqual(['p:ds-1', 'p:ds-2']);
  });

  it('reads only under its own prefix', async () => {
    const prefix = freshPrefix();
    await writeGrant(freshPrefix(), ADA, 'p:ds-1');
    await suspend(freshPrefix(), ADA);
    expect(await new RedisGrantStore(redis.client, { prefix }).grantsFor(ada)).toEqual({ grants: [], suspended: false });
  });

  it('asks nothing for anonymous callers', async () => {
    const prefix = freshPrefix();
    await writeGrant(prefix, ADA, 'p:ds-1');
    const unreachable = createRedisConnection('redis://127.0.0.1:1/0', 200);
    try {
      // A store that would fail any command: anonymous callers never reach it.
      expect(await new RedisGrantStore(unreachable.client, { prefix }).grantsFor(ANONYMOUS)).toEqual({ grants: [], suspended: false });
    } finally {
      await unreachable.close();
    }
  });
});

describe('RedisGrantStore when Redis is down', () => {
  it('fails the lookup rather than answering "no grants" or hanging', async () => {
    const down = createRedisConnection('redis://127.0.0.1:1/0', 200);
    try {
      const store = new RedisGrantStore(down.client, { prefix: runPrefix });
      const started = Date.now();
      await expect(store.grantsFor(ada)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await down.close();
    }
  });
});

describe('grants in Redis, through the gateway (REDIS_URL and REDIS_KEY_PREFIX)', () => {
  it('opens a proprietary dataset to its grantee; a suspension and a revocation close it again', async () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const prefix = freshPrefix();
    const federation = await startDemoFederation({ now: () => now }, { redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    try {
      const headers = await bearer(personaClaims('analyst', now.getTime()));
      const ask = async () => {
        const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "helix-therapeutics:ds-001") { sampleRecords } }', undefined, headers);
        return body.errors?.[0]?.extensions?.reason ?? (body.data?.dataset.sampleRecords.length > 0 ? 'allow' : 'empty');
      };
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
      const acme: Grantee = { kind: 'organisation', organisation: 'acme-analytics' };
      await writeGrant(prefix, acme, 'helix-therapeutics:ds-001', encodeGrantEntry({ id: 'g-7', expiresAt: now.getTime() + 90 * 86_400_000 }));
      expect(await ask()).toBe('allow');
      await suspend(prefix, { kind: 'person', subject: 'demo-analyst' });
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
      await redis.client.del(suspensionKey(prefix, { kind: 'person', subject: 'demo-analyst' }));
      expect(await ask()).toBe('allow');
      await redis.client.hDel(grantsKey(prefix, acme), 'helix-therapeutics:ds-001');
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
    } finally {
      await federation.close();
    }
  });

  it('drops the token\'s own grants while the person is suspended', async () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const prefix = freshPrefix();
    const federation = await startDemoFederation({ now: () => now }, { redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    try {
      // The researcher's token carries a grant of northbridge-hospital:ds-022 (subgraphs/demo/demo-personas.ts).
      const headers = await bearer(personaClaims('researcher', now.getTime()));
      const ask = async () => {
        const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "northbridge-hospital:ds-022") { sampleRecords } }', undefined, headers);
        return body.errors?.[0]?.extensions?.reason ?? 'allow';
      };
      expect(await ask()).toBe('allow');
      await suspend(prefix, { kind: 'person', subject: 'demo-researcher' });
      expect(await ask()).toBe('NO_ACTIVE_GRANT');
    } finally {
      await federation.close();
    }
  });
});

describe('the gateway when Redis is down', () => {
  it('denies the fields that needed grants with GRANTS_UNAVAILABLE and still serves the rest', async () => {
    // The audit trail kept in memory here, so that only the grants meet the Redis that is down
    // (with the trail in that Redis too, every guarded field is withheld: AUDIT_UNAVAILABLE).
    const federation = await startDemoFederation({ audit: new InMemoryAuditLog() }, { redisUrl: 'redis://127.0.0.1:1/0' });
    try {
      const { body } = await postGraphQL(federation.gatewayUrl,
        '{ dataset(id: "northbridge-hospital:ds-004") { title sampleRecords } }', undefined, await bearer(personaClaims('researcher')));
      expect(body.data?.dataset).toEqual({ title: expect.any(String), sampleRecords: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions).toEqual({
        code: 'UNAUTHORIZED_FIELD_OR_TYPE', policy: 'dataset:sample-records', reason: 'GRANTS_UNAVAILABLE', obtainAccess: expect.any(String),
      });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|redis/i);
    } finally {
      await federation.close();
    }
  });
});
