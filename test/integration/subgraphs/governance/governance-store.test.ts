import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGrantEntry, grantsKey, suspensionKey, type Grantee } from '../../../../runtime/governance/grant-keys.js';
import { openRedisConnection, type RedisConnection } from '../../../../runtime/redis-connection.js';
import {
  GovernanceStoreUnavailableError,
  type AccessRequest,
  type Decision,
  type DecisionOutcome,
  type GovernanceStore,
  type StoredGrant,
} from '../../../../subgraphs/governance/store/governance-store.js';
import { InMemoryGovernanceStore } from '../../../../subgraphs/governance/store/in-memory-governance-store.js';
import { RedisGovernanceStore } from '../../../../subgraphs/governance/store/redis-governance-store.js';
import { GovernanceKeys } from '../../../../subgraphs/governance/store/redis-keys.js';

// One contract, two stores: the in-memory one and Redis (a real server, this run's own key prefix,
// removed afterwards). Every test makes its own store under a prefix of its own, so tests share
// nothing and may run in any order. Times are fixed; nothing waits on the clock.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test:${randomBytes(6).toString('hex')}:`;
let redis: RedisConnection;

beforeAll(async () => {
  redis = openRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});

afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const FAR = Date.parse('2100-01-01T00:00:00.000Z');

const ada: Grantee = { kind: 'person', subject: 'ada' };

function request(id: string, parts: Record<string, string[]>, options: { subject?: string; createdAt?: string } = {}): AccessRequest {
  return {
    id,
    requester: { subject: options.subject ?? 'ada', organisation: 'uni-leiden' },
    purpose: { category: 'disease', diseaseId: 'MONDO:0005148', genetic: false, commercial: false, ethicsApproval: true, project: 'glucose' },
    projectTitle: 'Glucose trajectories',
    justification: 'Cohort comparison',
    acceptedDuties: ['PUB'],
    acceptedTerms: ['LicenseRef-helix-dua'],
    createdAt: options.createdAt ?? at(0),
    parts: Object.entries(parts).map(([partnerId, datasetIds]) => ({ partnerId, datasetIds, status: 'PENDING' as const })),
  };
}

function decision(outcome: DecisionOutcome, days = 1, by = 'steward-helix'): Decision {
  return { by, at: at(days), outcome, reason: `${outcome} because`, policyVersion: 'policy-7', ...(outcome === 'APPROVE' ? { grantDays: 90 } : {}) };
}

function grant(id: string, requestId: string, partnerId: string, datasetId: string, expiresAt = FAR, grantee: Grantee = ada): StoredGrant {
  return { id, datasetId, partnerId, grantee, requestId, grantedAt: at(1), expiresAt, acceptedTerms: ['LicenseRef-helix-dua'], acceptedDuties: ['PUB'] };
}

/** What a listing page names: request/partner. */
const named = (items: { request: AccessRequest; part: { partnerId: string } }[]) => items.map((i) => `${i.request.id}/${i.part.partnerId}`);

let stores = 0;
interface Backend {
  create(): { store: GovernanceStore; prefix: string | null };
  /** A second instance over the same state (a restart, or another replica), where there is one. */
  reopen?(prefix: string): GovernanceStore;
}

const inMemory: Backend = { create: () => ({ store: new InMemoryGovernanceStore(), prefix: null }) };
const inRedis: Backend = {
  create: () => {
    const prefix = `${runPrefix}${++stores}:`;
    return { store: new RedisGovernanceStore(redis.client, { prefix }), prefix };
  },
  reopen: (prefix) => new RedisGovernanceStore(redis.client, { prefix }),
};

/** The gateway's view of a grantee's grant for a dataset (Redis only): the decoded hash field. */
async function gatewayEntry(prefix: string | null, grantee: Grantee, datasetId: string) {
  if (prefix === null) return undefined;
  const raw = await redis.client.hGet(grantsKey(prefix, grantee), datasetId);
  return raw == null ? null : decodeGrantEntry(raw);
}

