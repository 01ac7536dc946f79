import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../runtime/audit/audit-cli.js';
import { AUDIT_ACTIONS, type AuditEntry, type AuditOutcome } from '../../../runtime/audit/audit-record.js';
import { RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import { VERIFY_PAGE_RECORDS } from '../../../runtime/audit/verify.js';
import { openRedisConnection } from '../../../runtime/redis-connection.js';
import { loadAverage1m } from '../machine.js';
import { createProgress } from '../progress.js';
import { bSizedEntry } from './b-sized-entry.js';

// The audit trail at the size of years of use (ARCHITECTURE.md "Audit"; issue 11's targets): one
// million seeded records appended to Redis in batches, Redis memory per record, `audit verify`
// throughput (target: at least 200,000 records/s) and `audit export` throughput. Runs under a key
// prefix of its own, deleted at the end. BENCH_AUDIT_RECORDS changes the count; REDIS_URL the server.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const RECORDS = Number(process.env.BENCH_AUDIT_RECORDS ?? 1_000_000);
const BATCH = 2000;
const SEED = 20261111;
const prefix = `concord-bench:audit:${randomBytes(4).toString('hex')}:`;
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '../results');
const progress = createProgress();

/** mulberry32: a small seeded generator, so every run appends the same history. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTNERS = ['helix', 'northbridge', 'meridian', 'aurora', 'baltic', 'cascade', 'delta', 'ember'];
const ORGS = ['uni-leiden', 'karolinska', 'charite', 'inserm', 'ucl', 'pharma-one', 'umc-utrecht', 'ku-leuven'];
const FIELDS = ['sampleRecords', 'contact', 'variantSummary', 'cohortSize', 'phenotypes'];
const OUTCOMES: AuditOutcome[] = ['allow', 'allow', 'allow', 'deny', 'would-deny'];
const REASONS = ['NO_GRANT', 'PURPOSE_MISMATCH', 'LICENCE_NOT_ACCEPTED', 'EMBARGO'];

/** A mostly-reads history over two years, about a record every minute, in time order. */
function history(count: number): () => AuditEntry {
  const random = generator(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  let time = Date.parse('2024-06-01T00:00:00.000Z');
  let i = 0;
  return () => {
    time += Math.floor(random() * 120_000);
    i += 1;
    const partner = pick(PARTNERS);
    const dataset = `${partner}:ds-${Math.floor(random() * 400)}`;
    const action = random() < 0.92 ? 'read' : pick(AUDIT_ACTIONS);
    const fields = action === 'read'
      ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const outcome = pick(OUTCOMES);
        return { field: `${partner[0]!.toUpperCase()}${partner.slice(1)}Dataset.${pick(FIELDS)}`, datasetIds: [dataset], outcome, ...(outcome === 'allow' ? {} : { reason: pick(REASONS) }) };
      })
      : [];
    return {
      at: new Date(time).toISOString(),
      action,
      subject: `researcher-${Math.floor(random() * 5000)}`,
      organisation: pick(ORGS),
      purpose: 'disease:MONDO:0005148',
      partnerIds: [partner],
      datasetIds: [dataset],
      fields,
      policyVersion: 'policy-7',
      mode: 'enforce',
      clientName: random() < 0.5 ? 'notebook' : 'portal',
      requestId: `req-${i}`,
      detail: (action === 'read' ? {} : { outcome: 'APPROVE', reason: 'within purpose' }) as AuditEntry['detail'],
    };
  };
}

class Discard extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    callback();
  }
}

async function usedMemory(client: ReturnType<typeof openRedisConnection>['client']): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** Workload (b)'s records appended as the gateway appends them: the cost each adds to a guarded request. */
const B_RECORDS = Number(process.env.BENCH_AUDIT_B_RECORDS ?? 3000);
const B_BATCHES = [1, 5] as const;

interface BSized {
  batch: number;
  records: number;
  canonicalBytes: number;
  /** The stream's MEMORY USAGE over its records. */
  redisBytesPerRecord: number;
  /** CPU time of this process (chaining, hashing, the Redis client) per record. */
  appenderMicrosPerRecord: number;
  /** Time Redis spent in the append script per record (INFO commandstats, evalsha). */
  redisMicrosPerRecord: number | null;
  /** Wall time of one append: what a guarded answer waits for. */
  msPerAppend: number;
}

async function scriptMicros(client: ReturnType<typeof openRedisConnection>['client']): Promise<number | null> {
  const stats = await client.info('commandstats');
  const usec = /cmdstat_evalsha:calls=\d+,usec=(\d+)/.exec(stats)?.[1];
  return usec === undefined ? null : Number(usec);
}

