import type { Fetcher } from '@apollo/utils.fetcher';
import type { GraphQLDataSource } from '@apollo/gateway';
import { ConfigError } from '../../runtime/env.js';
import type { Logger } from '../../runtime/logger.js';
import { DEFAULT_PRINCIPAL_SUBGRAPHS, type GatewayConfig } from '../config.js';
import { createSubgraphHttpClient } from '../subgraph-client/subgraph-http-client.js';
import { SubgraphDataSource } from '../subgraph-client/subgraph-data-source.js';
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
  close(): Promise<void>;
}

type RoutingConfig = Pick<GatewayConfig, 'subgraphUrls' | 'subgraphTimeoutMs' | 'principalSubgraphs' | 'subgraphSigningSecret' | 'subgraphSigningSecrets'>;

/**
 * Where each subgraph is, which key signs its requests and which subgraphs receive the caller's
 * principal (ARCHITECTURE.md, "Subgraph protocol"). A setting naming a subgraph the supergraph does
 * not have stops start-up.
 */
export function createSubgraphRouting(config: RoutingConfig, supergraph: LoadedSupergraph, logger: Logger): SubgraphRouting {
  checkNamedSubgraphs(config, supergraph.subgraphs.map((s) => s.name));
  const http = createSubgraphHttpClient({ timeoutMs: config.subgraphTimeoutMs });
  const keyOf = (name: string) => config.subgraphSigningSecrets?.get(name) ?? config.subgraphSigningSecret;
  const endpoints = supergraph.subgraphs.map(({ name, url }) => ({
    name,
    url: config.subgraphUrls.get(name) ?? url,
    fetcher: http.fetcherFor(keyOf(name)),
  }));
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
    }),
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
  ];
  for (const [variable, named] of settings) {
    for (const name of named) {
      if (!known.has(name)) {
        throw new ConfigError(`${variable} names "${name}", which is not a subgraph of the supergraph (${names.join(', ')})`);
      }
    }
  }
}
