import type { AuditRecord } from './audit-record.js';
import { canonicalForm, GENESIS, sha256Hex, type ChainPosition } from './canonical-form.js';

// Verifying the audit trail (ARCHITECTURE.md "Audit"): walk the records in order and name the first
// one that does not verify. Streaming: one record in memory at a time, so a chain of millions is
// walked in constant space.

/**
 * Records per Redis call when verifying a log in Redis: pages this size are read, decoded and
 * hashed while the next is fetched, and die young (larger ones outlive the young generation, and
 * garbage collection then takes much of the time: issue 11's 200,000 records per second).
 */
export const VERIFY_PAGE_RECORDS = 2000;

export type ChainProblem =
  /** The record's hash is not the SHA-256 of its canonical form: the record was changed. */
  | 'hash-mismatch'
  /** The record does not carry the hash of the one before it (or of the checkpoint): one was changed, replaced or inserted. */
  | 'previous-hash-mismatch'
  /** Its seq does not follow the one before (or the checkpoint): records were removed, or the chain does not reach the head. */
  | 'sequence-gap'
  /** Its stored bytes are not a record's canonical form. */
  | 'malformed';

export type ChainVerdict =
  | { ok: true; count: number; last: ChainPosition | null }
  | { ok: false; count: number; seq: number; problem: ChainProblem; message: string };

/** What the verifier needs of one record: its chain fields, the bytes its hash covers, and its hash. */
export interface ChainLink {
  seq: number;
  previousHash: string;
  /** The canonical form, as text or as the UTF-8 bytes a store keeps (hashed as they are). */
  canonical: string | Uint8Array;
  hash: string;
}

/**
 * Checks links one at a time against the position before them: the checkpoint the log was trimmed
 * at, or the start of the chain. The first failure is kept; later links are not looked at.
 */
export class ChainVerifier {
  #expected: ChainPosition;
  #count = 0;
  #failure: Extract<ChainVerdict, { ok: false }> | null = null;
  #last: ChainPosition | null = null;
  #expectedIsHex: boolean;

