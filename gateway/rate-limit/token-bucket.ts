// Token buckets (issue 12, item 3): a bucket holds at most `capacity` units, refills continuously at
// `refillPerSecond`, and starts full, so a caller may spend the whole capacity at once (burst =
// capacity) and then one unit every 1/refillPerSecond seconds. Pure arithmetic shared by both stores:
// the in-memory store runs it directly, and the Redis script does the same refill and comparison
// and hands the available units back, from which the headers and the wait are worked out here.

export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
}

/** What a store keeps per bucket: the units left after the last take, and when that was. */
export interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

/** One bucket a request takes from, and how many units. */
export interface BucketTake extends BucketLimit {
  key: string;
  charge: number;
}

/**
 * The units in a bucket at `nowMs`: an unknown bucket is full; time never runs backward (a replica
 * whose clock is behind the last writer's adds nothing rather than taking units away).
 */
export function availableAt(state: BucketState | undefined, limit: BucketLimit, nowMs: number): number {
  if (!state) return limit.capacity;
  const elapsedMs = Math.max(0, nowMs - state.updatedAtMs);
  return Math.min(limit.capacity, state.tokens + (elapsedMs / 1000) * limit.refillPerSecond);
}

/**
 * A charge larger than a bucket could ever hold is cut to its capacity: the request then waits for a
 * full bucket and empties it, instead of never being allowed.
 */
export function chargeFor(take: Pick<BucketTake, 'charge' | 'capacity'>): number {
  return Math.min(take.charge, take.capacity);
}

/** All or nothing: a request is allowed only if every bucket it takes from has its charge. */
export function allowed(takes: readonly BucketTake[], available: readonly number[]): boolean {
  return takes.every((take, i) => (available[i] ?? 0) >= chargeFor(take));
}

/** One bucket after a request, as the RateLimit header field reports it. */
export interface BucketReport {
  /** Whole units left, rounded down (draft: a non-negative Integer). */
  remaining: number;
  /** Whole seconds until the bucket is full again, rounded up. */
  resetSeconds: number;
  /** Whole seconds until this bucket holds the charge, rounded up; 0 when it does now. */
  waitSeconds: number;
}

/** Each bucket's report, from the units available before the take and whether the take was allowed. */
export function reportTakes(takes: readonly BucketTake[], available: readonly number[], wasAllowed: boolean): BucketReport[] {
  return takes.map((take, i) => {
    const before = available[i] ?? 0;
    const after = wasAllowed ? before - chargeFor(take) : before;
    return {
      remaining: Math.max(0, Math.floor(after + 1e-9)),
      resetSeconds: secondsFor(take.capacity - after, take.refillPerSecond),
      waitSeconds: wasAllowed ? 0 : secondsFor(chargeFor(take) - before, take.refillPerSecond),
    };
  });
}

/** Whole seconds for a bucket to gain `units`, rounded up; small float errors do not add a second. */
function secondsFor(units: number, refillPerSecond: number): number {
  if (units <= 1e-9) return 0;
  return Math.ceil(units / refillPerSecond - 1e-9);
}

/** The in-memory form of the take the Redis script makes: refill, compare, and deduct only if all allow. */
export function takeFromStates(
  states: readonly (BucketState | undefined)[], takes: readonly BucketTake[], nowMs: number,
): { allowed: boolean; available: number[]; next: BucketState[] } {
  const available = takes.map((take, i) => availableAt(states[i], take, nowMs));
  const ok = allowed(takes, available);
  const next = takes.map((take, i) => ({
    tokens: ok ? available[i]! - chargeFor(take) : available[i]!,
    updatedAtMs: Math.max(nowMs, states[i]?.updatedAtMs ?? nowMs),
  }));
  return { allowed: ok, available, next };
}
