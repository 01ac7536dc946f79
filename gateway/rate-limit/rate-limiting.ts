import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import type { GatewayConfig } from '../config.js';
import { requestLimits } from '../limits/request-limits.js';
import { createRedisConnection, type RedisConnection } from '../stores/redis-connection.js';
import { InMemoryRateLimitStore } from './in-memory-rate-limit-store.js';
import { createRateLimitPlugin, type RateLimiting } from './rate-limit-plugin.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limit-settings.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';
import type { Principal } from '../../schema/policy/principal.js';
import type { BaseContext } from '@apollo/server';

type RateLimitConfig = Partial<GatewayConfig> & Pick<GatewayConfig, 'redisUrl'>;

export interface RateLimitingInput {
  config: RateLimitConfig;
  /** The gateway's Redis connection when it has one already (the grants'); else one is opened with REDIS_URL. */
  redis?: RedisConnection;
  logger: Logger;
  now?: () => Date;
}

/**
 * The gateway's rate limits from its configuration (issue 12, item 3): in Redis under
 * REDIS_KEY_PREFIX when REDIS_URL is set, shared by every replica; else in this process's memory. A
 * configuration built in code without `rateLimits` has none (tests and benchmarks that build their
 * own); readGatewayConfig always sets them, on unless RATE_LIMITS=off.
 */
export function createRateLimiting<TContext extends BaseContext & { principal?: Principal }>(
  { config, redis, logger, now }: RateLimitingInput,
): RateLimiting<TContext> {
  const settings: RateLimitSettings = config.rateLimits ?? { ...DEFAULT_RATE_LIMITS, enabled: false };
  const store = settings.enabled ? chooseStore(config, redis) : new InMemoryRateLimitStore(0);
  if (settings.enabled) {
    logger.info({ rateLimits: store.kind, ...settings, trustedProxies: config.trustedProxies ?? [] }, store.kind === 'redis'
      ? 'rate limits in Redis, shared by every replica'
      : 'rate limits in memory: each gateway replica counts on its own; set REDIS_URL to share them');
  }
  const limits = requestLimits(config);
  return createRateLimitPlugin<TContext>({
    settings, store, logger, now,
    cost: { fieldCosts: limits.fieldCosts, defaultListSize: limits.defaultListSize, maxCost: limits.maxCost },
    trustedProxies: config.trustedProxies ?? [],
  });
}

function chooseStore(config: RateLimitConfig, shared: RedisConnection | undefined): RateLimitStore {
  if (!config.redisUrl) return new InMemoryRateLimitStore();
  const prefix = config.redisKeyPrefix ?? DEFAULT_KEY_PREFIX;
  if (shared) return new RedisRateLimitStore(shared.client, { prefix });
  const own = createRedisConnection(config.redisUrl);
  return new RedisRateLimitStore(own.client, { prefix, onClose: () => own.close() });
}
