import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../runtime/http-server.js';
import type { Logger } from '../../runtime/logger.js';
import { createRequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { PartnerConfig } from './config.js';
import { createPartnerSubgraph, type PartnerRequestContext, type PartnerSubgraph } from './create-partner-subgraph.js';

export interface PartnerServerOptions {
  subgraph: PartnerSubgraph;
  port: number;
  host?: string;
  logger: Logger;
  /** Requests must be signed with it (runtime/subgraph-protocol/request-signing.ts). */
  signingSecret: string;
  plugins?: ApolloServerPlugin<PartnerRequestContext>[];
}

/** The partner process: its catalog, checked against the contract, served on the configured port. */
export async function servePartner(config: PartnerConfig, logger: Logger): Promise<RunningHttpServer> {
  const subgraph = createPartnerSubgraph({ partner: config.partner, catalog: config.catalogPath });
  return startPartnerServer({ subgraph, port: config.port, host: config.host, logger, signingSecret: config.signingSecret });
}

export async function startPartnerServer(options: PartnerServerOptions): Promise<RunningHttpServer> {
  const { subgraph, logger } = options;
  const apollo = new ApolloServer<PartnerRequestContext>({
    schema: subgraph.schema,
    includeStacktraceInErrorResponses: false,
    // Federated tracing is for Apollo's hosted reporting, which Concord does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
    logger,
  });
  const server = await startGraphQLHttpServer({
    apollo,
    context: async () => subgraph.createRequestContext(),
    port: options.port,
    host: options.host,
    logger,
    requestVerifier: createRequestVerifier({ secret: options.signingSecret }),
    readiness: () => ({ ready: true, details: { partner: subgraph.partnerId, datasets: subgraph.catalog.size } }),
  });
  logger.info({ url: server.url, partner: subgraph.partnerId, datasets: subgraph.catalog.size }, 'partner subgraph listening');
  return server;
}
