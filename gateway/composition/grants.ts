import type { GrantStore } from '../stores/grant-store.js';
import { InMemoryGrantStore } from '../stores/in-memory-grant-store.js';
import { createRedisConnection, type RedisConnection } from '../stores/redis-connection.js';
import { RedisGrantStore } from '../stores/redis-grant-store.js';

export interface GrantSource {
  store: GrantStore;
  /** The shared connection when REDIS_URL is set; /ready reports whether it answers. */
  redis?: RedisConnection;
  close(): Promise<void>;
}

/**
 * Where partner-issued grants are read (ARCHITECTURE.md, "Stores"): the store a caller injects,
 * else Redis when REDIS_URL is set, else in-process memory.
 */
export function createGrantSource(redisUrl: string | null, injected?: GrantStore): GrantSource {
  const redis = redisUrl ? createRedisConnection(redisUrl) : undefined;
  const store = injected ?? (redis ? new RedisGrantStore(redis.client) : new InMemoryGrantStore());
  return { store, redis, close: async () => { await redis?.close(); } };
}
