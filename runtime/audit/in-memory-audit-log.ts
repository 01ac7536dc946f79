import type { AuditEntry, AuditRecord } from './audit-record.js';
import {
  checkBackwardPage,
  checkPage,
  checkRange,
  filingTime,
  LATE_FILING_MS,
  type AuditCheckpoint,
  type AuditLog,
  type ReadRangeOptions,
  type TimeRange,
} from './audit-log.js';
import { canonicalForm, seal, type ChainPosition } from './canonical-form.js';
import { ChainVerifier, type ChainVerdict } from './verify.js';

interface Kept {
  record: AuditRecord;
  canonical: string;
  filedAt: number;
}

/**
 * The audit trail in one process's memory (ARCHITECTURE.md "Audit"), for development and tests
 * without REDIS_URL: lost on restart. Same chaining, trimming and verification as in Redis.
 */
export class InMemoryAuditLog implements AuditLog {
  readonly durable = false;
  #kept: Kept[] = [];
  #head: ChainPosition | null = null;
  #filedAt = Number.NEGATIVE_INFINITY;
  #checkpoint: AuditCheckpoint | null = null;

  /**
   * @param maxRecords the most records kept: older ones are dropped as a trim drops them, with a
   * checkpoint, so a long-running process without Redis does not grow without bound.
   */
  constructor(private readonly maxRecords = Number.POSITIVE_INFINITY) {
    if (!(maxRecords >= 1)) throw new RangeError(`maxRecords must be at least 1, got ${String(maxRecords)}`);
  }

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const sealed = seal(entries, this.#head ?? this.#checkpoint);
    for (const { record, canonical } of sealed) {
      this.#filedAt = filingTime(record.at, this.#filedAt);
      // A copy: the sealed record shares the caller's entry's lists (./canonical-form.ts seal).
      this.#kept.push({ record: structuredClone(record), canonical, filedAt: this.#filedAt });
      this.#head = { seq: record.seq, hash: record.hash };
    }
    const excess = this.#kept.length - this.maxRecords;
    if (excess > 0) {
      const last = this.#kept[excess - 1]!.record;
      this.#checkpoint = { seq: last.seq, hash: last.hash, at: last.at };
      this.#kept = this.#kept.slice(excess);
    }
    return sealed.map((s) => s.record);
  }

  async read(from: number, count: number): Promise<AuditRecord[]> {
    checkPage(from, count);
    const start = this.#indexOf(from);
    return this.#kept.slice(start, start + count).map((k) => structuredClone(k.record));
  }

  async *readRange(range: TimeRange, options: ReadRangeOptions = {}): AsyncIterable<AuditRecord[]> {
    const { fromMs, toMs } = checkRange(range);
    const pageSize = options.pageSize ?? 1000;
    let page: AuditRecord[] = [];
    // Records are filed in non-decreasing time: skip to the first filed at or after `from`.
    let i = lowerBound(this.#kept, fromMs);
    for (; i < this.#kept.length; i++) {
      const kept = this.#kept[i]!;
      if (kept.filedAt >= toMs + LATE_FILING_MS) break;
      const at = Date.parse(kept.record.at);
      if (at < fromMs || at >= toMs) continue;
      page.push(structuredClone(kept.record));
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async head(): Promise<ChainPosition | null> {
    return this.#head ? { ...this.#head } : null;
  }

  async trim(before: string): Promise<number> {
    const beforeMs = Date.parse(before);
    if (Number.isNaN(beforeMs)) throw new TypeError(`before must be an ISO 8601 time, not ${JSON.stringify(before)}`);
    const removed = lowerBound(this.#kept, beforeMs);
    if (removed === 0) return 0;
    const last = this.#kept[removed - 1]!.record;
    this.#checkpoint = { seq: last.seq, hash: last.hash, at: last.at };
    this.#kept = this.#kept.slice(removed);
    return removed;
  }

  async checkpoint(): Promise<AuditCheckpoint | null> {
    return this.#checkpoint ? { ...this.#checkpoint } : null;
  }

  async verify(): Promise<ChainVerdict> {
    const verifier = new ChainVerifier(this.#checkpoint);
    for (const { record, canonical } of this.#kept) {
      if (!verifier.accept({ seq: record.seq, previousHash: record.previousHash, canonical, hash: record.hash })) break;
    }
    return verifier.verdict(this.#head);
  }

  async close(): Promise<void> {}

  /** Test support: the stored record at `seq`, to alter as an intruder would (its hash is left as it was). */
  tamper(seq: number, change: (record: AuditRecord) => void): void {
    const kept = this.#kept.find((k) => k.record.seq === seq);
    if (!kept) throw new RangeError(`no record ${seq}`);
    change(kept.record);
    kept.canonical = canonicalForm(kept.record);
  }

  async readBackward(before: number | null, count: number): Promise<AuditRecord[]> {
    checkBackwardPage(before, count);
    const end = before === null ? this.#kept.length : this.#indexOf(before);
    return this.#kept.slice(Math.max(0, end - count), end).reverse().map((k) => structuredClone(k.record));
  }

  #indexOf(seq: number): number {
    let lo = 0;
    let hi = this.#kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#kept[mid]!.record.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The index of the first record filed at or after `ms`. */
function lowerBound(kept: readonly Kept[], ms: number): number {
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (kept[mid]!.filedAt < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
