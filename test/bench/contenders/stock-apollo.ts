import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { prepareSupergraph } from '../../../gateway/authz/authorization-plan.js';
import { createSubgraphHttpClient } from '../../../gateway/subgraph-client/subgraph-http-client.js';
import { startGraphQLHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import type { GatewayOptions, RunningGateway } from './gateway-messages.js';

/**
 * The ceiling: @apollo/gateway as its documentation sets it up, on the supergraph without the
 * security directives (it refuses them), so it enforces nothing. Only what the comparison needs is
 * shared with Concord: the HTTP stack (express 5), and the keep-alive client that signs subgraph
 * requests, without which the partners would refuse every call.
 */
export async function startStockApollo(options: GatewayOptions): Promise<RunningGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const { executableSupergraphSdl } = prepareSupergraph(readFileSync(options.supergraphPath, 'utf8'));
  const http = createSubgraphHttpClient({ timeoutMs: 10_000, signingSecret: options.signingSecret });
  const gateway = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    logger: silentLogger,
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: http.fetcher }),
  });
  const apollo = new ApolloServer({ gateway, logger: silentLogger, includeStacktraceInErrorResponses: false });
  const server = await startGraphQLHttpServer({ apollo, context: async () => ({}), port: 0, logger: silentLogger });
  return {
    url: server.url,
    async close() {
      await server.close();
      await http.close();
    },
  };
}
