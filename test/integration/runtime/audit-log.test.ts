import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogUnavailableError, type AuditLog } from '../../../runtime/audit/audit-log.js';
import type { AuditEntry, AuditRecord } from '../../../runtime/audit/audit-record.js';
import { canonicalForm, hashOf } from '../../../runtime/audit/canonical-form.js';
import { InMemoryAuditLog } from '../../../runtime/audit/in-memory-audit-log.js';
import { AuditKeys, RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import { openRedisConnection, type RedisConnection } from '../../../runtime/redis-connection.js';
import { entry } from '../../unit/runtime/audit/audit-fixtures.js';

// One contract, two logs: in memory and in a Redis Stream (a real server, this run's own key prefix,
// removed afterwards; each test a prefix of its own). Times are fixed; nothing waits on the clock.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test:${randomBytes(6).toString('hex')}:`;
let redis: RedisConnection;
let logs = 0;

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

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const entries = (n: number, from = 0, by = 'ada'): AuditEntry[] => Array.from({ length: n }, (_, i) => entry({ at: at(from + i), subject: by, requestId: `req-${from + i}` }));

interface Backend {
  name: string;
  create(): { log: AuditLog; prefix: string | null };
  /** Another instance over the same stored log (another process), where there is one. */
  reopen?(prefix: string): AuditLog;
  /** Rewrites one stored record's content as an intruder would; `rehash` also gives it the hash of its new content. */
  tamper(log: AuditLog, prefix: string | null, seq: number, change: (r: AuditRecord) => void, rehash?: boolean): Promise<void>;
}

const inMemory: Backend = {
  name: 'in memory',
  create: () => ({ log: new InMemoryAuditLog(), prefix: null }),
  async tamper(log, _prefix, seq, change, rehash) {
    (log as InMemoryAuditLog).tamper(seq, (r) => {
      change(r);
      if (rehash) r.hash = hashOf(r);
    });
  },
};

const inRedis: Backend = {
  name: 'in Redis',
  create: () => {
    const prefix = `${runPrefix}${++logs}:`;
    return { log: new RedisAuditLog(redis.client, { prefix, verifyPageSize: 7 }), prefix };
  },
  reopen: (prefix) => new RedisAuditLog(redis.client, { prefix, verifyPageSize: 7 }),
  // A stream entry cannot be edited, nor re-added below the stream's last id: copy the stream with
  // that one entry changed, then put the copy in its place.
  async tamper(_log, prefix, seq, change, rehash) {
    const stream = new AuditKeys(prefix!).stream;
    const copy = `${stream}:copy`;
    for (const [id, values] of await redis.client.sendCommand<[string, string[]][]>(['XRANGE', stream, '-', '+'])) {
      const fields = Object.fromEntries(values.flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]!]] : []))) as Record<string, string>;
      if (id === `${seq}-0`) {
        const record = { ...JSON.parse(fields.record!), hash: fields.hash } as AuditRecord;
        change(record);
        fields.record = canonicalForm(record);
        if (rehash) fields.hash = hashOf(record);
      }
      await redis.client.sendCommand(['XADD', copy, id, ...Object.entries(fields).flat()]);
    }
    await redis.client.rename(copy, stream);
  },
};

