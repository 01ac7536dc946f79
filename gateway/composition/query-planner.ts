import { ApolloGateway, type SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../../runtime/logger.js';
import type { SubgraphRouting } from './subgraphs.js';

/**
 * @apollo/gateway over the supergraph stripped of its security features: it plans and fetches,
 * and never sees a @policy it could not enforce (ARCHITECTURE.md, "Request path", step 5). The
 * supergraph comes from a hook (gateway/supergraph/live-supergraph.ts) whose update callback
 * replaces it while the gateway runs (ARCHITECTURE.md, "Supergraph reload").
 */
export function createQueryPlanner(supergraph: SupergraphSdlHook, routing: SubgraphRouting, logger: Logger): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    buildService: (definition) => routing.buildService(definition),
  });
}
