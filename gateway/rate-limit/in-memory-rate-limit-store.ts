import type { RateLimitStore, TakeOutcome } from './rate-limit-store.js';
import { takeFromStates, type BucketState, type BucketTake } from './token-bucket.js';

/** Buckets one process keeps before dropping the least recently used (about 100 bytes each). */
export const DEFAULT_MAX_BUCKETS = 100_000;

/**
 * Buckets in this process only: each replica counts on its own, so N replicas allow N times the
 * quota (set REDIS_URL to share them). Bounded: past `maxBuckets` the least recently used bucket is
 * dropped, which only ever gives back a fresh (full) bucket to a caller idle longer than the others.
 */
export class InMemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory' as const;
  readonly #buckets = new Map<string, BucketState>();

  constructor(private readonly maxBuckets = DEFAULT_MAX_BUCKETS) {}

  async take(takes: readonly BucketTake[], nowMs: number): Promise<TakeOutcome> {
    const states = takes.map((take) => this.#buckets.get(take.key));
    const { allowed, available, next } = takeFromStates(states, takes, nowMs);
    takes.forEach((take, i) => this.#keep(take.key, next[i]!));
    return { allowed, available };
  }

  /** Re-inserted so that the map's order is least recently used first. */
  #keep(key: string, state: BucketState): void {
    this.#buckets.delete(key);
    this.#buckets.set(key, state);
    while (this.#buckets.size > this.maxBuckets) {
      const oldest = this.#buckets.keys().next().value as string;
      this.#buckets.delete(oldest);
    }
  }

  get size(): number {
    return this.#buckets.size;
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }
}
