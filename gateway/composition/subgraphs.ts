import type { Fetcher } from '@apollo/utils.fetcher';
import type { GraphQLDataSource } from '@apollo/gateway';
import { ConfigError } from '../../runtime/env.js';
import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_PRINCIPAL_SUBGRAPHS, type GatewayConfig } from '../config.js';
import { createSubgraphHttpClient } from '../subgraph-client/subgraph-http-client.js';
import { SubgraphDataSource } from '../subgraph-client/subgraph-data-source.js';
import { CircuitBreaker, type CircuitReport } from '../subgraph-client/circuit-breaker.js';
import { DEFAULT_RESILIENCE_SETTINGS } from '../subgraph-client/resilience-settings.js';
import { GOVERNANCE_SUBGRAPH } from './grants.js';
import type { LoadedSupergraph } from './supergraph.js';

export interface SubgraphEndpoint {
  name: string;
  url: string;
  /** Signs this subgraph's requests with its key. */
  fetcher: Fetcher;
}

export interface SubgraphRouting {
  endpoints: readonly SubgraphEndpoint[];
  /** @apollo/gateway's buildService: one data source per subgraph, signing with its key. */
  buildService(definition: { name: string; url?: string }): GraphQLDataSource;
  /** Each subgraph's circuit by name, read-only, for /ready and metrics (ARCHITECTURE.md, "Subgraph resilience"). */
  circuits(): ReadonlyMap<string, CircuitReport>;
  close(): Promise<void>;
}

type RoutingConfig = Pick<GatewayConfig,
  'subgraphUrls' | 'subgraphTimeoutMs' | 'subgraphTimeoutsMs' | 'circuitFailureThreshold' | 'circuitOpenSeconds'
  | 'principalSubgraphs' | 'subgraphSigningSecret' | 'subgraphSigningSecrets'>;

export interface RoutingOptions {
  /** The gateway's clock (GatewayHooks.now): circuits' cool-downs are measured on it. */
  now?: () => Date;
}

/**
 * Where each subgraph is, which key signs its requests and which subgraphs receive the caller's
 * principal (ARCHITECTURE.md, "Subgraph protocol"). A setting naming a subgraph the supergraph does
 * not have stops start-up.
 */
export function createSubgraphRouting(
  config: RoutingConfig, supergraph: LoadedSupergraph, logger: Logger, options: RoutingOptions = {},
): SubgraphRouting {
  checkNamedSubgraphs(config, supergraph.subgraphs.map((s) => s.name));
  const http = createSubgraphHttpClient({
    timeoutMs: config.subgraphTimeoutMs, longestTimeoutMs: Math.max(0, ...(config.subgraphTimeoutsMs?.values() ?? [])),
  });
  const keyOf = (name: string) => config.subgraphSigningSecrets?.get(name) ?? config.subgraphSigningSecret;
  const timeoutOf = (name: string) => config.subgraphTimeoutsMs?.get(name) ?? config.subgraphTimeoutMs;
  const endpoints = supergraph.subgraphs.map(({ name, url }) => ({
    name,
    url: config.subgraphUrls.get(name) ?? url,
    fetcher: http.fetcherFor(keyOf(name), timeoutOf(name)),
  }));
  // One circuit per subgraph for the gateway's life, whichever data source calls it.
  const clock = options.now ?? (() => new Date());
  const circuitSettings = {
    failureThreshold: config.circuitFailureThreshold ?? DEFAULT_RESILIENCE_SETTINGS.circuitFailureThreshold,
    openMs: (config.circuitOpenSeconds ?? DEFAULT_RESILIENCE_SETTINGS.circuitOpenSeconds) * 1000,
  };
  const circuits = new Map(endpoints.map((e) => [e.name, new CircuitBreaker(circuitSettings, () => clock().getTime())]));
  const unsigned = endpoints.filter((s) => !keyOf(s.name)).map((s) => s.name);
  if (unsigned.length > 0) {
    logger.warn({ subgraphs: unsigned }, 'no signing key for these subgraphs: their requests are unsigned, and Concord subgraphs refuse unsigned requests');
  }
  const principalSubgraphs = new Set(config.principalSubgraphs ?? DEFAULT_PRINCIPAL_SUBGRAPHS);
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  return {
    endpoints,
    buildService: ({ name, url }) => new SubgraphDataSource({
      name,
      url: byName.get(name)?.url ?? url ?? '',
      fetcher: byName.get(name)?.fetcher ?? http.fetcherFor(null),
      logger,
      forwardPrincipal: principalSubgraphs.has(name),
      // The subgraphs trusted with the principal are Concord's own services; partners are not.
      ownService: principalSubgraphs.has(name),
      forwardGrants: name !== GOVERNANCE_SUBGRAPH,
      circuit: circuits.get(name),
      now: clock,
      timeoutMs: timeoutOf(name),
    }),
    circuits: () => new Map([...circuits].map(([name, circuit]) => [name, circuit.report()])),
    close: () => http.close(),
  };
}

function checkNamedSubgraphs(config: RoutingConfig, names: readonly string[]): void {
  const known = new Set(names);
  const settings: [string, Iterable<string>][] = [
    ['SUBGRAPH_URLS', config.subgraphUrls.keys()],
    // A misspelt name must not silently send callers' identities, grants and terms elsewhere.
    ['PRINCIPAL_SUBGRAPHS', config.principalSubgraphs ?? []],
    ['SUBGRAPH_SIGNING_SECRETS', config.subgraphSigningSecrets?.keys() ?? []],
    ['SUBGRAPH_TIMEOUTS_MS', config.subgraphTimeoutsMs?.keys() ?? []],
  ];
  for (const [variable, named] of settings) {
    for (const name of named) {
      if (!known.has(name)) {
        throw new ConfigError(`${variable} names "${name}", which is not a subgraph of the supergraph (${names.join(', ')})`);
      }
    }
  }
}
