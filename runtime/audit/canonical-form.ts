import { hash as digest } from 'node:crypto';
import { GENESIS_HASH, type AuditEntry, type AuditRecord } from './audit-record.js';

// The canonical form of an audit record (ARCHITECTURE.md "Audit"): the bytes its hash is taken
// over. JSON without whitespace, every field but `hash`, `seq` and `previousHash` first and every
// other key, at every depth, in code-unit order. The two chain fields lead so that a verifier can
// read them from stored bytes without parsing the whole record (see ./verify.ts), and nothing the
// record carries can appear before them.

/** Where a chain continues from: the last record's (or a checkpoint's) seq and hash. */
export interface ChainPosition {
  seq: number;
  hash: string;
}

/** A record and the exact bytes its hash covers, as the Redis log stores them. */
export interface SealedRecord {
  record: AuditRecord;
  canonical: string;
}

const LEADING = ['seq', 'previousHash'] as const;

/** The canonical form of a record: what `hash` is the SHA-256 of. */
export function canonicalForm(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { seq, previousHash } = record;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new TypeError(`an audit record's seq must be a positive integer, not ${String(seq)}`);
  if (typeof previousHash !== 'string' || !/^[0-9a-f]{64}$/.test(previousHash)) {
    throw new TypeError(`an audit record's previousHash must be 64 lower-case hex digits, not ${JSON.stringify(previousHash)}`);
  }
  let out = `{"seq":${seq},"previousHash":"${previousHash}"`;
  const source = record as unknown as Record<string, unknown>;
  for (const key of Object.keys(source).sort()) {
    if (key === 'hash' || (LEADING as readonly string[]).includes(key) || source[key] === undefined) continue;
    out += `,${JSON.stringify(key)}:${canonicalValue(source[key], key)}`;
  }
  return `${out}}`;
}

/** SHA-256 (hex) of the record's canonical form. */
export function hashOf(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  return sha256Hex(canonicalForm(record));
}

export function sha256Hex(text: string): string {
  // The one-shot digest: about twice as fast as createHash() per record, which verifying millions needs.
  return digest('sha256', text, 'hex');
}

/** Where the first record of a log without a checkpoint continues from. */
export const GENESIS: ChainPosition = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/**
 * The entries as records chained after `previous` (null: the start of the log): seq previous.seq+1
 * onwards, each carrying the hash of the one before. Pure: the entries are copied, not changed.
 */
export function chain(entries: readonly AuditEntry[], previous: ChainPosition | null): AuditRecord[] {
  return seal(entries, previous).map((s) => s.record);
}

/** As chain(), with each record's canonical form (what a store keeps, so nothing is serialised twice). */
export function seal(entries: readonly AuditEntry[], previous: ChainPosition | null): SealedRecord[] {
  let { seq, hash } = previous ?? GENESIS;
  return entries.map((entry) => {
    checkEntry(entry);
    const body = { ...(structuredClone(entry) as AuditEntry), seq: seq + 1, previousHash: hash };
    const canonical = canonicalForm(body);
    seq += 1;
    hash = sha256Hex(canonical);
    return { record: { ...body, hash }, canonical };
  });
}

/** An entry the log can keep: a time it can order by, and an action it knows. */
export function checkEntry(entry: AuditEntry): void {
  if (typeof entry.at !== 'string' || Number.isNaN(Date.parse(entry.at))) {
    throw new TypeError(`an audit entry's at must be an ISO 8601 time, not ${JSON.stringify(entry.at)}`);
  }
  if (typeof entry.action !== 'string' || entry.action.length === 0) throw new TypeError('an audit entry needs an action');
}

function canonicalValue(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is not a finite number, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => (item === undefined ? 'null' : canonicalValue(item, `${path}[${i}]`))).join(',')}]`;
      const object = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(object).sort()) {
        if (object[key] === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${canonicalValue(object[key], `${path}.${key}`)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`${path} is a ${typeof value}, which an audit record cannot hold`);
  }
}
