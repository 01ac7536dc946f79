import { describe, expect, it } from 'vitest';
import {
  allowed, availableAt, chargeFor, reportTakes, takeFromStates, type BucketLimit, type BucketState, type BucketTake,
} from '../../../../gateway/rate-limit/token-bucket.js';

// 60 units a minute: one a second, burst 60.
const perMinute60: BucketLimit = { capacity: 60, refillPerSecond: 1 };
const at = (tokens: number, updatedAtMs: number): BucketState => ({ tokens, updatedAtMs });
const take = (charge: number, limit: BucketLimit = perMinute60, key = 'k'): BucketTake => ({ key, charge, ...limit });

describe('availableAt: continuous refill up to the capacity', () => {
  it.each<[string, BucketState | undefined, number, number]>([
    ['an unknown bucket is full', undefined, 0, 60],
    ['nothing has passed', at(10, 1_000), 1_000, 10],
    ['one unit a second', at(10, 1_000), 6_000, 15],
    ['fractions of a second refill fractions of a unit', at(0, 0), 250, 0.25],
    ['never above the capacity', at(59, 0), 120_000, 60],
    ['an empty bucket is full again after one window', at(0, 0), 60_000, 60],
    ['a clock behind the last take adds nothing and takes nothing', at(10, 5_000), 1_000, 10],
  ])('%s', (_name, state, nowMs, expected) => {
    expect(availableAt(state, perMinute60, nowMs)).toBeCloseTo(expected, 9);
  });
});

describe('chargeFor and allowed', () => {
  it.each<[string, number, number, number]>([
    ['a charge within the capacity is taken whole', 5, 60, 5],
    ['a charge above the capacity takes a full bucket', 600, 60, 60],
    ['exactly the capacity', 60, 60, 60],
  ])('%s', (_name, charge, capacity, expected) => {
    expect(chargeFor({ charge, capacity })).toBe(expected);
  });

  it.each<[string, number[], number[], boolean]>([
    ['every bucket holds the charge', [1, 1], [5, 1], true],
    ['one bucket short refuses all', [1, 1], [5, 0.99], false],
    ['a fractional unit short refuses', [3], [2.999], false],
    ['an oversized charge passes on a full bucket', [600], [60], true],
  ])('%s', (_name, charges, available, expected) => {
    expect(allowed(charges.map((c, i) => take(c, perMinute60, `k${i}`)), available)).toBe(expected);
  });
});

describe('takeFromStates: all or nothing, then refill', () => {
  // Each step: [ms since start, charge, allowed?, units left after the step]
  it.each<[string, [number, number, boolean, number][]]>([
    ['a burst of the whole capacity, then one refused', [[0, 60, true, 0], [0, 1, false, 0]]],
    ['a unit back every second', [[0, 60, true, 0], [1_000, 1, true, 0], [1_500, 1, false, 0.5], [2_000, 1, true, 0]]],
    ['a charge waits until the bucket holds all of it', [[0, 58, true, 2], [1_000, 5, false, 3], [2_000, 5, false, 4], [3_000, 5, true, 0]]],
    ['an idle bucket is full again, not more', [[0, 10, true, 50], [600_000, 60, true, 0]]],
  ])('%s', (_name, steps) => {
    let state: BucketState | undefined;
    for (const [ms, charge, expectedAllowed, left] of steps) {
      const result = takeFromStates([state], [take(charge)], ms);
      expect(result.allowed, `at ${ms} ms taking ${charge}`).toBe(expectedAllowed);
      state = result.next[0];
      expect(state?.tokens).toBeCloseTo(left, 9);
    }
  });

  it('takes from no bucket when one of them is short', () => {
    const person = take(2, { capacity: 10, refillPerSecond: 1 }, 'person');
    const organisation = take(2, { capacity: 100, refillPerSecond: 1 }, 'organisation');
    const result = takeFromStates([at(10, 0), at(1, 0)], [person, organisation], 0);
    expect(result).toEqual({ allowed: false, available: [10, 1], next: [at(10, 0), at(1, 0)] });
  });

  it('keeps the later stamp when a replica\'s clock is behind', () => {
    expect(takeFromStates([at(10, 5_000)], [take(1)], 1_000).next).toEqual([at(9, 5_000)]);
  });
});

describe('reportTakes: what RateLimit and Retry-After say', () => {
  it.each<[string, number, number, boolean, { remaining: number; resetSeconds: number; waitSeconds: number }]>([
    ['allowed from a full bucket', 1, 60, true, { remaining: 59, resetSeconds: 1, waitSeconds: 0 }],
    ['allowed, the bucket emptied', 60, 60, true, { remaining: 0, resetSeconds: 60, waitSeconds: 0 }],
    ['remaining is rounded down', 1, 10.5, true, { remaining: 9, resetSeconds: 51, waitSeconds: 0 }],
    ['refused: nothing taken, wait for the missing units', 16, 4, false, { remaining: 4, resetSeconds: 56, waitSeconds: 12 }],
    ['refused by a fraction: a whole second to wait', 1, 0.5, false, { remaining: 0, resetSeconds: 60, waitSeconds: 1 }],
    ['refused with an oversized charge: wait for a full bucket', 600, 0, false, { remaining: 0, resetSeconds: 60, waitSeconds: 60 }],
  ])('%s', (_name, charge, available, wasAllowed, expected) => {
    expect(reportTakes([take(charge)], [available], wasAllowed)).toEqual([expected]);
  });

  it('rounds float noise neither up nor down by a whole unit or second', () => {
    const limit = { capacity: 600, refillPerSecond: 10 };
    expect(reportTakes([take(1, limit)], [600.0000000001], true)).toEqual([{ remaining: 599, resetSeconds: 1, waitSeconds: 0 }]);
    expect(reportTakes([take(1, limit)], [0.9], false)).toEqual([{ remaining: 0, resetSeconds: 60, waitSeconds: 1 }]);
  });
});
