import type { AuditEntry, AuditRecord } from './audit-record.js';
import type { ChainPosition } from './canonical-form.js';
import type { ChainVerdict } from './verify.js';

/** The last record removed by a trim: the first remaining record carries its hash (ARCHITECTURE.md "Audit"). */
export interface AuditCheckpoint extends ChainPosition {
  /** When that record was made (its `at`). */
  at: string;
}

export interface TimeRange {
  /** ISO 8601, inclusive. */
  from: string;
  /** ISO 8601, exclusive; none: up to the newest record. */
  to?: string;
}

export interface ReadRangeOptions {
  /** Records per page (default 1000). */
  pageSize?: number;
}

/**
 * The audit trail (ARCHITECTURE.md "Audit"): append-only, each record chained to the one before by
 * its hash. In memory (./in-memory-audit-log.ts) or in a Redis Stream (./redis-audit-log.ts).
 * A call that cannot reach the log rejects with AuditLogUnavailableError: the caller then fails
 * closed (no audit, no access).
 */
export interface AuditLog {
  /** True when records survive a restart and are shared between processes. */
  readonly durable: boolean;
  /**
   * Appends a batch, chained after the current head, all or nothing. Appenders in several processes
   * never fork the chain: a batch is written only after the head it was computed from.
   */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
  /** Up to `count` records from seq `from` on (from the first kept one if `from` was trimmed). */
  read(from: number, count: number): Promise<AuditRecord[]>;
  /**
   * Up to `count` records before seq `before` (null: from the head), newest first: the audit views
   * page back from the newest record (ARCHITECTURE.md "Audit").
   */
  readBackward(before: number | null, count: number): Promise<AuditRecord[]>;
  /** Records whose `at` lies in the range, oldest first, a page at a time. */
  readRange(range: TimeRange, options?: ReadRangeOptions): AsyncIterable<AuditRecord[]>;
  /** The last record's position; null for an empty log. */
  head(): Promise<ChainPosition | null>;
  /**
   * Removes the oldest records made before `before` (a prefix of the chain: it stops at the first
   * record made later) and records a checkpoint at the last removed one, so that what remains still
   * verifies. Returns how many were removed.
   */
  trim(before: string): Promise<number>;
  /** The checkpoint of the last trim; null if never trimmed. */
  checkpoint(): Promise<AuditCheckpoint | null>;
  /** Walks the whole kept chain from the checkpoint to the head (./verify.ts). */
  verify(): Promise<ChainVerdict>;
  close(): Promise<void>;
}

export class AuditLogUnavailableError extends Error {
  override readonly name = 'AuditLogUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`audit log unavailable: ${message}`, options);
  }
}

/**
 * The time a record is filed under: its own `at`, or the previous record's filing time when that is
 * later (appenders' clocks differ and batches arrive late). Never decreasing along the chain, so a
 * time range is found by binary search and trimming by time removes a prefix.
 */
export function filingTime(at: string, previous: number): number {
  return Math.max(Date.parse(at), previous);
}

/** How far past the end of a time range readRange looks for records filed late (their `at` earlier than a record before them). */
export const LATE_FILING_MS = 15 * 60_000;

export function checkRange(range: TimeRange): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(range.from);
  if (Number.isNaN(fromMs)) throw new TypeError(`from must be an ISO 8601 time, not ${JSON.stringify(range.from)}`);
  const toMs = range.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(range.to);
  if (Number.isNaN(toMs)) throw new TypeError(`to must be an ISO 8601 time, not ${JSON.stringify(range.to)}`);
  if (toMs < fromMs) throw new TypeError(`the range ends (${range.to}) before it starts (${range.from})`);
  return { fromMs, toMs };
}

export function checkPage(from: number, count: number): void {
  if (!Number.isSafeInteger(from) || from < 1) throw new TypeError(`from must be a seq (1 or more), not ${from}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new TypeError(`count must be 1 or more, not ${count}`);
}

export function checkBackwardPage(before: number | null, count: number): void {
  if (before !== null && (!Number.isSafeInteger(before) || before < 1)) throw new TypeError(`before must be a seq (1 or more) or null, not ${before}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new TypeError(`count must be 1 or more, not ${count}`);
}
