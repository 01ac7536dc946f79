import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '../../runtime/logger.js';
import type { SubgraphRouting } from './subgraphs.js';
import type { LoadedSupergraph } from './supergraph.js';

/**
 * @apollo/gateway over the supergraph stripped of its security features: it plans and fetches,
 * and never sees a @policy it could not enforce (ARCHITECTURE.md, "Request path", step 5).
 */
export function createQueryPlanner(supergraph: LoadedSupergraph, routing: SubgraphRouting, logger: Logger): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: supergraph.executableSupergraphSdl,
    logger,
    buildService: (definition) => routing.buildService(definition),
  });
}
