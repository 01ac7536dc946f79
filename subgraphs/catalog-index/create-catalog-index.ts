import { GraphQLError, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { createRequestVerifier } from '../runtime/request-signing.js';
import { startGraphQLHttpServer, type RunningHttpServer } from '../runtime/http-server.js';
import type { Logger } from '../runtime/logger.js';
import type { CatalogIndex, DatasetFilter, IndexedDataset } from './catalog-index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { CatalogHarvester } from './harvester.js';
import { InMemoryCatalogIndex } from './in-memory-catalog-index.js';
import type { PartnerEndpoint } from './partner-directory.js';
import { DateTimeScalar } from '../partner-kit/scalars.js';
import { catalogIndexTypeDefs, MAX_PAGE_SIZE } from './typedefs.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';

export interface CatalogIndexOptions {
  partners: readonly PartnerEndpoint[];
  logger: Logger;
  index?: CatalogIndex;
  harvestTimeoutMs?: number;
  /** Harvest requests to partners are signed with it. */
  signingSecret: string;
}

export interface CatalogIndexService {
  schema: GraphQLSchema;
  index: CatalogIndex;
  harvester: CatalogHarvester;
}

export function createCatalogIndex(options: CatalogIndexOptions): CatalogIndexService {
  const index = options.index ?? new InMemoryCatalogIndex();
  const harvester = new CatalogHarvester({
    partners: options.partners, index, logger: options.logger, timeoutMs: options.harvestTimeoutMs,
    signingSecret: options.signingSecret,
  });
  const typeNameByPartner = new Map(options.partners.map((p) => [p.id, p.datasetTypeName]));
  const reference = (dataset: IndexedDataset) => ({ __typename: typeNameByPartner.get(dataset.partnerId), id: dataset.id });

  const schema = buildSubgraphSchema({
    typeDefs: catalogIndexTypeDefs(options.partners),
    resolvers: {
      DateTime: DateTimeScalar,
      Dataset: { __resolveType: (ref: { __typename: string }) => ref.__typename },
      Query: {
        datasets: (_root: unknown, args: { first?: number | null; after?: string | null; filter?: DatasetFilter | null }) => {
          const first = args.first ?? 20;
          if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
            throw new GraphQLError(`"first" must be from 0 to ${MAX_PAGE_SIZE}, got ${first}`, {
              extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
            });
          }
          const afterId = args.after ? decodeCursor(args.after) : undefined;
          const page = index.page({ filter: args.filter, first, afterId });
          const edges = page.items.map((d) => ({ cursor: encodeCursor(d.id), node: reference(d) }));
          return {
            totalCount: page.totalCount,
            edges,
            pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
          };
        },
        dataset: (_root: unknown, args: { id: string }) => {
          const dataset = index.get(args.id);
          return dataset ? reference(dataset) : null;
        },
        catalogStatus: () => harvester.status(),
        policy: () => POLICY_SET,
      },
    },
  });
  return { schema, index, harvester };
}

export interface CatalogIndexServerOptions {
  service: CatalogIndexService;
  port: number;
  host?: string;
  logger: Logger;
  signingSecret: string;
  plugins?: ApolloServerPlugin[];
}

export async function startCatalogIndexServer(options: CatalogIndexServerOptions): Promise<RunningHttpServer> {
  const { service, logger } = options;
  const apollo = new ApolloServer({ schema: service.schema, includeStacktraceInErrorResponses: false, logger, plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])] });
  const server = await startGraphQLHttpServer({
    apollo,
    context: async () => ({}),
    port: options.port,
    host: options.host,
    logger,
    requestVerifier: createRequestVerifier({ secret: options.signingSecret }),
    readiness: () => ({ ready: service.harvester.rounds > 0, details: { partners: service.harvester.status() } }),
  });
  logger.info({ url: server.url }, 'catalog index listening');
  return server;
}