describe.each([
  ['in memory', inMemory],
  ['Redis', inRedis],
])('governance store (%s)', (name, backend) => {
  it('says whether it is durable', () => {
    expect(backend.create().store.durable).toBe(name === 'Redis');
  });

  it('records a request and gives it back, to its requester only, oldest first', async () => {
    const { store } = backend.create();
    const second = request('r-2', { helix: ['helix:ds-2'] }, { createdAt: at(2) });
    const first = request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-9'] }, { createdAt: at(1) });
    expect(await store.createRequest(second)).toEqual({ ok: true, value: second });
    expect(await store.createRequest(first)).toEqual({ ok: true, value: first });
    expect(await store.createRequest(request('r-3', { helix: ['helix:ds-1'] }, { subject: 'bob' }))).toMatchObject({ ok: true });
    expect(await store.getRequest('r-1')).toEqual(first);
    expect(await store.getRequest('r-unknown')).toBeNull();
    expect((await store.requestsOf('ada')).map((r) => r.id)).toEqual(['r-1', 'r-2']);
    expect((await store.requestsOf('bob')).map((r) => r.id)).toEqual(['r-3']);
    expect(await store.requestsOf('carol')).toEqual([]);
  });

  it('copies values in and out: a caller cannot change stored state through an object', async () => {
    const { store } = backend.create();
    const input = request('r-1', { helix: ['helix:ds-1'] });
    const created = await store.createRequest(input);
    (input.parts[0] as { status: string }).status = 'APPROVED';
    (input.parts[0]!.datasetIds as string[]).push('helix:ds-2');
    if (created.ok) (created.value as { projectTitle: string }).projectTitle = 'changed';
    const read = await store.getRequest('r-1');
    (read!.requester as { subject: string }).subject = 'mallory';
    const again = await store.getRequest('r-1');
    expect(again).toEqual(request('r-1', { helix: ['helix:ds-1'] }));
    const page = await store.partsOf('helix', 'PENDING', 10);
    (page.items[0]!.part as { status: string }).status = 'DENIED';
    expect((await store.partsOf('helix', 'PENDING', 10)).items).toHaveLength(1);
  });

  it('refuses a second pending request of the same requester for a dataset, naming the dataset, and writes nothing of it', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1', 'helix:ds-2'] }));
    const duplicate = await store.createRequest(request('r-2', { north: ['north:ds-1'], helix: ['helix:ds-2'] }, { createdAt: at(1) }));
    expect(duplicate).toMatchObject({ ok: false, conflict: 'DUPLICATE_PENDING' });
    expect(!duplicate.ok && duplicate.detail).toContain('helix:ds-2');
    expect(!duplicate.ok && duplicate.detail).toContain('r-1');
    expect(await store.getRequest('r-2')).toBeNull();
    expect((await store.partsOf('north', 'PENDING', 10)).items).toEqual([]);
    // Another requester may ask for the same dataset; so may the same one once the first is withdrawn.
    expect(await store.createRequest(request('r-3', { helix: ['helix:ds-2'] }, { subject: 'bob' }))).toMatchObject({ ok: true });
    await store.withdraw('r-1', at(1));
    expect(await store.createRequest(request('r-4', { helix: ['helix:ds-2'] }, { createdAt: at(2) }))).toMatchObject({ ok: true });
  });

  it('withdraws every pending part, once, and leaves decided parts alone', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-1'] }));
    await store.decide('r-1', 'north', decision('DENY'), []);
    const withdrawn = await store.withdraw('r-1', at(2));
    expect(withdrawn.ok && withdrawn.value.parts.map((p) => [p.partnerId, p.status, p.withdrawnAt])).toEqual([
      ['helix', 'WITHDRAWN', at(2)],
      ['north', 'DENIED', undefined],
    ]);
    expect(await store.withdraw('r-1', at(3))).toMatchObject({ ok: false, conflict: 'NOT_PENDING' });
    expect(await store.withdraw('r-unknown', at(3))).toMatchObject({ ok: false, conflict: 'NOT_FOUND' });
    expect((await store.partsOf('helix', 'PENDING', 10)).items).toEqual([]);
    expect(named((await store.partsOf('helix', 'WITHDRAWN', 10)).items)).toEqual(['r-1/helix']);
    expect(await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')])).toMatchObject({ ok: false, conflict: 'NOT_PENDING' });
    expect(await store.grantsOf(ada)).toEqual([]);
  });

  it('approves a part with its grants in one step, visible to grantsOf and to the gateway', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1', 'helix:ds-2'], north: ['north:ds-1'] }));
    const grants = [grant('g-1', 'r-1', 'helix', 'helix:ds-1', T0 + 91 * DAY), grant('g-2', 'r-1', 'helix', 'helix:ds-2', T0 + 91 * DAY)];
    const approved = await store.decide('r-1', 'helix', decision('APPROVE'), grants);
    expect(approved.ok && approved.value.parts.map((p) => [p.partnerId, p.status])).toEqual([['helix', 'APPROVED'], ['north', 'PENDING']]);
    expect((await store.getRequest('r-1'))!.parts[0]!.decision).toEqual(decision('APPROVE'));
    expect(await store.grantsOf(ada)).toEqual(grants);
    expect(await store.getGrant('g-2')).toEqual(grants[1]);
    expect(await store.getGrant('g-unknown')).toBeNull();
    expect(await store.grantsOf({ kind: 'organisation', organisation: 'uni-leiden' })).toEqual([]);
    expect((await store.partsOf('helix', 'PENDING', 10)).items).toEqual([]);
    expect(named((await store.partsOf('helix', 'APPROVED', 10)).items)).toEqual(['r-1/helix']);
    expect(named((await store.partsOf('north', 'PENDING', 10)).items)).toEqual(['r-1/north']);
    if (prefix !== null) {
      expect(await gatewayEntry(prefix, ada, 'helix:ds-1')).toEqual({ id: 'g-1', expiresAt: T0 + 91 * DAY, acceptedTerms: ['LicenseRef-helix-dua'], partnerId: 'helix' });
      expect(await gatewayEntry(prefix, ada, 'north:ds-1')).toBeNull();
    }
    expect(await store.decide('r-1', 'helix', decision('DENY'), [])).toMatchObject({ ok: false, conflict: 'NOT_PENDING' });
    expect(await store.decide('r-1', 'nobody', decision('DENY'), [])).toMatchObject({ ok: false, conflict: 'NOT_FOUND' });
    expect(await store.decide('r-unknown', 'helix', decision('DENY'), [])).toMatchObject({ ok: false, conflict: 'NOT_FOUND' });
  });

  it('records a denial and a request for changes, with no grants', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-1'] }));
    expect(await store.decide('r-1', 'helix', decision('DENY'), [])).toMatchObject({ ok: true });
    expect(await store.decide('r-1', 'north', decision('NEEDS_CHANGES', 2, 'steward-north'), [])).toMatchObject({ ok: true });
    const stored = await store.getRequest('r-1');
    expect(stored!.parts.map((p) => [p.status, p.decision?.outcome, p.decision?.by])).toEqual([
      ['DENIED', 'DENY', 'steward-helix'],
      ['NEEDS_CHANGES', 'NEEDS_CHANGES', 'steward-north'],
    ]);
    expect(named((await store.partsOf('helix', 'DENIED', 10)).items)).toEqual(['r-1/helix']);
    expect(named((await store.partsOf('north', 'NEEDS_CHANGES', 10)).items)).toEqual(['r-1/north']);
    expect(await store.grantsOf(ada)).toEqual([]);
    if (prefix !== null) expect(await redis.client.exists(grantsKey(prefix, ada))).toBe(0);
    // Neither is pending any more: the datasets may be requested again.
    expect(await store.createRequest(request('r-2', { helix: ['helix:ds-1'], north: ['north:ds-1'] }, { createdAt: at(3) }))).toMatchObject({ ok: true });
  });

  it('takes one appeal per part, only after a denial, and the board\'s decision on it is final', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-1'] }));
    expect(await store.appeal('r-1', 'helix', 'please', at(2))).toMatchObject({ ok: false, conflict: 'NOT_DENIED' });
    await store.decide('r-1', 'helix', decision('DENY'), []);
    await store.decide('r-1', 'north', decision('APPROVE'), [grant('g-n', 'r-1', 'north', 'north:ds-1')]);
    expect(await store.appeal('r-1', 'north', 'more please', at(2))).toMatchObject({ ok: false, conflict: 'NOT_DENIED' });
    expect(await store.appeal('r-unknown', 'helix', 'please', at(2))).toMatchObject({ ok: false, conflict: 'NOT_FOUND' });
    expect(await store.decideAppeal('r-1', 'helix', decision('APPROVE', 3, 'board-1'), [])).toMatchObject({ ok: false, conflict: 'NO_PENDING_APPEAL' });

    const appealed = await store.appeal('r-1', 'helix', 'the cohort is anonymised', at(2));
    expect(appealed.ok && appealed.value.parts[0]).toMatchObject({ status: 'DENIED', appeal: { statement: 'the cohort is anonymised', at: at(2) } });
    expect(await store.appeal('r-1', 'helix', 'again', at(3))).toMatchObject({ ok: false, conflict: 'ALREADY_APPEALED' });
    expect(named((await store.pendingAppeals(10)).items)).toEqual(['r-1/helix']);

    const board = decision('APPROVE', 4, 'board-1');
    const decided = await store.decideAppeal('r-1', 'helix', board, [grant('g-h', 'r-1', 'helix', 'helix:ds-1')]);
    expect(decided.ok && decided.value.parts[0]).toEqual({
      partnerId: 'helix',
      datasetIds: ['helix:ds-1'],
      status: 'APPROVED',
      decision: decision('DENY'),
      appeal: { statement: 'the cohort is anonymised', at: at(2), decision: board },
    });
    expect((await store.grantsOf(ada)).map((g) => g.id).sort()).toEqual(['g-h', 'g-n']);
    if (prefix !== null) expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe('g-h');
    expect((await store.pendingAppeals(10)).items).toEqual([]);
    expect(await store.decideAppeal('r-1', 'helix', decision('DENY', 5, 'board-2'), [])).toMatchObject({ ok: false, conflict: 'NO_PENDING_APPEAL' });
    expect(await store.appeal('r-1', 'helix', 'and again', at(5))).toMatchObject({ ok: false, conflict: 'ALREADY_APPEALED' });
  });

  it('keeps a part denied when the board denies its appeal', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.decide('r-1', 'helix', decision('DENY'), []);
    await store.appeal('r-1', 'helix', 'please', at(2));
    const decided = await store.decideAppeal('r-1', 'helix', decision('DENY', 3, 'board-1'), []);
    expect(decided.ok && decided.value.parts[0]!.status).toBe('DENIED');
    expect((await store.pendingAppeals(10)).items).toEqual([]);
    expect(named((await store.partsOf('helix', 'DENIED', 10)).items)).toEqual(['r-1/helix']);
  });

  it('revokes a grant once, and the gateway stops seeing it', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')]);
    const revocation = { by: 'steward-helix', at: at(10), reason: 'project ended' };
    const revoked = await store.revokeGrant('g-1', revocation);
    expect(revoked).toEqual({ ok: true, value: { ...grant('g-1', 'r-1', 'helix', 'helix:ds-1'), revoked: revocation } });
    expect(await store.getGrant('g-1')).toEqual({ ...grant('g-1', 'r-1', 'helix', 'helix:ds-1'), revoked: revocation });
    expect((await store.grantsOf(ada))[0]?.revoked).toEqual(revocation);
    if (prefix !== null) expect(await gatewayEntry(prefix, ada, 'helix:ds-1')).toBeNull();
    const twice = await store.revokeGrant('g-1', { ...revocation, by: 'board-1' });
    expect(twice).toMatchObject({ ok: false, conflict: 'ALREADY_REVOKED' });
    expect(await store.revokeGrant('g-unknown', revocation)).toMatchObject({ ok: false, conflict: 'NOT_FOUND' });
  });

  it('keeps the longest live grant of a dataset in the gateway\'s view, through approvals and revocations', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-long', 'r-1', 'helix', 'helix:ds-1', FAR)]);
    await store.createRequest(request('r-2', { helix: ['helix:ds-1'] }, { createdAt: at(2) }));
    await store.decide('r-2', 'helix', decision('APPROVE'), [grant('g-short', 'r-2', 'helix', 'helix:ds-1', FAR - 100 * DAY)]);
    expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe(prefix === null ? undefined : 'g-long');
    // Revoking the shorter grant leaves the field alone: it holds the other one.
    await store.revokeGrant('g-short', { by: 'board-1', at: at(3), reason: 'r' });
    expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe(prefix === null ? undefined : 'g-long');
    await store.createRequest(request('r-3', { helix: ['helix:ds-1'] }, { createdAt: at(4) }));
    await store.decide('r-3', 'helix', decision('APPROVE'), [grant('g-next', 'r-3', 'helix', 'helix:ds-1', FAR - 200 * DAY)]);
    // Revoking the one the gateway sees hands the field to the live grant that remains.
    await store.revokeGrant('g-long', { by: 'board-1', at: at(5), reason: 'r' });
    expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe(prefix === null ? undefined : 'g-next');
    await store.revokeGrant('g-next', { by: 'board-1', at: at(6), reason: 'r' });
    expect(await gatewayEntry(prefix, ada, 'helix:ds-1')).toBe(prefix === null ? undefined : null);
    expect((await store.grantsOf(ada)).map((g) => [g.id, g.revoked !== undefined])).toEqual([
      ['g-long', true], ['g-next', true], ['g-short', true],
    ]);
  });

  it('marks organisations trusted for a partner\'s data classes, and removes the marks', async () => {
    const { store } = backend.create();
    const mark = { partnerId: 'helix', organisation: 'uni-leiden', dataClass: 'genomic', by: 'steward-helix', at: at(1) };
    await store.setTrust(mark);
    await store.setTrust({ ...mark, dataClass: 'clinical' });
    await store.setTrust({ ...mark, at: at(2) });
    await store.setTrust({ ...mark, partnerId: 'north' });
    expect(await store.isTrusted('helix', 'uni-leiden', 'genomic')).toBe(true);
    expect(await store.isTrusted('helix', 'uni-leiden', 'imaging')).toBe(false);
    expect(await store.isTrusted('helix', 'acme', 'genomic')).toBe(false);
    expect(await store.trustMarksOf('helix')).toEqual([{ ...mark, dataClass: 'clinical' }, { ...mark, at: at(2) }]);
    expect(await store.removeTrust('helix', 'uni-leiden', 'genomic')).toBe(true);
    expect(await store.removeTrust('helix', 'uni-leiden', 'genomic')).toBe(false);
    expect(await store.isTrusted('helix', 'uni-leiden', 'genomic')).toBe(false);
    expect(await store.isTrusted('north', 'uni-leiden', 'genomic')).toBe(true);
    expect(await store.trustMarksOf('nobody')).toEqual([]);
  });

  it('suspends and reinstates a person or an organisation, where the gateway reads it', async () => {
    const { store, prefix } = backend.create();
    const leiden: Grantee = { kind: 'organisation', organisation: 'uni-leiden' };
    const suspension = { grantee: leiden, reason: 'incident 42', by: 'board-1', at: at(1) };
    await store.suspend(suspension);
    expect(await store.suspensionOf(leiden)).toEqual(suspension);
    expect(await store.suspensionOf(ada)).toBeNull();
    if (prefix !== null) {
      expect(JSON.parse((await redis.client.get(suspensionKey(prefix, leiden)))!)).toEqual({ reason: 'incident 42', by: 'board-1', at: at(1) });
      expect(await redis.client.exists(suspensionKey(prefix, ada))).toBe(0);
    }
    expect(await store.reinstate(leiden)).toBe(true);
    expect(await store.reinstate(leiden)).toBe(false);
    expect(await store.suspensionOf(leiden)).toBeNull();
    if (prefix !== null) expect(await redis.client.exists(suspensionKey(prefix, leiden))).toBe(0);
  });

  it('lists overdue parts of every partner, oldest first, page by page', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-c', { helix: ['helix:ds-3'] }, { createdAt: at(3) }));
    await store.createRequest(request('r-a', { helix: ['helix:ds-1'], north: ['north:ds-1'] }, { createdAt: at(1) }));
    await store.createRequest(request('r-b', { north: ['north:ds-2'] }, { createdAt: at(1), subject: 'bob' }));
    await store.createRequest(request('r-d', { helix: ['helix:ds-4'] }, { createdAt: at(2) }));
    await store.createRequest(request('r-late', { helix: ['helix:ds-5'] }, { createdAt: at(70) }));
    await store.decide('r-d', 'helix', decision('DENY', 3), []);
    const seen: string[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await store.overdueParts(at(61), 2, after);
      seen.push(...named(page.items));
      sizes.push(page.items.length);
      after = page.endCursor;
    } while (after !== null);
    expect(seen).toEqual(['r-a/helix', 'r-a/north', 'r-b/north', 'r-c/helix']);
    expect(sizes).toEqual([2, 2]);
    expect(named((await store.overdueParts(at(1), 10)).items)).toEqual([]);
    expect(named((await store.overdueParts(new Date(T0 + DAY + 1).toISOString(), 10)).items)).toEqual(['r-a/helix', 'r-a/north', 'r-b/north']);
  });

  it('pages one partner\'s parts in one status, ties in creation time in id order, and refuses foreign cursors', async () => {
    const { store } = backend.create();
    for (const id of ['r-3', 'r-1', 'r-10', 'r-2']) {
      await store.createRequest(request(id, { helix: [`helix:${id}`] }, { createdAt: at(5) }));
    }
    await store.createRequest(request('r-0', { helix: ['helix:r-0'] }, { createdAt: at(6) }));
    const first = await store.partsOf('helix', 'PENDING', 3);
    expect(named(first.items)).toEqual(['r-1/helix', 'r-10/helix', 'r-2/helix']);
    expect(typeof first.endCursor).toBe('string');
    const second = await store.partsOf('helix', 'PENDING', 3, first.endCursor);
    expect(named(second.items)).toEqual(['r-3/helix', 'r-0/helix']);
    expect(second.endCursor).toBeNull();
    // A part decided between two pages leaves the listing without disturbing the cursor.
    await store.decide('r-3', 'helix', decision('APPROVE', 6), []);
    expect(named((await store.partsOf('helix', 'PENDING', 3, first.endCursor)).items)).toEqual(['r-0/helix']);
    const exact = await store.partsOf('helix', 'PENDING', 4);
    expect(exact.items).toHaveLength(4);
    expect(exact.endCursor).toBeNull();
    await expect(store.partsOf('helix', 'PENDING', 3, 'not-a-cursor')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(store.partsOf('helix', 'PENDING', 0)).rejects.toThrow(RangeError);
  });

  it('lists appeals the board has not decided, oldest appeal first, page by page', async () => {
    const { store } = backend.create();
    for (const [id, appealDay] of [['r-1', 9], ['r-2', 7], ['r-3', 8], ['r-4', 6]] as const) {
      await store.createRequest(request(id, { helix: [`helix:${id}`] }, { createdAt: at(1) }));
      await store.decide(id, 'helix', decision('DENY', 2), []);
      await store.appeal(id, 'helix', 'please', at(appealDay));
    }
    await store.decideAppeal('r-4', 'helix', decision('DENY', 10, 'board-1'), []);
    const firstPage = await store.pendingAppeals(2);
    expect(named(firstPage.items)).toEqual(['r-2/helix', 'r-3/helix']);
    const secondPage = await store.pendingAppeals(2, firstPage.endCursor);
    expect(named(secondPage.items)).toEqual(['r-1/helix']);
    expect(secondPage.endCursor).toBeNull();
  });

  it('lists every request, oldest first and ties in id order, whatever its status or requester, page by page', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-3', { helix: ['helix:ds-3'] }, { createdAt: at(3) }));
    await store.createRequest(request('r-b', { north: ['north:ds-1'] }, { createdAt: at(1), subject: 'bob' }));
    await store.createRequest(request('r-a', { helix: ['helix:ds-1'], north: ['north:ds-2'] }, { createdAt: at(1) }));
    await store.createRequest(request('r-10', { helix: ['helix:ds-9'] }, { createdAt: at(1), subject: 'carol' }));
    await store.createRequest(request('r-0', { helix: ['helix:ds-0'] }, { createdAt: at(0), subject: 'dan' }));
    await store.decide('r-a', 'helix', decision('APPROVE'), [grant('g-1', 'r-a', 'helix', 'helix:ds-1')]);
    await store.withdraw('r-3', at(4));
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    do {
      const page = await store.allRequests(2, after);
      seen.push(...page.items.map((r) => r.id));
      sizes.push(page.items.length);
      after = page.endCursor;
    } while (after !== null);
    expect(seen).toEqual(['r-0', 'r-10', 'r-a', 'r-b', 'r-3']);
    expect(sizes).toEqual([2, 2, 1]);
    const whole = await store.allRequests(10);
    expect(whole.endCursor).toBeNull();
    // Each request whole and as it is now, decisions and withdrawals included.
    expect(whole.items.find((r) => r.id === 'r-a')).toEqual(await store.getRequest('r-a'));
    expect(whole.items.find((r) => r.id === 'r-3')!.parts[0]!.status).toBe('WITHDRAWN');
    // A request made between two pages behind the cursor is not seen again, nor one ahead missed.
    const first = await store.allRequests(2);
    await store.createRequest(request('r-new', { helix: ['helix:ds-7'] }, { createdAt: at(2), subject: 'erin' }));
    expect((await store.allRequests(10, first.endCursor)).items.map((r) => r.id)).toEqual(['r-a', 'r-b', 'r-new', 'r-3']);
    expect(await backend.create().store.allRequests(5)).toEqual({ items: [], endCursor: null });
  });

  it('lists every grant, revoked and expired ones included, by grant time then id, page by page', async () => {
    const { store } = backend.create();
    const bob: Grantee = { kind: 'person', subject: 'bob' };
    const leiden: Grantee = { kind: 'organisation', organisation: 'uni-leiden' };
    await store.createRequest(request('r-1', { helix: ['helix:ds-1', 'helix:ds-2'], north: ['north:ds-1'] }));
    await store.createRequest(request('r-2', { helix: ['helix:ds-1'] }, { subject: 'bob' }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [
      { ...grant('g-b', 'r-1', 'helix', 'helix:ds-2'), grantedAt: at(2) },
      { ...grant('g-expired', 'r-1', 'helix', 'helix:ds-1', T0 + 2 * DAY), grantedAt: at(1) },
    ]);
    await store.decide('r-2', 'helix', decision('APPROVE'), [{ ...grant('g-a', 'r-2', 'helix', 'helix:ds-1', FAR, bob), grantedAt: at(2) }]);
    await store.decide('r-1', 'north', decision('APPROVE'), [{ ...grant('g-0', 'r-1', 'north', 'north:ds-1', FAR, leiden), grantedAt: at(0) }]);
    await store.revokeGrant('g-a', { by: 'steward-helix', at: at(3), reason: 'misuse' });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await store.allGrants(3, after);
      seen.push(...page.items.map((g) => g.id));
      pages += 1;
      after = page.endCursor;
    } while (after !== null);
    expect(seen).toEqual(['g-0', 'g-expired', 'g-a', 'g-b']);
    expect(pages).toBe(2);
    const all = (await store.allGrants(10)).items;
    expect(all.find((g) => g.id === 'g-a')!.revoked).toEqual({ by: 'steward-helix', at: at(3), reason: 'misuse' });
    expect(all.find((g) => g.id === 'g-0')).toEqual(await store.getGrant('g-0'));
    // A grant given after a listing was read is in the next one.
    await store.createRequest(request('r-3', { helix: ['helix:ds-3'] }, { subject: 'carol' }));
    await store.decide('r-3', 'helix', decision('APPROVE'), [{ ...grant('g-c', 'r-3', 'helix', 'helix:ds-3'), grantedAt: at(5) }]);
    expect((await store.allGrants(2, (await store.allGrants(3)).endCursor)).items.map((g) => g.id)).toEqual(['g-b', 'g-c']);
  });

  it('refuses a cursor of another kind of listing, and a page of nothing', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.createRequest(request('r-2', { helix: ['helix:ds-2'] }, { createdAt: at(1) }));
    const partsCursor = (await store.partsOf('helix', 'PENDING', 1)).endCursor!;
    await expect(store.allRequests(1, partsCursor)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
    await expect(store.allGrants(1, 'not-a-cursor')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const requestsCursor = (await store.allRequests(1)).endCursor!;
    await expect(store.partsOf('helix', 'PENDING', 1, requestsCursor)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(store.allRequests(0)).rejects.toThrow(RangeError);
    await expect(store.allGrants(1.5)).rejects.toThrow(RangeError);
  });

  it('lets exactly one of twenty concurrent decisions on a part win', async () => {
    const { store, prefix } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.decide(
      'r-1', 'helix', decision(i % 2 === 0 ? 'APPROVE' : 'DENY', 1, `steward-${i}`),
      i % 2 === 0 ? [grant(`g-${i}`, 'r-1', 'helix', 'helix:ds-1')] : [],
    )));
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.conflict)).toEqual(Array(19).fill('NOT_PENDING'));
    const winner = winners[0]!;
    const part = (await store.getRequest('r-1'))!.parts[0]!;
    expect(part.decision?.by).toBe(`steward-${winner}`);
    expect((await store.grantsOf(ada)).map((g) => g.id)).toEqual(winner % 2 === 0 ? [`g-${winner}`] : []);
    if (prefix !== null) expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe(winner % 2 === 0 ? `g-${winner}` : undefined);
    const listed = [...(await store.partsOf('helix', 'APPROVED', 10)).items, ...(await store.partsOf('helix', 'DENIED', 10)).items];
    expect(named(listed)).toEqual(['r-1/helix']);
  });

  it('lets exactly one of concurrent requests for the same dataset by one requester in', async () => {
    const { store } = backend.create();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.createRequest(request(`r-${i}`, { helix: ['helix:ds-1'] }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.conflict === 'DUPLICATE_PENDING')).toHaveLength(9);
    expect(await store.requestsOf('ada')).toHaveLength(1);
    expect((await store.partsOf('helix', 'PENDING', 20)).items).toHaveLength(1);
  });

  it('lets exactly one of concurrent revocations of a grant win', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')]);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.revokeGrant('g-1', { by: `s-${i}`, at: at(2), reason: 'r' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.conflict === 'ALREADY_REVOKED')).toHaveLength(9);
  });

  it('refuses what no caller should ask: grants with a denial, a grant for another part\'s dataset', async () => {
    const { store } = backend.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-1'] }));
    await expect(store.decide('r-1', 'helix', decision('DENY'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')])).rejects.toThrow(TypeError);
    await expect(store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'north:ds-1')])).rejects.toThrow(TypeError);
    await expect(store.createRequest({ ...request('r-2', { helix: ['helix:ds-9'] }), parts: [] })).rejects.toThrow(TypeError);
    expect((await store.getRequest('r-1'))!.parts.map((p) => p.status)).toEqual(['PENDING', 'PENDING']);
    expect(await store.grantsOf(ada)).toEqual([]);
  });
});

