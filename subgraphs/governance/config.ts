import {
  ConfigError, readCommandLine, readLogLevel, readPort, readPositiveInt, readSigningSecret, readSigningSecrets, readSupergraphFile, readUrlMap,
  readRedisUrl, readRedisKeyPrefix,
  type Env, type LogLevel,
} from '../../runtime/env.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';

export interface GovernanceConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** The supergraph's text: the partners in it are harvested for the facts requests are checked against. */
  supergraphSdl: string;
  /** Where partners really are when the supergraph's routing URLs do not fit (e.g. containers). */
  partnerUrls: ReadonlyMap<string, string>;
  harvestIntervalSeconds: number;
  harvestTimeoutMs: number;
  /** Verifies the gateway's calls (GraphQL and POST /grants), and signs harvests of partners without a key of their own. */
  signingSecret: string;
  /** Each partner's own key, for signing its harvests (SUBGRAPH_SIGNING_SECRETS). */
  partnerSigningSecrets: ReadonlyMap<string, string>;
  /** The governance store, the audit trail and the nonces of signed requests in Redis; null: in this process's memory, lost on restart. */
  redisUrl: string | null;
  /** In front of every key, the grant keys the gateway reads included: both must use the same. */
  redisKeyPrefix: string;
  /** A part still pending this many days after its request is overdue and goes to the board. */
  decisionDeadlineDays: number;
  logLevel: LogLevel;
}

/**
 * Days a partner has to decide a part before the board sees it as overdue: by default the two
 * months the consortium's policy takes from the European Health Data Space's bound for deciding a
 * data permit application.
 */
export const DEFAULT_DECISION_DEADLINE_DAYS = 60;

/** Reads and checks every setting once; the first bad one stops start-up, naming the variable. */
export function readGovernanceConfig(env: Env, argv: readonly string[] = []): GovernanceConfig {
  const args = readCommandLine(argv, ['supergraph'], 'npm run governance -- [--supergraph FILE]');
  const redisUrl = readRedisUrl(env);
  // In production every request, decision and grant must survive a restart and be shared by replicas.
  if (env.NODE_ENV === 'production' && redisUrl === null) {
    throw new ConfigError('REDIS_URL must be set when NODE_ENV is production: the in-memory governance store loses every request, decision and grant on restart and is not shared between replicas');
  }
  const supergraphPath = args.supergraph ?? (env.SUPERGRAPH_PATH || 'schema/supergraph.graphql');
  return {
    port: readPort(env, 'PORT', 4090),
    host: env.HOST || '127.0.0.1',
    supergraphPath,
    supergraphSdl: readSupergraphFile(supergraphPath),
    partnerUrls: readUrlMap(env, 'SUBGRAPH_URLS'),
    harvestIntervalSeconds: readPositiveInt(env, 'HARVEST_INTERVAL_SECONDS', 60),
    harvestTimeoutMs: readPositiveInt(env, 'HARVEST_TIMEOUT_MS', 10_000),
    signingSecret: readSigningSecret(env, true)!,
    partnerSigningSecrets: readSigningSecrets(env),
    redisUrl,
    redisKeyPrefix: readRedisKeyPrefix(env, DEFAULT_KEY_PREFIX),
    decisionDeadlineDays: readPositiveInt(env, 'DECISION_DEADLINE_DAYS', DEFAULT_DECISION_DEADLINE_DAYS),
    logLevel: readLogLevel(env),
  };
}