  constructor(checkpoint: ChainPosition | null) {
    this.#expected = checkpoint ?? GENESIS;
    this.#expectedIsHex = /^[0-9a-f]{64}$/.test(this.#expected.hash);
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  /**
   * The hash the next link must name as its previous record's, when it is one a canonical form can
   * hold (64 lower-case hex digits; a checkpoint read from a store might not be): readers of stored
   * bytes compare them with it (chainFieldsOf).
   */
  get expectedPreviousHash(): string | undefined {
    return this.#expectedIsHex ? this.#expected.hash : undefined;
  }

  /** False once a link has failed. */
  accept(link: ChainLink): boolean {
    if (this.#failure) return false;
    const { seq } = link;
    if (seq !== this.#expected.seq + 1) {
      return this.#fail(seq, 'sequence-gap', `record ${seq} follows record ${this.#expected.seq}: ${seq > this.#expected.seq + 1 ? `record ${this.#expected.seq + 1} is missing` : 'sequence out of order'}`);
    }
    if (link.previousHash !== this.#expected.hash) {
      return this.#fail(seq, 'previous-hash-mismatch', `record ${seq} names ${short(link.previousHash)} as the previous record's hash, but ${this.#expected.seq === 0 ? 'the chain starts' : `record ${this.#expected.seq}'s hash is`} ${short(this.#expected.hash)}`);
    }
    const actual = sha256Hex(link.canonical);
    if (actual !== link.hash) {
      return this.#fail(seq, 'hash-mismatch', `record ${seq} was changed: its content hashes to ${short(actual)}, not its recorded ${short(link.hash)}`);
    }
    this.#count += 1;
    // link.hash equals the SHA-256 just computed: hex.
    this.#expectedIsHex = true;
    this.#expected = { seq, hash: link.hash };
    this.#last = this.#expected;
    return true;
  }

  /** A link whose stored form is not a record's canonical form. */
  malformed(seq: number, why: string): false {
    return this.#fail(seq, 'malformed', `record ${seq} is not a well-formed audit record: ${why}`);
  }

  /**
   * The verdict, given the head the log recorded (null: none to compare with): a chain that stops
   * short of its head lost its last records.
   */
  verdict(head: ChainPosition | null = null): ChainVerdict {
    if (this.#failure) return this.#failure;
    if (head && (head.seq !== this.#expected.seq || head.hash !== this.#expected.hash)) {
      if (head.seq > this.#expected.seq) {
        return { ok: false, count: this.#count, seq: this.#expected.seq + 1, problem: 'sequence-gap', message: `the log's head is record ${head.seq}, but the chain ends at record ${this.#expected.seq}: record ${this.#expected.seq + 1} is missing` };
      }
      return { ok: false, count: this.#count, seq: head.seq, problem: 'hash-mismatch', message: `the log's head names record ${head.seq} with hash ${short(head.hash)}, which the chain does not end with` };
    }
    return { ok: true, count: this.#count, last: this.#last };
  }

  #fail(seq: number, problem: ChainProblem, message: string): false {
    this.#failure = { ok: false, count: this.#count, seq, problem, message };
    return false;
  }
}

/**
 * Verifies records in order after a checkpoint (null: from the start of the chain); stops at the
 * first that does not verify. Records are hashed from their fields, as they would be written.
 */
export async function verifyChain(
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord> | AsyncIterable<readonly AuditRecord[]>,
  checkpoint: ChainPosition | null,
  head: ChainPosition | null = null,
): Promise<ChainVerdict> {
  const verifier = new ChainVerifier(checkpoint);
  const one = (record: AuditRecord): boolean => {
    let canonical: string;
    try {
      canonical = canonicalForm(record);
    } catch (error) {
      return verifier.malformed(Number(record.seq), error instanceof Error ? error.message : String(error));
    }
    return verifier.accept({ seq: record.seq, previousHash: record.previousHash, canonical, hash: record.hash });
  };
  for await (const item of records as AsyncIterable<AuditRecord | readonly AuditRecord[]>) {
    if (Array.isArray(item)) {
      for (const record of item as readonly AuditRecord[]) if (!one(record)) return verifier.verdict();
    } else if (!one(item as AuditRecord)) {
      return verifier.verdict();
    }
  }
  return verifier.verdict(head);
}

/**
 * The chain fields of a stored canonical form, read from its fixed opening
 * (`{"seq":N,"previousHash":"<64 hex>",`) without parsing the rest: null when it does not open so.
 */
export function chainFieldsOf(canonical: string | Buffer, expectedPreviousHash?: string): { seq: number; previousHash: string } | null {
  if (typeof canonical !== 'string') return chainFieldsOfBytes(canonical, expectedPreviousHash);
  if (!canonical.startsWith('{"seq":')) return null;
  const comma = canonical.indexOf(',', 7);
  if (comma < 8 || comma > 24) return null;
  const digits = canonical.slice(7, comma);
  if (!/^[1-9][0-9]*$/.test(digits)) return null;
  const seq = Number(digits);
  if (!Number.isSafeInteger(seq)) return null;
  const label = ',"previousHash":"';
  if (canonical.slice(comma, comma + label.length) !== label) return null;
  const start = comma + label.length;
  const previousHash = canonical.slice(start, start + 64);
  const close = canonical.charAt(start + 64);
  if (!/^[0-9a-f]{64}$/.test(previousHash) || (close !== '"')) return null;
  const after = canonical.charAt(start + 65);
  if (after !== ',' && after !== '}') return null;
  return { seq, previousHash };
}

const OPENING = Buffer.from('{"seq":');
const LABEL = Buffer.from(',"previousHash":"');
const code = (c: string): number => c.charCodeAt(0);
const [DIGIT_0, DIGIT_9, HEX_A, HEX_F, QUOTE, COMMA, CLOSE] = [code('0'), code('9'), code('a'), code('f'), code('"'), code(','), code('}')];

/**
 * As chainFieldsOf, over the stored bytes: verifying reads records as bytes, which are hashed as
 * they are, without making text of them (issue 11: at least 200,000 records per second). A record
 * naming the hash expected of it (the usual case) is answered with that hash, without reading its
 * digits into a string of their own.
 */
function chainFieldsOfBytes(bytes: Buffer, expected?: string): { seq: number; previousHash: string } | null {
  if (bytes.length < OPENING.length + 1 + LABEL.length + 66 || !bytesAt(bytes, 0, OPENING)) return null;
  let at = OPENING.length;
  if (bytes[at] === DIGIT_0) return null;
  let seq = 0;
  for (; at < OPENING.length + 17 && bytes[at]! >= DIGIT_0 && bytes[at]! <= DIGIT_9; at++) seq = seq * 10 + (bytes[at]! - DIGIT_0);
  if (at === OPENING.length || !Number.isSafeInteger(seq) || !bytesAt(bytes, at, LABEL)) return null;
  const start = at + LABEL.length;
  if (bytes.length < start + 66) return null;
  const after = bytes[start + 65];
  if (bytes[start + 64] !== QUOTE || (after !== COMMA && after !== CLOSE)) return null;
  if (expected !== undefined && expected.length === 64 && sameAscii(bytes, start, expected)) return { seq, previousHash: expected };
  for (let i = start; i < start + 64; i++) {
    const c = bytes[i]!;
    if (!((c >= DIGIT_0 && c <= DIGIT_9) || (c >= HEX_A && c <= HEX_F))) return null;
  }
  return { seq, previousHash: bytes.toString('latin1', start, start + 64) };
}

/** Whether `bytes` holds the characters of `text` (code units below 128) at `offset`. */
function sameAscii(bytes: Buffer, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Whether `bytes` holds `expected` at `offset` (a loop: Buffer.compare's checks cost more than these few bytes). */
function bytesAt(bytes: Buffer, offset: number, expected: Buffer): boolean {
  if (offset + expected.length > bytes.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[offset + i] !== expected[i]) return false;
  return true;
}

function short(hash: string): string {
  return typeof hash === 'string' && hash.length > 12 ? `${hash.slice(0, 12)}…` : JSON.stringify(hash);
}
