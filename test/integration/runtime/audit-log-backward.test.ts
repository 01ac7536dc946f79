import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';
import { InMemoryAuditLog } from '../../../runtime/audit/in-memory-audit-log.js';
import { RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import { openRedisConnection, type RedisConnection } from '../../../runtime/redis-connection.js';
import { entry } from '../../unit/runtime/audit/audit-fixtures.js';

// Paging back from the newest record, as the audit views do (ARCHITECTURE.md "Audit"), in memory and
// in a real Redis under this run's own prefix, removed afterwards.
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

const backends: { name: string; create: () => AuditLog }[] = [
  { name: 'in memory', create: () => new InMemoryAuditLog() },
  { name: 'in Redis', create: () => new RedisAuditLog(redis.client, { prefix: `${runPrefix}${++logs}:` }) },
];

const tenEntries = () => Array.from({ length: 10 }, (_, i) => entry({ at: `2026-03-01T10:00:0${i}.000Z`, requestId: `req-${i + 1}` }));

describe.each(backends)('audit log $name, read backward', ({ create }) => {
  const cases: { name: string; before: number | null; count: number; seqs: number[] }[] = [
    { name: 'from the head', before: null, count: 3, seqs: [10, 9, 8] },
    { name: 'before a seq, that seq excluded', before: 8, count: 3, seqs: [7, 6, 5] },
    { name: 'down to the first record', before: 3, count: 10, seqs: [2, 1] },
    { name: 'nothing before the first', before: 1, count: 5, seqs: [] },
    { name: 'before a seq past the head', before: 99, count: 2, seqs: [10, 9] },
  ];

  it.each(cases)('$name', async ({ before, count, seqs }) => {
    const log = create();
    await log.append(tenEntries());
    const records = await log.readBackward(before, count);
    expect(records.map((r) => r.seq)).toEqual(seqs);
    expect(records.map((r) => r.requestId)).toEqual(seqs.map((s) => `req-${s}`));
    await log.close();
  });

  it('reads nothing from an empty log, and refuses a bad page', async () => {
    const log = create();
    expect(await log.readBackward(null, 5)).toEqual([]);
    await expect(log.readBackward(0, 5)).rejects.toThrow(/before must be a seq/);
    await expect(log.readBackward(null, 0)).rejects.toThrow(/count must be 1 or more/);
    await log.close();
  });

  it('stops at a trim: removed records are not read back', async () => {
    const log = create();
    await log.append(tenEntries());
    await log.trim('2026-03-01T10:00:04.000Z');
    expect((await log.readBackward(null, 20)).map((r) => r.seq)).toEqual([10, 9, 8, 7, 6, 5]);
    await log.close();
  });
});
