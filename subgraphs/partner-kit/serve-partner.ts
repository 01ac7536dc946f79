import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../runtime/http-server.js';
import type { Logger } from '../../runtime/logger.js';
import { createRequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { NonceStore } from '../../runtime/subgraph-protocol/nonce-store.js';
import { openNonceStore } from '../../runtime/subgraph-protocol/open-nonce-store.js';
import { InMemoryNonceStore } from '../../runtime/subgraph-protocol/in-memory-nonce-store.js';
import type { PartnerConfig } from './config.js';
import { createPartnerSubgraph, type PartnerRequestContext, type PartnerSubgraph } from './create-partner-subgraph.js';

export interface PartnerServerOptions {
  subgraph: PartnerSubgraph;
  port: number;
  host?: string;
  logger: Logger;
  /** Requests must be signed with it (runtime/subgraph-protocol/request-signing.ts). */
  signingSecret: string;
  /**
   * The replay memory of signed requests, shared by this partner's replicas when in Redis
   * (issue 12, "Replicas"); default this process's memory. The server's close() closes it.
   */
  nonces?: NonceStore;
  plugins?: ApolloServerPlugin<PartnerRequestContext>[];
}

/** The partner process: its catalog, checked against the contract, served on the configured port. */
export async function servePartner(config: PartnerConfig, logger: Logger): Promise<RunningHttpServer> {
  const subgraph = createPartnerSubgraph({ partner: config.partner, catalog: config.catalogPath });
  const nonces = openNonceStore({ redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix, namespace: partnerNonceNamespace(config.partner) });
  if (nonces.shared) logger.info({ redisKeyPrefix: config.redisKeyPrefix }, 'nonces of signed requests in Redis (REDIS_URL): shared by every replica of this partner');
  return startPartnerServer({ subgraph, port: config.port, host: config.host, logger, signingSecret: config.signingSecret, nonces });
}

/** A partner's replicas share one namespace of nonces; no two partners share one. */
export function partnerNonceNamespace(partner: string): string {
  return `partner-${partner}`;
}

export async function startPartnerServer(options: PartnerServerOptions): Promise<RunningHttpServer> {
  const { subgraph, logger } = options;
  const nonces = options.nonces ?? new InMemoryNonceStore();
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
    requestVerifier: createRequestVerifier({ secret: options.signingSecret, nonces }),
    // Without its replay memory a partner refuses every signed request: not ready until Redis answers.
    readiness: async () => {
      const reachable = await nonces.ping();
      return {
        ready: reachable,
        details: { partner: subgraph.partnerId, datasets: subgraph.catalog.size, nonces: nonces.shared ? (reachable ? 'up' : 'down') : 'memory' },
      };
    },
  }).catch(async (error: unknown) => {
    await nonces.close();
    throw error;
  });
  logger.info({ url: server.url, partner: subgraph.partnerId, datasets: subgraph.catalog.size }, 'partner subgraph listening');
  return { ...server, close: () => server.close().finally(() => nonces.close()) };
}
