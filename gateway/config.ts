import {
  ConfigError, readEnum, readSigningSecret, readSigningSecrets, readLogLevel, readPort, readPositiveInt, readUrlMap, type LogLevel, readCommandLine, type Env,
  readRedisUrl, readRedisKeyPrefix,
} from '../runtime/env.js';

import { readAuthnConfig, type AuthnConfig } from './authn/authn-config.js';
import { ENFORCEMENT_MODES, type EnforcementMode } from './authz/enforcement-mode.js';
import { DEFAULT_KEY_PREFIX } from '../runtime/governance/grant-keys.js';
import { readRequestLimits, type RequestLimits } from './limits/request-limits.js';
import { readRateLimitSettings, readTrustedProxies, type RateLimitSettings } from './rate-limit/rate-limit-settings.js';
import { readResilienceSettings, type SubgraphResilienceSettings } from './subgraph-client/resilience-settings.js';
import { readFieldMergingLimits } from './limits/field-merging-settings.js';
import type { FieldMergingLimits } from './limits/field-merging-limits.js';
import { readPersistedQuerySettings, type PersistedQuerySettings } from './persisted-queries/persisted-query-settings.js';
import { readExplorerSettings, type ExplorerSettings } from './explorer/explorer-settings.js';
import { readCatalogExportSettings, type CatalogExportSettings } from './catalog-export/catalog-export-settings.js';

export const DEFAULT_SUPERGRAPH_PATH = 'schema/supergraph.graphql';

/**
 * Concord's own subgraphs that act on the caller's identity: the index (usableBy: ME) and the
 * governance subgraph (access requests, decisions, grants). Partners never receive it by default.
 */
export const DEFAULT_PRINCIPAL_SUBGRAPHS: readonly string[] = ['catalog-index', 'governance'];

/**
 * The request limits beyond depth and aliases (gateway/limits/request-limits.ts, and the fields
 * validation merges, gateway/limits/field-merging-settings.ts): optional, so that a
 * configuration built in code gets the defaults; readGatewayConfig always sets them.
 */
type MoreRequestLimits = Partial<Omit<RequestLimits, 'maxQueryDepth' | 'maxAliases'>> & Partial<FieldMergingLimits>;

export interface GatewayConfig extends MoreRequestLimits {
  port: number;
  host: string;
  supergraphPath: string;
  /** Where subgraphs really are when the supergraph's routing URLs do not fit (e.g. containers). */
  subgraphUrls: ReadonlyMap<string, string>;
  subgraphTimeoutMs: number;
  /**
   * A timeout per subgraph (SUBGRAPH_TIMEOUTS_MS) and each subgraph's circuit breaker
   * (gateway/subgraph-client/resilience-settings.ts): optional, so that a configuration built in
   * code gets the defaults; readGatewayConfig always sets them.
   */
  subgraphTimeoutsMs?: SubgraphResilienceSettings['subgraphTimeoutsMs'];
  circuitFailureThreshold?: number;
  circuitOpenSeconds?: number;
  maxRequestBytes: number;
  /** Deepest field nesting an operation may have (the standard introspection query needs 15). */
  maxQueryDepth: number;
  maxAliases: number;
  introspection: boolean;
  /** filter (default): withheld fields are null with an error; reject: the operation fails; dry-run: decisions are only logged. */
  authzMode: EnforcementMode;
  authn: AuthnConfig;
  /**
   * Subgraphs that receive the caller's principal (signed), e.g. the index for usableBy: ME and the
   * governance subgraph for every operation. Null: DEFAULT_PRINCIPAL_SUBGRAPHS, those of them the
   * supergraph has.
   */
  principalSubgraphs: readonly string[] | null;
  /** Signs requests to subgraphs without a key of their own in subgraphSigningSecrets. */
  subgraphSigningSecret: string | null;
  /** One key per subgraph: the partners then hold only their own (SUBGRAPH_SIGNING_SECRETS). */
  subgraphSigningSecrets?: ReadonlyMap<string, string>;
  /** Shared state (grants, rate limits, caches); unset means in-process memory. */
  redisUrl: string | null;
  /**
   * In front of every Redis key the gateway reads (grants and suspensions the governance store
   * writes): both must use the same one. Lets tests and benchmarks share a Redis without meeting.
   * Absent: DEFAULT_KEY_PREFIX (runtime/governance/grant-keys.ts).
   */
  redisKeyPrefix?: string;
  /**
   * Rate limits per person, per verified organisation and per address of callers without a token
   * (gateway/rate-limit/). readGatewayConfig always sets them (on by default); absent, as in a
   * configuration built in code, there are none.
   */
  rateLimits?: RateLimitSettings;
  /** Reverse proxies (addresses, CIDR networks) whose X-Forwarded-For names the client (TRUSTED_PROXIES); none by default. */
  trustedProxies?: readonly string[];
  /**
   * Persisted queries (gateway/persisted-queries/): off, automatic (apq, the default) or safelist,
   * where only operations registered with `npm run persist` run. Absent, as in a configuration built
   * in code: apq, in memory unless redisUrl is set.
   */
  persistedQueries?: PersistedQuerySettings;
  logLevel: LogLevel;
  /**
   * Serve Prometheus metrics at GET /metrics on the gateway's port (METRICS_ENABLED, default true;
   * gateway/metrics/). Absent, as in a configuration built in code: served.
   */
  metricsEnabled?: boolean;
  /**
   * How long requests in flight may take to finish once SIGTERM or SIGINT arrives
   * (SHUTDOWN_GRACE_SECONDS, default 10; gateway/main.ts). Absent: DEFAULT_SHUTDOWN_GRACE_SECONDS.
   */
  shutdownGraceSeconds?: number;
  /**
   * Reload the supergraph when its file changes (SUPERGRAPH_WATCH, default true; SIGHUP reloads
   * either way; gateway/supergraph/). Absent, as in a configuration built in code: not watched.
   */
  supergraphWatch?: boolean;
  /**
   * The web explorer at / and GraphiQL at /graphiql (gateway/explorer/explorer-settings.ts). Absent,
   * as in a configuration built in code: served, with no demo personas and no OpenID Connect issuer.
   */
  explorer?: ExplorerSettings;
  /**
   * The DCAT export at /catalog (gateway/catalog-export/catalog-export-settings.ts). Absent, as in a
   * configuration built in code: the defaults.
   */
  catalogExport?: Partial<CatalogExportSettings>;
}

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
/** A longer grace is almost surely milliseconds typed as seconds; orchestrators kill sooner anyway. */
const MAX_SHUTDOWN_GRACE_SECONDS = 3600;

