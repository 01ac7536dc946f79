import { createHash } from 'node:crypto';
import { withTimeout } from '../../runtime/redis-connection.js';
import type { RedisClient } from '../stores/redis-connection.js';
import type { RateLimitStore, TakeOutcome } from './rate-limit-store.js';
import { chargeFor, type BucketTake } from './token-bucket.js';

/**
 * Longest wait for one take. A take sits in front of every request, and when Redis does not answer
 * the request passes (fail open), so it gives up long before a grant read would.
 */
export const DEFAULT_TAKE_TIMEOUT_MS = 250;

// One script run per take, so the refill, the comparison and the charge of every bucket a request
// takes from are one atomic step across all replicas (token-bucket.ts has the same arithmetic for
// memory). ARGV: now (ms), then capacity, refill per second and charge of each key in turn. A bucket
// is a hash { tokens, at }; a missing one is full. Nothing is written unless every bucket holds its
// charge. A key lives one full refill after its last take (after that it would be full, which is
// what a missing key means), whatever the clock the callers pass.
const TAKE_SCRIPT = `
local now = tonumber(ARGV[1])
local available = {}
local stamps = {}
local allowed = 1
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[3 * i - 1])
  local rate = tonumber(ARGV[3 * i])
  local charge = tonumber(ARGV[3 * i + 1])
  local stored = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(stored[1])
  local at = tonumber(stored[2])
  if tokens == nil or at == nil then
    tokens = capacity
    at = now
  else
    tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
    at = math.max(at, now)
  end
  available[i] = tokens
  stamps[i] = at
  if tokens < charge then allowed = 0 end
end
if allowed == 1 then
  for i = 1, #KEYS do
    local capacity = tonumber(ARGV[3 * i - 1])
    local rate = tonumber(ARGV[3 * i])
    local charge = tonumber(ARGV[3 * i + 1])
    redis.call('HSET', KEYS[i], 'tokens', tostring(available[i] - charge), 'at', tostring(stamps[i]))
    redis.call('PEXPIRE', KEYS[i], math.ceil(capacity / rate * 1000))
  end
end
local reply = { allowed }
for i = 1, #KEYS do reply[i + 1] = tostring(available[i]) end
return reply
`;
const TAKE_SCRIPT_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

export interface RedisRateLimitStoreOptions {
  /** In front of every key (REDIS_KEY_PREFIX); the buckets are under `<prefix>rate-limit:`. */
  prefix: string;
  timeoutMs?: number;
  /** Closes the connection with the store when it is the store's own; a shared one is closed by its owner. */
  onClose?: () => Promise<void>;
}

/** Buckets in Redis, shared by every gateway replica on the same Redis and prefix. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis' as const;
  readonly #keyPrefix: string;
  readonly #timeoutMs: number;

  constructor(private readonly client: RedisClient, private readonly options: RedisRateLimitStoreOptions) {
    this.#keyPrefix = `${options.prefix}rate-limit:`;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TAKE_TIMEOUT_MS;
  }

  async take(takes: readonly BucketTake[], nowMs: number): Promise<TakeOutcome> {
    const keys = takes.map((take) => this.#keyPrefix + take.key);
    const args = [String(nowMs), ...takes.flatMap((take) => [String(take.capacity), String(take.refillPerSecond), String(chargeFor(take))])];
    const reply = await withTimeout(this.#run(keys, args), this.#timeoutMs) as unknown[];
    if (!Array.isArray(reply) || reply.length !== takes.length + 1) throw new Error('the rate limit script answered in an unexpected shape');
    return { allowed: Number(reply[0]) === 1, available: reply.slice(1).map(Number) };
  }

  async #run(keys: string[], args: string[]): Promise<unknown> {
    const options = { keys, arguments: args };
    try {
      return await this.client.evalSha(TAKE_SCRIPT_SHA, options);
    } catch (error) {
      // A Redis that restarted or flushed its script cache: send the script itself once.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return this.client.eval(TAKE_SCRIPT, options);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }
}