/** Appends (b)'s records in batches of `batch` under a prefix of their own, one append at a time. */
async function appendBSized(client: ReturnType<typeof openRedisConnection>['client'], batch: number): Promise<BSized> {
  const bLog = new RedisAuditLog(client, { prefix: `${prefix}b${batch}:`, timeoutMs: 30_000 });
  const t0 = Date.parse('2026-11-30T00:00:00.000Z');
  const entries = (from: number) => Array.from({ length: batch }, (_, i) => bSizedEntry(new Date(t0 + from + i).toISOString(), `req-${from + i}`));
  await bLog.append(entries(0)); // the first append reads the head; the gateway's later ones do not
  const micros = await scriptMicros(client);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  for (; done < B_RECORDS; done += batch) await bLog.append(entries(batch + done));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const microsAfter = await scriptMicros(client);
  const records = done + batch;
  const streamBytes = Number(await client.sendCommand(['MEMORY', 'USAGE', bLog.keys.stream, 'SAMPLES', '0']));
  return {
    batch,
    records,
    canonicalBytes: Buffer.byteLength(JSON.stringify(entries(0)[0])),
    redisBytesPerRecord: Math.round(streamBytes / records),
    appenderMicrosPerRecord: round((used.user + used.system) / done),
    redisMicrosPerRecord: micros === null || microsAfter === null ? null : round((microsAfter - micros) / done),
    msPerAppend: round(ms / (done / batch)),
  };
}

