import type { BucketTake } from './token-bucket.js';

// Where the buckets live (issue 12, item 3): in this process's memory, or in Redis, shared by every
// gateway replica. A store takes a request's charge from all its buckets at once, or from none.

export interface TakeOutcome {
  allowed: boolean;
  /** Units each bucket held at the time of the take, after refilling and before the charge, in the order of the takes. */
  available: number[];
}

export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /**
   * Takes every charge if every bucket holds it, atomically across replicas; otherwise takes nothing.
   * Rejects when the store cannot answer (Redis down or slow); the caller then lets the request pass.
   */
  take(takes: readonly BucketTake[], nowMs: number): Promise<TakeOutcome>;
  close(): Promise<void>;
}
