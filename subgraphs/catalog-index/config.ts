import {
  ConfigError, readLogLevel, readPort, readPositiveInt, readSigningSecret, readSigningSecrets, readUrlMap, type LogLevel, readCommandLine, readSupergraphFile, type Env,
  readRedisKeyPrefix, readRedisUrl,
} from '../../runtime/env.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import { SEARCH_LIMIT_DEFAULTS, type SearchLimits } from './search-limits.js';

export interface CatalogIndexConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** The supergraph's text: the index harvests every subgraph in it that serves the harvest field. */
  supergraphSdl: string;
  /** Where partners really are when the supergraph's routing URLs do not fit (e.g. containers). */
  partnerUrls: ReadonlyMap<string, string>;
  harvestIntervalSeconds: number;
  harvestTimeoutMs: number;
  /** Verifies the gateway's calls, and signs harvests of partners without a key of their own. */
  signingSecret: string;
  /** Each partner's own key, for signing its harvests (SUBGRAPH_SIGNING_SECRETS). */
  partnerSigningSecrets: ReadonlyMap<string, string>;
  searchLimits: SearchLimits;
  /** Where the nonces of signed requests are remembered: Redis shared by the index's replicas, or null for this process's memory. */
  redisUrl: string | null;
  redisKeyPrefix: string;
  logLevel: LogLevel;
}

/** Reads and checks every setting once; the first bad one stops start-up, naming the variable. */
export function readCatalogIndexConfig(env: Env, argv: readonly string[] = []): CatalogIndexConfig {
  const args = readCommandLine(argv, ['supergraph'], 'npm run catalog-index -- [--supergraph FILE]');
  const supergraphPath = args.supergraph ?? (env.SUPERGRAPH_PATH || 'schema/supergraph.graphql');
  return {
    port: readPort(env, 'PORT', 4100),
    host: env.HOST || '127.0.0.1',
    supergraphPath,
    supergraphSdl: readSupergraphFile(supergraphPath),
    partnerUrls: readUrlMap(env, 'SUBGRAPH_URLS'),
    harvestIntervalSeconds: readPositiveInt(env, 'HARVEST_INTERVAL_SECONDS', 60),
    harvestTimeoutMs: readPositiveInt(env, 'HARVEST_TIMEOUT_MS', 10_000),
    signingSecret: readSigningSecret(env, true)!,
    partnerSigningSecrets: readSigningSecrets(env),
    searchLimits: {
      maxQueryLength: readPositiveInt(env, 'SEARCH_MAX_QUERY_LENGTH', SEARCH_LIMIT_DEFAULTS.maxQueryLength),
      maxQueryWords: readPositiveInt(env, 'SEARCH_MAX_QUERY_WORDS', SEARCH_LIMIT_DEFAULTS.maxQueryWords),
      timeBudgetMs: readPositiveInt(env, 'SEARCH_TIME_BUDGET_MS', SEARCH_LIMIT_DEFAULTS.timeBudgetMs),
    },
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, DEFAULT_KEY_PREFIX),
    logLevel: readLogLevel(env),
  };
}