function readShutdownGraceSeconds(env: Env): number {
  const seconds = readPositiveInt(env, 'SHUTDOWN_GRACE_SECONDS', DEFAULT_SHUTDOWN_GRACE_SECONDS);
  if (seconds > MAX_SHUTDOWN_GRACE_SECONDS) {
    throw new ConfigError(`SHUTDOWN_GRACE_SECONDS must be at most ${MAX_SHUTDOWN_GRACE_SECONDS} (seconds, not milliseconds), got "${env.SHUTDOWN_GRACE_SECONDS}"`);
  }
  return seconds;
}

/** Reads and checks every setting once; the first bad one stops start-up, naming the variable. */
export function readGatewayConfig(env: Env, argv: readonly string[] = []): GatewayConfig {
  const args = readCommandLine(argv, ['supergraph'], 'npm run gateway -- --supergraph FILE');
  const authn = readAuthnConfig(env);
  return {
    port: readPort(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    supergraphPath: args.supergraph ?? (env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls: readUrlMap(env, 'SUBGRAPH_URLS'),
    subgraphTimeoutMs: readPositiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
    ...readResilienceSettings(env),
    maxRequestBytes: readPositiveInt(env, 'MAX_REQUEST_BYTES', 1_000_000),
    ...readRequestLimits(env),
    ...readFieldMergingLimits(env),
    introspection: readEnum(env, 'INTROSPECTION', ['true', 'false'], 'true') === 'true',
    authzMode: readEnum(env, 'AUTHZ_MODE', ENFORCEMENT_MODES, 'filter'),
    authn,
    principalSubgraphs: env.PRINCIPAL_SUBGRAPHS ? env.PRINCIPAL_SUBGRAPHS.split(',').map((s) => s.trim()).filter(Boolean) : null,
    subgraphSigningSecret: readSigningSecret(env, false),
    subgraphSigningSecrets: readSigningSecrets(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, DEFAULT_KEY_PREFIX),
    rateLimits: readRateLimitSettings(env),
    trustedProxies: readTrustedProxies(env),
    persistedQueries: readPersistedQuerySettings(env),
    logLevel: readLogLevel(env),
    metricsEnabled: readEnum(env, 'METRICS_ENABLED', ['true', 'false'], 'true') === 'true',
    shutdownGraceSeconds: readShutdownGraceSeconds(env),
    supergraphWatch: readEnum(env, 'SUPERGRAPH_WATCH', ['true', 'false'], 'true') === 'true',
    explorer: readExplorerSettings(env, authn),
    catalogExport: readCatalogExportSettings(env),
  };
}