const loadAtStart = loadAverage1m();
const redis = openRedisConnection(REDIS_URL);
if (!(await redis.ping())) throw new Error(`Redis does not answer at ${REDIS_URL}`);
const log = new RedisAuditLog(redis.client, { prefix, timeoutMs: 30_000, verifyPageSize: VERIFY_PAGE_RECORDS });
try {
  const bSized: BSized[] = [];
  for (const batch of B_BATCHES) {
    progress(`appending ${B_RECORDS.toLocaleString('en-GB')} of workload (b)'s records, ${batch} per append, one append at a time`);
    bSized.push(await appendBSized(redis.client, batch));
    const b = bSized.at(-1)!;
    progress(`  ${b.appenderMicrosPerRecord} µs CPU here and ${b.redisMicrosPerRecord ?? '–'} µs in Redis per record, ${b.msPerAppend} ms per append, ${b.redisBytesPerRecord} bytes in Redis per record`);
  }
  const next = history(RECORDS);
  const memoryBefore = await usedMemory(redis.client);
  progress(`appending ${RECORDS.toLocaleString('en-GB')} records in batches of ${BATCH} under ${prefix}`);
  const appendStarted = performance.now();
  let canonicalBytes = 0;
  for (let done = 0; done < RECORDS;) {
    const batch = Array.from({ length: Math.min(BATCH, RECORDS - done) }, next);
    const written = await log.append(batch);
    for (const r of written) canonicalBytes += Buffer.byteLength(JSON.stringify(r));
    done += batch.length;
    if (done % 100_000 === 0 || done === RECORDS) progress(`  appended ${done.toLocaleString('en-GB')}`);
  }
  const appendSeconds = (performance.now() - appendStarted) / 1000;
  const memoryAfter = await usedMemory(redis.client);
  const streamBytes = Number(await redis.client.sendCommand(['MEMORY', 'USAGE', log.keys.stream, 'SAMPLES', '0']));
  progress(`  stream: ${(streamBytes / 2 ** 20).toFixed(1)} MiB, ${(streamBytes / RECORDS).toFixed(0)} bytes/record`);

  progress('verifying');
  const verifyStarted = performance.now();
  const verdict = await log.verify();
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!verdict.ok || verdict.count !== RECORDS) throw new Error(`the generated trail does not verify: ${JSON.stringify(verdict)}`);
  progress(`  ${Math.round(RECORDS / verifySeconds).toLocaleString('en-GB')} records/s`);

  progress('exporting everything through the export command (JSON Lines to a sink, progress below)');
  const sink = new Discard();
  const exportStarted = performance.now();
  const code = await main(['export', '--since', '2024-01-01'], {
    stdout: sink,
    stderr: process.stderr,
    env: { REDIS_URL, REDIS_KEY_PREFIX: prefix },
    progressEvery: 200_000,
  });
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  if (code !== 0) throw new Error(`export exited ${code}`);

  const results = {
    records: RECORDS,
    batch: BATCH,
    seed: SEED,
    redis: (await redis.client.info('server')).match(/redis_version:(\S+)/)?.[1] ?? 'unknown',
    node: process.version,
    append: { seconds: round(appendSeconds), recordsPerSecond: Math.round(RECORDS / appendSeconds) },
    memory: {
      streamBytes,
      streamBytesPerRecord: Math.round(streamBytes / RECORDS),
      usedMemoryDeltaBytesPerRecord: Math.round((memoryAfter - memoryBefore) / RECORDS),
      averageRecordJsonBytes: Math.round(canonicalBytes / RECORDS),
    },
    verify: { seconds: round(verifySeconds), recordsPerSecond: Math.round(RECORDS / verifySeconds), targetRecordsPerSecond: 200_000 },
    verifyPageSize: VERIFY_PAGE_RECORDS,
    export: { seconds: round(exportSeconds), recordsPerSecond: Math.round(RECORDS / exportSeconds), megabytes: round(sink.bytes / 2 ** 20) },
    bSized,
    // Other work on the machine slows every figure here alike: 2 means its two cores were busy.
    loadAverage: { start: loadAtStart, end: loadAverage1m() },
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'audit.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'audit.md'), report(results));
  progress(`written: test/bench/results/audit.md and audit.json`);
} finally {
  progress(`deleting ${prefix}*`);
  for await (const keys of redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await log.close();
  await redis.close();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function report(r: {
  records: number; batch: number; seed: number; redis: string; node: string;
  append: { seconds: number; recordsPerSecond: number };
  memory: { streamBytes: number; streamBytesPerRecord: number; usedMemoryDeltaBytesPerRecord: number; averageRecordJsonBytes: number };
  verify: { seconds: number; recordsPerSecond: number; targetRecordsPerSecond: number };
  export: { seconds: number; recordsPerSecond: number; megabytes: number };
  verifyPageSize: number;
  bSized: BSized[];
  loadAverage: { start: number; end: number };
}): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return `# Audit trail benchmark

\`npm run bench:audit\`: ${n(r.records)} seeded records (seed ${r.seed}; about 92% reads of one to three guarded
fields, the rest governance acts) appended to a Redis Stream in batches of ${n(r.batch)}, then verified and exported
(ARCHITECTURE.md "Audit"). Redis ${r.redis}, Node ${r.node}, on the machine the run was made on (2 shared cores; load
average ${r.loadAverage.start} at the start and ${r.loadAverage.end} at the end; this benchmark alone keeps it below 2).

| measure | value |
| --- | --- |
| append | ${n(r.append.recordsPerSecond)} records/s (${r.append.seconds} s) |
| Redis memory per record, the stream's MEMORY USAGE / records | ${n(r.memory.streamBytesPerRecord)} bytes (${(r.memory.streamBytes / 2 ** 20).toFixed(1)} MiB in all) |
| Redis memory per record, used_memory before and after / records | ${n(r.memory.usedMemoryDeltaBytesPerRecord)} bytes |
| a record as JSON, on average | ${n(r.memory.averageRecordJsonBytes)} bytes |
| \`audit verify\` | **${n(r.verify.recordsPerSecond)} records/s** (${r.verify.seconds} s; target ${n(r.verify.targetRecordsPerSecond)}) |
| \`audit export\` (JSON Lines) | ${n(r.export.recordsPerSecond)} records/s (${r.export.seconds} s, ${r.export.megabytes} MiB) |

Verification hashes the canonical form exactly as stored, read from Redis as bytes (no text is made of it and
nothing is re-serialised), ${n(r.verifyPageSize)} entries per Redis call with the next page fetched while one is
hashed; export parses each record and writes it as one JSON line.

## Workload (b)'s records

The record Concord writes for one request of \`npm run bench\` workload (b) (50 datasets of three partners, grants
on half; test/bench/audit/b-sized-entry.ts) is ${n(r.bSized[0]?.canonicalBytes ?? 0)} bytes as JSON. ${n(B_RECORDS)} of them appended the
way the gateway appends them, one append after another, each chained after the head this process wrote last:

| records per append | CPU per record here (chain, hash, Redis client) | Redis time per record (append script) | time per append | Redis memory per record |
| ---: | ---: | ---: | ---: | ---: |
${r.bSized.map((b) => `| ${b.batch} | ${b.appenderMicrosPerRecord} µs | ${b.redisMicrosPerRecord ?? '–'} µs | ${b.msPerAppend} ms | ${n(b.redisBytesPerRecord)} bytes |`).join('\n')}
`;
}
