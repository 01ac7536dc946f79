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
  return canonicalOf(record, record.seq, record.previousHash);
}

/** The canonical form of `body` at a place in the chain, without first copying it into a record. */
function canonicalOf(body: object, seq: number, previousHash: string): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new TypeError(`an audit record's seq must be a positive integer, not ${String(seq)}`);
  if (typeof previousHash !== 'string' || !/^[0-9a-f]{64}$/.test(previousHash)) {
    throw new TypeError(`an audit record's previousHash must be 64 lower-case hex digits, not ${JSON.stringify(previousHash)}`);
  }
  const opening = `{"seq":${seq},"previousHash":"${previousHash}"`;
  return `${opening}${knownShape(body as Record<string, unknown>) ?? anyShape(body as Record<string, unknown>)}}`;
}

/** The rest of the canonical form, walking every key at every depth: any record, as read back or altered. */
function anyShape(source: Record<string, unknown>): string {
  let out = '';
  for (const key of Object.keys(source).sort()) {
    if (key === 'hash' || (LEADING as readonly string[]).includes(key) || source[key] === undefined) continue;
    out += `,${JSON.stringify(key)}:${canonicalValue(source[key], key)}`;
  }
  return out;
}

// The keys of an entry and of an audited field, in code-unit order: a record of exactly this shape
// is written key by key, its lists of strings by JSON.stringify (the same bytes as canonicalValue
// gives them, in a fraction of the time: issue 11's cost target). Anything else takes anyShape().
const ENTRY_KEYS = ['action', 'at', 'clientName', 'datasetIds', 'detail', 'fields', 'mode', 'organisation', 'partnerIds', 'policyVersion', 'purpose', 'requestId', 'subject'].sort();
const RECORD_KEYS = new Set([...ENTRY_KEYS, 'hash', ...LEADING]);
const FIELD_KEYS = ['datasetIds', 'field', 'outcome', 'reason'].sort();
const FIELD_KEY_SET = new Set(FIELD_KEYS);

/** The rest of the canonical form of a record with no key but an entry's; null for any other. */
function knownShape(source: Record<string, unknown>): string | null {
  for (const key in source) if (!Object.hasOwn(source, key) || !RECORD_KEYS.has(key)) return null;
  let out = '';
  for (const key of ENTRY_KEYS) {
    const value = source[key];
    if (value === undefined) continue;
    const text = key === 'fields' ? fieldsText(value) : simpleText(value);
    out += `,"${key}":${text ?? canonicalValue(value, key)}`;
  }
  return out;
}

function fieldsText(fields: unknown): string | null {
  if (!Array.isArray(fields)) return null;
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Record<string, unknown> | null | undefined;
    if (field === null || typeof field !== 'object' || Array.isArray(field)) return null;
    for (const key in field) if (!Object.hasOwn(field, key) || !FIELD_KEY_SET.has(key)) return null;
    let item = '';
    for (const key of FIELD_KEYS) {
      const value = field[key];
      if (value === undefined) continue;
      item += `${item === '' ? '' : ','}"${key}":${simpleText(value) ?? canonicalValue(value, `fields[${i}].${key}`)}`;
    }
    out += `${i === 0 ? '' : ','}{${item}}`;
  }
  return `[${out}]`;
}

/** A string, null, or a list of strings, as canonicalValue writes them; null for anything else. */
function simpleText(value: unknown): string | null {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (!Array.isArray(value)) return null;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return null;
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the record's canonical form. */
export function hashOf(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  return sha256Hex(canonicalForm(record));
}

export function sha256Hex(text: string | Uint8Array): string {
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
  return seal(entries, previous).map((s) => structuredClone(s.record));
}

/**
 * As chain(), with each record's canonical form (what a store keeps, so nothing is serialised
 * twice). The records share the entries' nested lists and objects (no copy: issue 11's cost
 * target); a store that keeps record objects copies them (./in-memory-audit-log.ts), and the
 * canonical form is fixed when sealed.
 */
export function seal(entries: readonly AuditEntry[], previous: ChainPosition | null): SealedRecord[] {
  let { seq, hash } = previous ?? GENESIS;
  return entries.map((entry) => {
    checkEntry(entry);
    const canonical = canonicalOf(entry, seq + 1, hash);
    const record: AuditRecord = { ...entry, seq: seq + 1, previousHash: hash, hash: sha256Hex(canonical) };
    seq = record.seq;
    hash = record.hash;
    return { record, canonical };
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
