import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Readiness } from '../../runtime/http-server.js';
import type { RedisConnection } from '../stores/redis-connection.js';
import { checkReadiness } from '../readiness.js';
import type { SubgraphEndpoint } from './subgraphs.js';
import type { CircuitReport } from '../subgraph-client/circuit-breaker.js';

export interface ReadinessPlugin {
  plugin: ApolloServerPlugin<BaseContext>;
  /** What GET /ready answers once GraphQL is mounted. */
  readiness(): Promise<Readiness>;
}

/**
 * Readiness follows the supergraph and the subgraphs, not the process (/health is the process),
 * and shows each subgraph's circuit.
 */
export function createReadinessPlugin(options: {
  subgraphs: readonly SubgraphEndpoint[]; redis?: RedisConnection; circuits?: () => ReadonlyMap<string, CircuitReport>;
}): ReadinessPlugin {
  let loaded = false;
  return {
    plugin: { serverWillStart: async () => { loaded = true; } },
    readiness: () => checkReadiness(loaded, options.subgraphs, options.redis, options.circuits?.()),
  };
}