describe.each([inMemory, inRedis])('audit log $name', (backend) => {
  it('appends batches chained one after another, and reads them back by seq', async () => {
    const { log } = backend.create();
    expect(await log.head()).toBeNull();
    const first = await log.append(entries(3));
    const second = await log.append(entries(2, 3));
    expect([...first, ...second].map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(second[0]!.previousHash).toBe(first[2]!.hash);
    expect(await log.head()).toEqual({ seq: 5, hash: second[1]!.hash });
    expect(await log.read(1, 10)).toEqual([...first, ...second]);
    expect((await log.read(2, 2)).map((r) => r.requestId)).toEqual(['req-1', 'req-2']);
    expect(await log.read(6, 10)).toEqual([]);
    expect(await log.append([])).toEqual([]);
    expect(await log.verify()).toMatchObject({ ok: true, count: 5 });
    await log.close();
  });

  it('reads a time range in pages, from inclusive, to exclusive, by each record\'s own time', async () => {
    const { log } = backend.create();
    await log.append(entries(20));
    // Filed late: its time is before the records appended before it.
    await log.append([entry({ at: at(4.5), requestId: 'late' })]);
    const pages: AuditRecord[][] = [];
    for await (const page of log.readRange({ from: at(3), to: at(8) }, { pageSize: 2 })) pages.push(page);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    expect(pages.flat().map((r) => r.requestId)).toEqual(['req-3', 'req-4', 'req-5', 'req-6', 'req-7']);
    const all: AuditRecord[] = [];
    for await (const page of log.readRange({ from: at(4) })) all.push(...page);
    expect(all.map((r) => r.requestId)).toEqual([...Array.from({ length: 16 }, (_, i) => `req-${i + 4}`), 'late']);
    await expect(async () => { for await (const _ of log.readRange({ from: 'soon' })) { /* nothing */ } }).rejects.toThrow(TypeError);
  });

  it('names the record an intruder altered (its hash left as it was)', async () => {
    const { log, prefix } = backend.create();
    await log.append(entries(30));
    await backend.tamper(log, prefix, 17, (r) => { r.subject = 'mallory'; });
    const verdict = await log.verify();
    expect(verdict).toMatchObject({ ok: false, seq: 17, problem: 'hash-mismatch' });
  });

  it('names the record after one an intruder altered and re-hashed', async () => {
    const { log, prefix } = backend.create();
    await log.append(entries(30));
    await backend.tamper(log, prefix, 12, (r) => { (r.fields[0] as { outcome: string }).outcome = 'deny'; }, true);
    expect(await log.verify()).toMatchObject({ ok: false, seq: 13, problem: 'previous-hash-mismatch' });
  });

  it('trims records made before a time, keeps a checkpoint, and what remains still verifies and grows', async () => {
    const { log } = backend.create();
    const written = await log.append(entries(20));
    expect(await log.checkpoint()).toBeNull();
    expect(await log.trim(at(8))).toBe(8);
    expect(await log.checkpoint()).toEqual({ seq: 8, hash: written[7]!.hash, at: at(7) });
    expect((await log.read(1, 3)).map((r) => r.seq)).toEqual([9, 10, 11]);
    expect(await log.verify()).toMatchObject({ ok: true, count: 12 });
    expect(await log.trim(at(8))).toBe(0);
    expect(await log.trim(at(2))).toBe(0);
    expect((await log.checkpoint())!.seq).toBe(8);
    const more = await log.append(entries(2, 20));
    expect(more[0]).toMatchObject({ seq: 21, previousHash: written[19]!.hash });
    expect(await log.verify()).toMatchObject({ ok: true, count: 14 });
    expect(await log.trim(at(100))).toBe(14);
    expect(await log.verify()).toMatchObject({ ok: true, count: 0 });
    expect((await log.append(entries(1, 200)))[0]!.seq).toBe(23);
    expect(await log.verify()).toMatchObject({ ok: true, count: 1 });
  });
});

describe('audit log in Redis, shared by several processes', () => {
  it('never forks the chain: 20 batches of 10 appended at once through two logs', async () => {
    const { prefix } = inRedis.create();
    const one = inRedis.reopen!(prefix!);
    const two = inRedis.reopen!(prefix!);
    const batches = await Promise.all(Array.from({ length: 20 }, (_, b) => (b % 2 === 0 ? one : two).append(entries(10, b * 10, `appender-${b}`))));
    const seqs = batches.flat().map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Each batch is contiguous: a batch is written whole after the head it was chained to.
    for (const batch of batches) expect(batch.map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => batch[0]!.seq + i));
    const stored = await one.read(1, 1000);
    expect(stored).toHaveLength(200);
    expect(await two.verify()).toMatchObject({ ok: true, count: 200, last: await one.head() });
  });

  it('chains after another appender\'s batch although it last wrote the head itself', async () => {
    const { prefix } = inRedis.create();
    const one = inRedis.reopen!(prefix!);
    const two = inRedis.reopen!(prefix!);
    await one.append(entries(3, 0, 'one'));
    await two.append(entries(2, 3, 'two'));
    const after = await one.append(entries(2, 5, 'one again'));
    expect(after.map((r) => r.seq)).toEqual([6, 7]);
    expect(after[0]!.previousHash).toBe((await two.read(5, 1))[0]!.hash);
    expect(await two.verify()).toMatchObject({ ok: true, count: 7 });
  });

  it('refuses to append to a key that is not a stream, writing nothing', async () => {
    const { log, prefix } = inRedis.create();
    const keys = new AuditKeys(prefix!);
    await redis.client.set(keys.stream, 'not a stream');
    await expect(log.append(entries(2))).rejects.toThrow(AuditLogUnavailableError);
    expect([await redis.client.get(keys.stream), await redis.client.get(keys.head)]).toEqual(['not a stream', null]);
  });

  it('is read back by another instance exactly as written', async () => {
    const { log, prefix } = inRedis.create();
    const written = await log.append([entry({ detail: { note: 'é "quoted" \\ 😀', n: 2.5, ok: false, none: null } })]);
    expect(await inRedis.reopen!(prefix!).read(1, 1)).toEqual(written);
  });

  it('names the first missing record when an intruder removes one, or removes the last ones', async () => {
    const { log, prefix } = inRedis.create();
    await log.append(entries(10));
    const stream = new AuditKeys(prefix!).stream;
    await redis.client.sendCommand(['XDEL', stream, '10-0', '9-0']);
    expect(await log.verify()).toMatchObject({ ok: false, seq: 9, problem: 'sequence-gap' });
    await redis.client.sendCommand(['XDEL', stream, '4-0']);
    expect(await log.verify()).toMatchObject({ ok: false, seq: 5, problem: 'sequence-gap' });
  });

  it('refuses to append when the stream does not follow its head, and writes nothing', async () => {
    const { log, prefix } = inRedis.create();
    await log.append(entries(3));
    await redis.client.del(new AuditKeys(prefix!).head);
    await expect(log.append(entries(1, 3))).rejects.toThrow(AuditLogUnavailableError);
    expect(await log.read(1, 10)).toHaveLength(3);
  });

  it('rejects every call at once with a clear error when Redis cannot be reached', async () => {
    const port = await closedPort();
    const log = RedisAuditLog.connect(`redis://127.0.0.1:${port}/0`, { connectTimeoutMs: 200, timeoutMs: 500 });
    try {
      expect(await log.ping()).toBe(false);
      const started = performance.now();
      for (const call of [log.append(entries(1)), log.read(1, 10), log.head(), log.trim(at(1)), log.checkpoint(), log.verify()]) {
        await expect(call).rejects.toThrow(AuditLogUnavailableError);
        await expect(call).rejects.toThrow(/audit log unavailable: could not .+: Redis/);
      }
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await log.close();
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
