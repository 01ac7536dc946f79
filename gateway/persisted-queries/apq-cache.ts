import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { withTimeout } from '../../runtime/redis-connection.js';
import type { RedisClient } from '../stores/redis-connection.js';

// Where Apollo Server keeps the texts of automatic persisted queries (its `persistedQueries.cache`, a
// KeyValueCache of @apollo/utils.keyvaluecache). Apollo Server puts "apq:" in front of the hash
// itself, so in Redis a text is at `<REDIS_KEY_PREFIX>apq:<sha256>`, shared by every replica, and
// expires PERSISTED_QUERIES_TTL_SECONDS after it was last sent in full; without Redis, in this
// process's memory, bounded.

export type ApqCache = NonNullable<PersistedQueryOptions['cache']>;

/** What Apollo Server puts in front of a hash in its persisted query cache (APQ_CACHE_PREFIX). */
export const APQ_KEY_PREFIX = 'apq:';
const DEFAULT_TIMEOUT_MS = 250;

/** The hash of an APQ cache key, or undefined for a key Apollo Server did not make for a persisted query. */
export function hashOfKey(key: string): string | undefined {
  return key.startsWith(APQ_KEY_PREFIX) ? key.slice(APQ_KEY_PREFIX.length) : undefined;
}

export class RedisApqCache implements ApqCache {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  /** `prefix`: REDIS_KEY_PREFIX. */
  constructor(client: RedisClient, prefix: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#client = client;
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
  }

  async get(key: string): Promise<string | undefined> {
    return (await withTimeout(this.#client.get(this.#prefix + key), this.#timeoutMs)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl;
    await withTimeout(this.#client.set(this.#prefix + key, value, ttl ? { expiration: { type: 'EX', value: Math.ceil(ttl) } } : {}), this.#timeoutMs);
  }

  async delete(key: string): Promise<boolean> {
    return (await withTimeout(this.#client.del(this.#prefix + key), this.#timeoutMs)) > 0;
  }
}

/** About 30 MB of query text, as Apollo Server's own default cache. */
const MEMORY_BYTES = 30 * 1024 * 1024;

export class MemoryApqCache implements ApqCache {
  readonly #texts = new LRUCache<string, string>({ maxSize: MEMORY_BYTES, sizeCalculation: (value, key) => 2 * (value.length + key.length) });

  async get(key: string): Promise<string | undefined> {
    return this.#texts.get(key);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    this.#texts.set(key, value, options?.ttl ? { ttl: options.ttl * 1000 } : {});
  }

  async delete(key: string): Promise<boolean> {
    return this.#texts.delete(key);
  }
}
