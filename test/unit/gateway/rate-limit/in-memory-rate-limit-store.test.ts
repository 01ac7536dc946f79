import { describe, expect, it } from 'vitest';
import { InMemoryRateLimitStore } from '../../../../gateway/rate-limit/in-memory-rate-limit-store.js';
import type { BucketTake } from '../../../../gateway/rate-limit/token-bucket.js';

const bucket = (key: string): BucketTake => ({ key, capacity: 2, refillPerSecond: 2 / 60, charge: 1 });

describe('InMemoryRateLimitStore', () => {
  it('keeps at most maxBuckets, dropping the least recently used, which only ever comes back full', async () => {
    const store = new InMemoryRateLimitStore(2);
    await store.take([bucket('a')], 0);
    await store.take([bucket('b')], 0);
    await store.take([bucket('a')], 0);
    await store.take([bucket('c')], 0);
    expect(store.size).toBe(2);
    // a was used after b, so b went: a is still empty, and b is full again.
    expect(await store.take([bucket('a')], 0)).toEqual({ allowed: false, available: [0] });
    expect(await store.take([bucket('b')], 0)).toEqual({ allowed: true, available: [2] });
  });
});
