import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { capturedOutput } from '../../harness/captured-output.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../runtime/audit/audit-cli.js';
import type { AuditRecord } from '../../../runtime/audit/audit-record.js';
import { AuditKeys, RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import { openRedisConnection, type RedisConnection } from '../../../runtime/redis-connection.js';
import { REPOSITORY_ROOT } from '../../harness/import-graph.js';
import { entry } from '../../unit/runtime/audit/audit-fixtures.js';

// `npm run audit` against a real Redis, under this run's own key prefix (removed afterwards).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test:${randomBytes(6).toString('hex')}:`;
let redis: RedisConnection;
let prefixes = 0;

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
const at = (days: number) => new Date(T0 + days * 86_400_000).toISOString();

/** A log of `n` records, one a day from T0, under a prefix of its own. */
async function history(n: number): Promise<{ prefix: string; env: Record<string, string> }> {
  const prefix = `${runPrefix}${++prefixes}:`;
  const log = new RedisAuditLog(redis.client, { prefix });
  await log.append(Array.from({ length: n }, (_, i) => entry({ at: at(i), requestId: `req-${i}` })));
  return { prefix, env: { REDIS_URL, REDIS_KEY_PREFIX: prefix } };
}

async function run(argv: string[], env: Record<string, string | undefined>, options: { now?: Date; progressEvery?: number } = {}) {
  const output = capturedOutput();
  const code = await main(argv, {
    stdout: output.stdout, stderr: output.stderr, env,
    ...(options.now ? { now: () => options.now! } : {}),
    ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}),
  });
  return { code, ...output.written() };
}

/** Changes one stored record's subject, leaving its hash: a copy of the stream put in its place. */
async function tamper(prefix: string, seq: number): Promise<void> {
  const stream = new AuditKeys(prefix).stream;
  for (const [id, values] of await redis.client.sendCommand<[string, string[]][]>(['XRANGE', stream, '-', '+'])) {
    const fields = [...values];
    if (id === `${seq}-0`) {
      const i = fields.indexOf('record') + 1;
      fields[i] = fields[i]!.replace('"subject":"ada"', '"subject":"mallory"');
    }
    await redis.client.sendCommand(['XADD', `${stream}:copy`, id, ...fields]);
  }
  await redis.client.rename(`${stream}:copy`, stream);
}

describe('npm run audit -- verify', () => {
  it('exits 0 when the trail verifies, and 1 naming the record an intruder changed', async () => {
    const { prefix, env } = await history(40);
    const passed = await run(['verify'], env);
    expect(passed).toMatchObject({ code: 0, stdout: '' });
    expect(passed.stderr).toMatch(/the trail verifies: 40 records from the start to record 40/);
    await tamper(prefix, 23);
    const failed = await run(['verify'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/does not verify at record 23 \(hash-mismatch\)/);
  });

  it('runs as the compiled command, with its exit code', async () => {
    const script = join(REPOSITORY_ROOT, 'dist/runtime/audit/main.js');
    expect(existsSync(script), 'npm run build first (npm test does)').toBe(true);
    const { prefix, env } = await history(5);
    await tamper(prefix, 4);
    const child = spawn(process.execPath, [script, 'verify'], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toMatchObject({ code: 1, stderr: expect.stringMatching(/record 4/) });
  });
});

describe('npm run audit -- export', () => {
  it('writes the records of the range as JSON Lines on stdout, progress on stderr', async () => {
    const { env } = await history(30);
    const { code, stdout, stderr } = await run(['export', '--since', at(5).slice(0, 10), '--until', at(25)], env, { progressEvery: 8 });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const records = lines.map((line) => JSON.parse(line) as AuditRecord);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    expect(records[0]).toMatchObject({ at: at(5), requestId: 'req-5', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stderr).toMatch(/exported 8 records/);
    expect(stderr).toMatch(/exported 16 records/);
    expect(stderr).toMatch(/exported 20 records made from 2026-01-06T00:00:00.000Z until 2026-01-26T00:00:00.000Z/);
  });
});

describe('npm run audit -- trim', () => {
  it('removes what is older than AUDIT_RETENTION_DAYS and keeps a checkpoint; the rest verifies', async () => {
    const { prefix, env } = await history(30);
    const now = new Date(Date.parse(at(29)) + 1);
    const trimmed = await run(['trim'], { ...env, AUDIT_RETENTION_DAYS: '10' }, { now });
    expect(trimmed.code).toBe(0);
    expect(trimmed.stderr).toMatch(/trimmed 20 records .*checkpoint at record 20/);
    expect(await new RedisAuditLog(redis.client, { prefix }).read(1, 1)).toMatchObject([{ seq: 21 }]);
    expect(await run(['verify'], env)).toMatchObject({ code: 0, stderr: expect.stringMatching(/10 records from checkpoint 20 to record 30/) });
  });

  it('trims nothing from a trail that does not verify', async () => {
    const { prefix, env } = await history(10);
    await tamper(prefix, 2);
    const result = await run(['trim'], { ...env, AUDIT_RETENTION_DAYS: '1' }, { now: new Date(at(100)) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing trimmed/);
    expect(await new RedisAuditLog(redis.client, { prefix }).read(1, 100)).toHaveLength(10);
  });
});

describe('npm run audit: usage', () => {
  const env = { REDIS_URL, REDIS_KEY_PREFIX: `${runPrefix}usage:` };
  it.each([
    [[], /a command is required/],
    [['check'], /unknown command "check"/],
    [['verify', '--since', '2026-01-01'], /unexpected argument "--since"/],
    [['export'], /export needs --since DATE/],
    [['export', '--since'], /--since needs a DATE/],
    [['export', '--since', 'last week'], /--since must be an ISO 8601 date/],
    [['export', '--since', '2026-01-01T08:00'], /with its zone/],
    [['export', '--since', '2026-13-01'], /not a real date/],
    [['export', '--since', '2026-02-01', '--until', '2026-01-01'], /--until \(2026-01-01\) must be after --since/],
    [['export', '--since', '2026-01-01', '--since', '2026-01-02'], /--since is given twice/],
    [['export', '--from', '2026-01-01'], /unknown option "--from"/],
  ])('%j exits 2 with a clear message and the usage', async (argv, message) => {
    const result = await run(argv as string[], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: npm run audit');
  });

  it.each([
    [{}, /REDIS_URL is required/],
    [{ REDIS_URL: 'localhost:6379' }, /must start with redis:\/\//],
    [{ REDIS_URL, AUDIT_RETENTION_DAYS: '30.5' }, /AUDIT_RETENTION_DAYS must be a whole number/],
    [{ REDIS_URL, AUDIT_RETENTION_DAYS: '0' }, /AUDIT_RETENTION_DAYS must be a whole number/],
  ])('exits 2 on a bad environment: %j', async (environment, message) => {
    const result = await run(['trim'], environment);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });

  it('exits 2 when Redis cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await run(['verify'], { REDIS_URL: `redis://:secret@127.0.0.1:${port}/0` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Redis does not answer at redis:\/\/:\*\*\*@127\.0\.0\.1/);
    expect(result.stderr).not.toContain('secret');
  });

  it('prints the usage for help', async () => {
    expect(await run(['--help'], {})).toMatchObject({ code: 0, stdout: expect.stringContaining('AUDIT_RETENTION_DAYS') });
  });
});
