import { InMemoryNonceStore } from './in-memory-nonce-store.js';
import type { NonceStore } from './nonce-store.js';
import { RedisNonceStore } from './redis-nonce-store.js';

export interface NonceStoreSettings {
  /** REDIS_URL (runtime/env.ts readRedisUrl): shared by every replica; null, this process's memory. */
  redisUrl: string | null;
  /** REDIS_KEY_PREFIX (runtime/env.ts readRedisKeyPrefix). */
  redisKeyPrefix: string;
  /** The subgraph's own namespace (checkNonceNamespace): its replicas share it, no other subgraph does. */
  namespace: string;
}

/** The replay memory a subgraph's configuration asks for: Redis with REDIS_URL, else memory. */
export function openNonceStore(settings: NonceStoreSettings): NonceStore {
  return settings.redisUrl
    ? RedisNonceStore.connect(settings.redisUrl, { prefix: settings.redisKeyPrefix, namespace: settings.namespace })
    : new InMemoryNonceStore();
}