describe('Redis governance store across instances and failures', () => {
  it('shows a second instance on the same prefix everything the first wrote (a restart, or another replica)', async () => {
    const { store, prefix } = inRedis.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'], north: ['north:ds-1'] }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')]);
    await store.decide('r-1', 'north', decision('DENY'), []);
    await store.appeal('r-1', 'north', 'please', at(2));
    await store.setTrust({ partnerId: 'helix', organisation: 'uni-leiden', dataClass: 'genomic', by: 's', at: at(1) });
    await store.suspend({ grantee: ada, reason: 'incident', by: 'board-1', at: at(3) });
    await store.close();

    const again = inRedis.reopen!(prefix!);
    expect(await again.getRequest('r-1')).toEqual((await store.getRequest('r-1')));
    expect((await again.requestsOf('ada')).map((r) => r.id)).toEqual(['r-1']);
    expect(named((await again.partsOf('helix', 'APPROVED', 10)).items)).toEqual(['r-1/helix']);
    expect(named((await again.pendingAppeals(10)).items)).toEqual(['r-1/north']);
    expect((await again.grantsOf(ada)).map((g) => g.id)).toEqual(['g-1']);
    expect(await again.isTrusted('helix', 'uni-leiden', 'genomic')).toBe(true);
    expect(await again.suspensionOf(ada)).toMatchObject({ reason: 'incident' });
    // The duplicate check and the one-winner rule hold across instances too.
    await again.createRequest(request('r-2', { helix: ['helix:ds-2'] }, { createdAt: at(4) }));
    expect(await store.createRequest(request('r-3', { helix: ['helix:ds-2'] }, { createdAt: at(5) }))).toMatchObject({ ok: false, conflict: 'DUPLICATE_PENDING' });
    const both = await Promise.all([
      store.decide('r-2', 'helix', decision('DENY', 5), []),
      again.decide('r-2', 'helix', decision('NEEDS_CHANGES', 5), []),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });

  it('lists requests and grants written before the listings of every request and grant existed, once found by SCAN', async () => {
    // A prefix with glob characters, which the SCAN pattern must match literally.
    const prefix = `${runPrefix}${++stores}[a]*?:`;
    const store = new RedisGovernanceStore(redis.client, { prefix });
    const keys = new GovernanceKeys(prefix);
    await store.createRequest(request('r-old', { helix: ['helix:ds-1'] }, { createdAt: at(2) }));
    await store.decide('r-old', 'helix', decision('APPROVE'), [grant('g-old', 'r-old', 'helix', 'helix:ds-1')]);
    for (let i = 0; i < 30; i++) await store.createRequest(request(`r-${i}`, { north: [`north:ds-${i}`] }, { createdAt: at(3), subject: `s-${i}` }));
    // As a store written before the listings existed left them: records and their other indexes only.
    await redis.client.del([keys.allRequests(), keys.allGrants(), keys.allListed()]);
    const again = new RedisGovernanceStore(redis.client, { prefix });
    await again.createRequest(request('r-new', { helix: ['helix:ds-2'] }, { createdAt: at(1), subject: 'newcomer' }));
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = await again.allRequests(7, after);
      ids.push(...page.items.map((r) => r.id));
      after = page.endCursor;
    } while (after !== null);
    expect(ids).toEqual(['r-new', 'r-old', ...Array.from({ length: 30 }, (_, i) => `r-${i}`).sort()]);
    expect((await again.allGrants(10)).items.map((g) => g.id)).toEqual(['g-old']);
    expect(await redis.client.exists(keys.allListed())).toBe(1);
    expect(await redis.client.zCard(keys.allRequests())).toBe(32);
  });

  it('sends the script itself when Redis does not know it by its SHA (a restarted or flushed Redis)', async () => {
    const prefix = `${runPrefix}${++stores}:`;
    let refused = 0;
    // Without flushing the shared server's script cache: a client whose EVALSHA is refused.
    const forgetful = new Proxy(redis.client, {
      get(target, property, receiver) {
        if (property === 'evalSha') {
          return async () => {
            refused++;
            throw new Error('NOSCRIPT No matching script. Please use EVAL.');
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = new RedisGovernanceStore(forgetful, { prefix });
    expect(await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }))).toMatchObject({ ok: true });
    expect(await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')])).toMatchObject({ ok: true });
    expect(refused).toBe(2);
    expect((await gatewayEntry(prefix, ada, 'helix:ds-1'))?.id).toBe('g-1');
  });

  it('keeps every key under its prefix: the store\'s own under <prefix>governance:, the gateway\'s where grant-keys puts them', async () => {
    const { store, prefix } = inRedis.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')]);
    await store.setTrust({ partnerId: 'helix', organisation: 'uni-leiden', dataClass: 'genomic', by: 's', at: at(1) });
    await store.suspend({ grantee: ada, reason: 'incident', by: 'board-1', at: at(3) });
    const keys: string[] = [];
    for await (const batch of redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    const outside = keys.filter((key) => !key.startsWith(`${prefix}governance:`));
    expect(outside.sort()).toEqual([grantsKey(prefix!, ada), suspensionKey(prefix!, ada)]);
  });

  it.each([
    ['the grantee\'s grant listing (written after the request record)', (prefix: string) => new GovernanceKeys(prefix).grantsOf(ada)],
    ['the gateway\'s grant hash (read by a guard)', (prefix: string) => grantsKey(prefix, ada)],
    ['the grantee\'s grant counter (raised last)', (prefix: string) => new GovernanceKeys(prefix).grantsVersion(ada)],
  ])('writes nothing of a decision when its step fails part-way: %s is not of its type', async (_what, corruptKey) => {
    const { store, prefix } = inRedis.create();
    await store.createRequest(request('r-1', { helix: ['helix:ds-1'] }));
    await redis.client.set(corruptKey(prefix!), 'not what the store wrote');
    await expect(store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')]))
      .rejects.toThrow(GovernanceStoreUnavailableError);
    expect((await store.getRequest('r-1'))!.parts[0]!.status).toBe('PENDING');
    expect(named((await store.partsOf('helix', 'PENDING', 10)).items)).toEqual(['r-1/helix']);
    expect((await store.partsOf('helix', 'APPROVED', 10)).items).toEqual([]);
    expect(await store.getGrant('g-1')).toBeNull();
    expect(await redis.client.hGetAll(grantsKey(prefix!, ada)).catch(() => 'not a hash')).not.toMatchObject({ 'helix:ds-1': expect.anything() });
    await redis.client.del(corruptKey(prefix!));
    expect(await store.decide('r-1', 'helix', decision('APPROVE'), [grant('g-1', 'r-1', 'helix', 'helix:ds-1')])).toMatchObject({ ok: true });
    expect((await store.grantsOf(ada)).map((g) => g.id)).toEqual(['g-1']);
  });

  it('rejects every call at once with a clear error when Redis cannot be reached, rather than hanging', async () => {
    const port = await closedPort();
    const store = RedisGovernanceStore.connect(`redis://127.0.0.1:${port}/0`, { connectTimeoutMs: 200, timeoutMs: 500 });
    try {
      expect(await store.ping()).toBe(false);
      const started = performance.now();
      const calls = [
        store.getRequest('r-1'),
        store.createRequest(request('r-1', { helix: ['helix:ds-1'] })),
        store.decide('r-1', 'helix', decision('DENY'), []),
        store.partsOf('helix', 'PENDING', 10),
        store.grantsOf(ada),
        store.suspend({ grantee: ada, reason: 'r', by: 'b', at: at(1) }),
      ];
      for (const call of calls) {
        await expect(call).rejects.toThrow(GovernanceStoreUnavailableError);
        await expect(call).rejects.toThrow(/governance store unavailable: could not .+: Redis/);
      }
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await store.close();
    }
  });

  it('rejects a call in bounded time when Redis stops answering after the connection is up', async () => {
    // A stand-in Redis that answers every command (the client's connection set-up included) until
    // told to fall silent, like a server that hangs.
    const sockets = new Set<Socket>();
    let answering = true;
    const fake = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('data', (data) => {
        // Each command is an array of bulk strings; its name is the first bulk string's text.
        const lines = data.toString('latin1').split('\r\n');
        const names = lines.flatMap((line, i) => (line.startsWith('*') ? [lines[i + 2]?.toUpperCase()] : []));
        if (answering) socket.write(names.map((name) => (name === 'PING' ? '+PONG\r\n' : '+OK\r\n')).join(''));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as { port: number };
    const store = RedisGovernanceStore.connect(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 200, timeoutMs: 300 });
    try {
      expect(await store.ping()).toBe(true);
      await expect(store.suspend({ grantee: ada, reason: 'r', by: 'b', at: at(1) })).resolves.toBeUndefined();
      answering = false;
      const started = performance.now();
      await expect(store.getRequest('r-1')).rejects.toThrow(/governance store unavailable: could not read the access request: Redis: no answer within 300 ms/);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});

/** A loopback port nothing listens on: bound once by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
