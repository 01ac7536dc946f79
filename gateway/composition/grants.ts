import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import type { GatewayConfig } from '../config.js';
import { GovernanceGrantStore } from '../stores/governance-grant-store.js';
import type { GrantStore } from '../stores/grant-store.js';
import { InMemoryGrantStore } from '../stores/in-memory-grant-store.js';
import { createRedisConnection, type RedisConnection } from '../stores/redis-connection.js';
import { RedisGrantStore } from '../stores/redis-grant-store.js';

/** The subgraph that keeps access requests and grants (subgraphs/governance). */
export const GOVERNANCE_SUBGRAPH = 'governance';

/**
 * Longest wait for one grant read from the governance subgraph. A read sits in front of every field
 * decided per entity, so it gives up well before a subgraph fetch would (SUBGRAPH_TIMEOUT_MS).
 */
export const GRANT_READ_TIMEOUT_MS = 2000;

export type GrantSourceKind = 'injected' | 'redis' | 'governance-subgraph' | 'memory';

export interface GrantSource {
  kind: GrantSourceKind;
  store: GrantStore;
  /** The shared connection when REDIS_URL is set; /ready reports whether it answers. */
  redis?: RedisConnection;
  close(): Promise<void>;
}

type GrantConfig = Pick<GatewayConfig, 'redisUrl' | 'redisKeyPrefix' | 'subgraphTimeoutMs' | 'subgraphSigningSecret' | 'subgraphSigningSecrets'>;

export interface GrantSourceInput {
  config: GrantConfig;
  /** The supergraph's subgraphs, their URLs as the gateway calls them (SUBGRAPH_URLS applied). */
  subgraphs: readonly { name: string; url: string }[];
  /** A store the caller brings (tests); it wins over every other source. */
  injected?: GrantStore;
  logger: Logger;
}

/**
 * Where grants are read (ARCHITECTURE.md "Stores"): a store the caller injects; else straight from
 * the governance store's keys in Redis when REDIS_URL is set; else from the governance subgraph over
 * a signed call; else, with no governance subgraph in the supergraph, nowhere (an empty store in
 * memory: only the tokens' grants count).
 */
export function createGrantSource({ config, subgraphs, injected, logger }: GrantSourceInput): GrantSource {
  if (injected) return { kind: 'injected', store: injected, close: async () => undefined };
  if (config.redisUrl) {
    const redis = createRedisConnection(config.redisUrl);
    const prefix = config.redisKeyPrefix ?? DEFAULT_KEY_PREFIX;
    logger.info({ grants: 'redis', prefix }, 'grants are read from the governance store in Redis');
    return { kind: 'redis', store: new RedisGrantStore(redis.client, { prefix }), redis, close: () => redis.close() };
  }
  const governance = subgraphs.find((s) => s.name === GOVERNANCE_SUBGRAPH);
  if (governance) {
    const store = new GovernanceGrantStore({
      subgraphUrl: governance.url,
      signingSecret: config.subgraphSigningSecrets?.get(GOVERNANCE_SUBGRAPH) ?? config.subgraphSigningSecret,
      timeoutMs: Math.min(GRANT_READ_TIMEOUT_MS, config.subgraphTimeoutMs),
    });
    logger.info({ grants: 'governance-subgraph' }, 'grants are read from the governance subgraph');
    return { kind: 'governance-subgraph', store, close: () => store.close() };
  }
  logger.warn({ grants: 'memory' }, 'no REDIS_URL and no governance subgraph in the supergraph: only grants carried by tokens count');
  return { kind: 'memory', store: new InMemoryGrantStore(), close: async () => undefined };
}
