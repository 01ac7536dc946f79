import type { createClient } from 'redis';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';
import type { AuditStorage } from './gateway-messages.js';

// The audit trail's side of the benchmark (issue 11): a log that keeps nothing, for Concord with
// the trail switched off, and what the trail holds in Redis, for bytes per record.

const compiled = (path: string): string => new URL(`../../../dist/${path}`, import.meta.url).href;
const { InMemoryAuditLog } = await import(compiled('runtime/audit/in-memory-audit-log.js')) as typeof import('../../../runtime/audit/in-memory-audit-log.js');

/** Records sampled from the stream's newest end for the size of a stored record. */
const SAMPLED_RECORDS = 200;

/** The stream's length, its Redis memory (every entry counted) and the size of its newest records. */
export async function auditStorageOf(redis: ReturnType<typeof createClient>, stream: string): Promise<AuditStorage | null> {
  const records = Number(await redis.sendCommand(['XLEN', stream]));
  if (!(records > 0)) return null;
  const streamBytes = Number(await redis.sendCommand(['MEMORY', 'USAGE', stream, 'SAMPLES', '0']));
  const newest = await redis.sendCommand<[string, string[]][]>(['XREVRANGE', stream, '+', '-', 'COUNT', String(SAMPLED_RECORDS)]);
  const lengths = newest.map(([, fields]) => Buffer.byteLength(fields[fields.indexOf('record') + 1] ?? ''));
  return { records, streamBytes, recordBytes: lengths.reduce((sum, n) => sum + n, 0) / lengths.length };
}
