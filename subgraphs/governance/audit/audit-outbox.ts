import type { AuditEntry } from '../../../runtime/audit/audit-record.js';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';
import type { Logger } from '../../../runtime/logger.js';

/** Entries kept for a trail that cannot be written, at most; beyond, the oldest are dropped and logged. */
const MAX_WAITING = 100_000;

/**
 * Appends governance acts to the audit trail (ARCHITECTURE.md "Audit"). An act is recorded after the
 * store made it, so a trail that cannot be written must not undo it: the entry waits here, in
 * order, and is appended before anything newer, on the next act or on a timer. While entries wait,
 * the subgraph reports itself not ready. With Redis both the store and the trail live there, so a
 * Redis outage refuses the act itself first; this covers the moment between the two writes.
 */
export class AuditOutbox {
  #waiting: AuditEntry[] = [];
  #flushing: Promise<boolean> | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly log: Pick<AuditLog, 'append'>, private readonly logger: Logger, private readonly retryMs = 5000) {}

  /** How many entries wait for the trail. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves once the entry is appended or, when the trail cannot be written, kept to be appended later. Never rejects. */
  async record(entry: AuditEntry): Promise<void> {
    this.#waiting.push(entry);
    if (this.#waiting.length > MAX_WAITING) {
      const dropped = this.#waiting.splice(0, this.#waiting.length - MAX_WAITING);
      this.logger.error({ dropped: dropped.length, oldest: dropped[0]?.at }, 'audit trail unwritable for too long: the oldest governance acts waiting for it were dropped');
    }
    await this.flush();
  }

  /** Appends everything waiting; true when nothing is left waiting. */
  flush(): Promise<boolean> {
    this.#flushing ??= this.#flush().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #flush(): Promise<boolean> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.slice(0, 500);
      try {
        await this.log.append(batch);
      } catch (error) {
        this.logger.error({ err: error, waiting: this.#waiting.length }, 'governance acts could not be appended to the audit trail; kept and retried');
        this.#schedule();
        return false;
      }
      this.#waiting.splice(0, batch.length);
    }
    return true;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.retryMs);
    this.#timer.unref();
  }

  /** Tries once more to append what waits, then stops retrying. */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#waiting.length > 0 && !(await this.flush())) {
      this.logger.error({ waiting: this.#waiting.length }, 'stopping with governance acts not appended to the audit trail');
    }
    if (this.#timer) clearTimeout(this.#timer);
  }
}
