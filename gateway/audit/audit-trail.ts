import type { AuditEntry } from '../../runtime/audit/audit-record.js';
import type { AuditLog } from '../../runtime/audit/audit-log.js';

/** Entries appended in one batch at most. */
const MAX_BATCH = 500;

/**
 * The gateway's side of the audit trail (ARCHITECTURE.md "Audit"): operations that touched a
 * guarded field are recorded before their answer leaves, and fail closed when the log cannot be
 * written. Records made while a batch is being appended wait for the next one, so concurrent
 * requests share one append (one Redis round trip) instead of one each.
 */
export class AuditTrail {
  #pending: { entry: AuditEntry; done: (error?: unknown) => void }[] = [];
  #flushing: Promise<void> | null = null;
  #appending = 0;

  /**
   * @param ready resolves true once the log answers (waiting, within its timeout, for a connection
   * still being made): a failed append is tried once more after it, so a gateway that has just
   * started does not withhold fields while its connection to Redis is still being made.
   */
  constructor(private readonly log: Pick<AuditLog, 'append' | 'close'>, private readonly ready?: () => Promise<boolean>) {}

  /** Entries waiting to be appended or being appended now: the audit queue depth, for metrics. */
  get pending(): number {
    return this.#pending.length + this.#appending;
  }

  /** Resolves once the entry is in the log; rejects when it could not be written. */
  record(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ entry, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    // One turn of the event loop lets the requests being answered at the same time join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      const entries = batch.map((b) => b.entry);
      this.#appending = entries.length;
      try {
        await this.log.append(entries);
        for (const b of batch) b.done();
      } catch (error) {
        const retried = this.ready && (await this.ready().catch(() => false))
          ? await this.log.append(entries).then(() => undefined, (again: unknown) => again)
          : error;
        for (const b of batch) b.done(retried);
      } finally {
        this.#appending = 0;
      }
    }
    this.#flushing = null;
  }

  /**
   * Waits for the batches being appended and those queued behind them, then closes the log: a
   * gateway shutting down loses no record of an answer it gave (issue 12, "Operations").
   */
  async close(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.log.close();
  }
}
