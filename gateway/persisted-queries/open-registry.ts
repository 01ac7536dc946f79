import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import { createRedisConnection, type RedisConnection } from '../stores/redis-connection.js';
import { ManifestRegistry } from './manifest-registry.js';
import type { PersistedQueryRegistry } from './persisted-query-registry.js';
import { RedisPersistedQueryRegistry } from './redis-registry.js';

export interface RegistryPlace {
  manifestPath: string | null;
  redisUrl: string | null;
  redisKeyPrefix?: string;
}

/**
 * Where registered operations are, the same rule for the gateway and `npm run persist`: the manifest
 * file when PERSISTED_QUERIES_MANIFEST is set, else Redis when REDIS_URL is set, else none.
 * `redis`: a connection the caller has already (the gateway's); else one is opened and closed with it.
 */
export function openRegistry(
  place: RegistryPlace, options: { mustExist: boolean; redis?: RedisConnection; logger?: Logger },
): PersistedQueryRegistry | undefined {
  if (place.manifestPath) return new ManifestRegistry(place.manifestPath, { mustExist: options.mustExist, logger: options.logger });
  if (!place.redisUrl) return undefined;
  const prefix = place.redisKeyPrefix ?? DEFAULT_KEY_PREFIX;
  if (options.redis) return new RedisPersistedQueryRegistry(options.redis.client, { prefix });
  const own = createRedisConnection(place.redisUrl);
  return new RedisPersistedQueryRegistry(own.client, { prefix, onClose: () => own.close() });
}
