import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryRateLimitStore } from '../../../gateway/rate-limit/in-memory-rate-limit-store.js';
import type { RateLimitStore } from '../../../gateway/rate-limit/rate-limit-store.js';
import { RedisRateLimitStore } from '../../../gateway/rate-limit/redis-rate-limit-store.js';
import type { BucketTake } from '../../../gateway/rate-limit/token-bucket.js';
import { createRedisConnection, type RedisConnection } from '../../../gateway/stores/redis-connection.js';

// The Redis script and the in-memory store run the same token bucket (gateway/rate-limit/
// token-bucket.ts): the same takes at the same times give the same answers, on a real Redis under a
// prefix of this run's own, removed afterwards.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test-${randomBytes(6).toString('hex')}:`;
let redis: RedisConnection;

beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

const person = (charge: number): BucketTake => ({ key: 'principal:ada', capacity: 10, refillPerSecond: 10 / 60, charge });
const organisation = (charge: number): BucketTake => ({ key: 'organisation:institution:uni-leiden', capacity: 4, refillPerSecond: 4 / 60, charge });

// Each step: [seconds since start, takes, allowed?]
type Step = [number, BucketTake[], boolean];

describe.each<[string, () => RateLimitStore]>([
  ['in memory', () => new InMemoryRateLimitStore()],
  ['in Redis', () => new RedisRateLimitStore(redis.client, { prefix: `${runPrefix}${randomBytes(4).toString('hex')}:` })],
])('the rate limit store %s', (_name, makeStore) => {
  it.each<[string, Step[], number[][]]>([
    ['a burst, a refusal, a refill', [[0, [person(10)], true], [0, [person(1)], false], [6, [person(1)], true]], [[10], [0], [1]]],
    ['all or nothing: a short organisation bucket leaves the person\'s untouched', [
      [0, [person(3), organisation(3)], true],
      [0, [person(3), organisation(3)], false],
      [0, [person(1), organisation(1)], true],
    ], [[10, 4], [7, 1], [7, 1]]],
    ['an oversized charge empties a full bucket', [[0, [person(500)], true], [30, [person(500)], false], [60, [person(500)], true]], [[10], [5], [10]]],
    ['a clock behind the last take refills nothing', [[10, [person(4)], true], [0, [person(7)], false], [10, [person(6)], true]], [[10], [6], [6]]],
  ])('%s', async (_case, steps, expectedAvailable) => {
    const store = makeStore();
    const start = Date.parse('2026-03-02T09:00:00Z');
    const seen: number[][] = [];
    for (const [seconds, takes, expectedAllowed] of steps) {
      const outcome = await store.take(takes, start + seconds * 1000);
      expect(outcome.allowed, `at ${seconds} s`).toBe(expectedAllowed);
      seen.push(outcome.available);
    }
    seen.forEach((available, i) => available.forEach((units, j) => expect(units).toBeCloseTo(expectedAvailable[i]![j]!, 6)));
  });
});

describe('the Redis store', () => {
  it('keeps a bucket for one full refill after its last take, then lets it go', async () => {
    const prefix = `${runPrefix}ttl:`;
    await new RedisRateLimitStore(redis.client, { prefix }).take([person(1)], Date.now());
    const ttl = await redis.client.pTTL(`${prefix}rate-limit:principal:ada`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('rejects when Redis does not answer, so that the caller can let the request pass', async () => {
    const down = createRedisConnection('redis://127.0.0.1:1/0', 200);
    try {
      await expect(new RedisRateLimitStore(down.client, { prefix: runPrefix }).take([person(1)], Date.now())).rejects.toThrow();
    } finally {
      await down.close();
    }
  });
});
