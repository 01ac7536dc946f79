import type { BaseContext, ContextFunction, PersistedQueryOptions } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import type { GatewayConfig } from '../config.js';
import { requestLimits } from '../limits/request-limits.js';
import { createRedisConnection, type RedisConnection } from '../stores/redis-connection.js';
import { MemoryApqCache, RedisApqCache, type ApqCache } from './apq-cache.js';
import { openRegistry } from './open-registry.js';
import { DEFAULT_PERSISTED_QUERIES } from './persisted-query-settings.js';
import type { PersistedQueryRegistry } from './persisted-query-registry.js';
import { withPersistedQueryChecks } from './persisted-query-check.js';
import { apqTexts, safelistTexts } from './served-texts.js';

// Persisted queries (issue 12, item 4), built on Apollo Server's own automatic persisted queries
// (`extensions.persistedQuery { version: 1, sha256Hash }`, GET and POST): this file only chooses the
// cache Apollo Server reads and writes, and in safelist mode adds the check that refuses what is not
// registered. Modes (PERSISTED_QUERIES): off, apq (default), safelist.

type Argument = ExpressContextFunctionArgument;
type PersistedQueryConfig = Partial<GatewayConfig> & Pick<GatewayConfig, 'redisUrl'>;

/** At most one warning per this many milliseconds while a store keeps failing. */
const WARN_INTERVAL_MS = 10_000;

export interface PersistedQueriesInput {
  config: PersistedQueryConfig;
  /** The gateway's Redis connection when it has one (the grants'); else one is opened with REDIS_URL. */
  redis?: RedisConnection;
  /** Registered operations, instead of the manifest file or Redis (tests). */
  registry?: PersistedQueryRegistry;
  logger: Logger;
}

export interface PersistedQueries {
  /** Apollo Server's `persistedQueries` option. */
  apolloOption: PersistedQueryOptions | false;
  /** Around the context function: the persisted query's protocol, and the safelist in safelist mode. */
  checkRequest<TContext extends BaseContext>(context: ContextFunction<[Argument], TContext>): ContextFunction<[Argument], TContext>;
  close(): Promise<void>;
}

/**
 * Throws, before anything listens, when the manifest (PERSISTED_QUERIES_MANIFEST) cannot be read or is
 * not a persisted query manifest, naming the file.
 */
export function createPersistedQueries(input: PersistedQueriesInput): PersistedQueries {
  const { config, logger } = input;
  const settings = config.persistedQueries ?? DEFAULT_PERSISTED_QUERIES;
  if (settings.mode === 'off') {
    logger.info({ persistedQueries: 'off' }, 'persisted queries are off: operations must be sent in full');
    return { apolloOption: false, checkRequest: (context) => context, close: async () => {} };
  }
  const registry = input.registry ?? openRegistry(
    { manifestPath: settings.manifestPath, redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix },
    { mustExist: true, redis: input.redis, logger },
  );
  const limits = requestLimits(config);
  const textOptions = { sourceLimits: limits, onStoreError: storeWarning(logger) };
  const ttl = settings.apqTtlSeconds;

  if (settings.mode === 'safelist') {
    // readPersistedQuerySettings refuses safelist without a place to read; a configuration built in code may not.
    if (!registry) throw new Error('PERSISTED_QUERIES=safelist needs PERSISTED_QUERIES_MANIFEST or REDIS_URL');
    logger.info({ persistedQueries: 'safelist', registry: registry.kind, location: registry.location }, 'safelist: only registered operations run');
    return {
      apolloOption: { cache: safelistTexts(registry, textOptions), ttl },
      checkRequest: (context) => withPersistedQueryChecks(context, { safelist: registry, sourceLimits: limits }),
      close: () => registry.close(),
    };
  }

  const apq = apqCache(config, input.redis);
  logger.info({ persistedQueries: 'apq', cache: apq.kind, registry: registry?.kind ?? 'none', ttlSeconds: ttl }, apq.kind === 'redis'
    ? 'automatic persisted queries in Redis, shared by every replica'
    : 'automatic persisted queries in memory: each replica keeps its own; set REDIS_URL to share them');
  return {
    apolloOption: { cache: apqTexts(apq.cache, registry, textOptions), ttl },
    checkRequest: (context) => withPersistedQueryChecks(context, { sourceLimits: limits }),
    async close() {
      await registry?.close();
      await apq.close();
    },
  };
}

function apqCache(config: PersistedQueryConfig, shared: RedisConnection | undefined): { kind: 'redis' | 'memory'; cache: ApqCache; close(): Promise<void> } {
  if (!config.redisUrl) return { kind: 'memory', cache: new MemoryApqCache(), close: async () => {} };
  const prefix = config.redisKeyPrefix ?? DEFAULT_KEY_PREFIX;
  if (shared) return { kind: 'redis', cache: new RedisApqCache(shared.client, prefix), close: async () => {} };
  const own = createRedisConnection(config.redisUrl);
  return { kind: 'redis', cache: new RedisApqCache(own.client, prefix), close: () => own.close() };
}

/** A failing store makes a hash a miss; said at warn at most every WARN_INTERVAL_MS. */
function storeWarning(logger: Logger): (error: unknown, store: string) => undefined {
  let last = -Infinity;
  return (error, store) => {
    const now = Date.now();
    if (now - last >= WARN_INTERVAL_MS) {
      last = now;
      logger.warn({ err: error, store }, 'persisted query store failed: hashes are misses until it answers (clients then send operations in full)');
    }
    return undefined;
  };
}
