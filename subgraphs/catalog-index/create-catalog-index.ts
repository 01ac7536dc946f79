import { GraphQLError, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { createRequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { NonceStore } from '../../runtime/subgraph-protocol/nonce-store.js';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../runtime/http-server.js';
import type { Logger } from '../../runtime/logger.js';
import type { CatalogIndex, DatasetFilter, IndexedDataset, SearchSort } from './catalog-index.js';
import { decodeCursor, decodeSearchCursor, encodeCursor, encodeSearchCursor } from './cursor.js';
import { usableBy } from './usable-by.js';
import type { Principal } from '../../schema/policy/principal.js';
import { decodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { CatalogHarvester } from './harvester.js';
import { InMemoryCatalogIndex } from './in-memory-catalog-index.js';
import type { PartnerEndpoint } from './partner-directory.js';
import { DateTimeScalar } from '../partner-kit/scalars.js';
import { catalogIndexTypeDefs, MAX_PAGE_SIZE } from '../../schema/catalog-index-contract.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { checkSearchQuery, SEARCH_LIMIT_DEFAULTS, SearchBudget, type SearchClock, type SearchLimits } from './search-limits.js';

export interface IndexRequestContext {
  principal: Principal;
  /** This request's searches share it (search-limits.ts). */
  searches: SearchBudget;
}

export interface CatalogIndexOptions {
  partners: readonly PartnerEndpoint[];
  logger: Logger;
  now?: () => Date;
  harvestPageSize?: number;
  index?: CatalogIndex;
  harvestTimeoutMs?: number;
  /** Harvest requests to partners are signed with it, unless the partner has its own key. */
  signingSecret: string;
  /** Each partner's own key (SUBGRAPH_SIGNING_SECRETS). */
  partnerSigningSecrets?: ReadonlyMap<string, string>;
  /** Bounds on full-text search; absent: SEARCH_LIMIT_DEFAULTS. */
  searchLimits?: SearchLimits;
  /** The search time budget's clock (tests move it). */
  searchClock?: SearchClock;
}

export interface CatalogIndexService {
  schema: GraphQLSchema;
  index: CatalogIndex;
  harvester: CatalogHarvester;
  /** A fresh search budget, one per request. */
  searchBudget(): SearchBudget;
}

export function createCatalogIndex(options: CatalogIndexOptions): CatalogIndexService {
  const index = options.index ?? new InMemoryCatalogIndex();
  const harvester = new CatalogHarvester({
    partners: options.partners, index, logger: options.logger, timeoutMs: options.harvestTimeoutMs,
    signingSecretFor: (partnerId) => options.partnerSigningSecrets?.get(partnerId) ?? options.signingSecret,
    pageSize: options.harvestPageSize, searchTexts: true,
  });
  const now = options.now ?? (() => new Date());
  const searchLimits = options.searchLimits ?? SEARCH_LIMIT_DEFAULTS;
  const searchBudget = () => new SearchBudget(searchLimits.timeBudgetMs, options.searchClock);
  const usable = (usableByArg: string | null | undefined, context: IndexRequestContext) =>
    usableByArg === 'ME' ? usableBy(context.principal, now()) : undefined;
  const typeNameByPartner = new Map(options.partners.map((p) => [p.id, p.datasetTypeName]));
  const reference = (dataset: IndexedDataset) => ({ __typename: typeNameByPartner.get(dataset.partnerId), id: dataset.id });

  const schema = buildSubgraphSchema({
    typeDefs: catalogIndexTypeDefs(options.partners),
    resolvers: {
      DateTime: DateTimeScalar,
      Dataset: { __resolveType: (ref: { __typename: string }) => ref.__typename },
      Query: {
        datasets: (_root: unknown, args: ListArgs, context: unknown) => {
          const first = pageSize(args.first);
          const afterId = args.after ? decodeCursor(args.after) : undefined;
          const page = index.page({ filter: args.filter, first, afterId, usable: usable(args.usableBy, context as IndexRequestContext) });
          const edges = page.items.map((d) => ({ cursor: encodeCursor(d.id), node: reference(d) }));
          return {
            totalCount: page.totalCount,
            edges,
            pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
          };
        },
        search: async (_root: unknown, args: SearchArgs, context: unknown) => {
          const sort = args.sort ?? 'RELEVANCE';
          const request = {
            query: checkSearchQuery(args.query ?? '', searchLimits),
            sort,
            filter: args.filter,
            first: pageSize(args.first),
            after: args.after ? decodeSearchCursor(args.after, sort) : undefined,
            usable: usable(args.usableBy, context as IndexRequestContext),
          };
          const result = await (context as IndexRequestContext).searches.run(() => index.search(request));
          const edges = result.hits.map((hit) => ({ cursor: encodeSearchCursor(sort, hit.position), score: hit.score, node: reference(hit.dataset) }));
          return {
            totalCount: result.totalCount,
            edges,
            pageInfo: { hasNextPage: result.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
            facets: result.facets,
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
  return { schema, index, harvester, searchBudget };
}

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: DatasetFilter | null;
  usableBy?: string | null;
}

interface SearchArgs extends ListArgs {
  query?: string | null;
  sort?: SearchSort | null;
}

function pageSize(requested: number | null | undefined): number {
  const first = requested ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"first" must be from 0 to ${MAX_PAGE_SIZE}, got ${first}`, {
      extensions: { code: ErrorCode.BadUserInput, argumentName: 'first' },
    });
  }
  return first;
}

export interface CatalogIndexServerOptions {
  service: CatalogIndexService;
  port: number;
  host?: string;
  logger: Logger;
  signingSecret: string;
  /** The replay memory of signed requests, shared by the index's replicas when in Redis; default this process's memory. */
  nonces?: NonceStore;
  plugins?: ApolloServerPlugin[];
}

export async function startCatalogIndexServer(options: CatalogIndexServerOptions): Promise<RunningHttpServer> {
  const { service, logger } = options;
  const apollo = new ApolloServer<IndexRequestContext>({ schema: service.schema, includeStacktraceInErrorResponses: false, logger, plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])] });
  const server = await startGraphQLHttpServer({
    apollo,
    // The signature check ran before this: the principal header is the gateway's own.
    context: async ({ req }) => ({ principal: decodePrincipal(singleHeader(req.headers[PRINCIPAL_HEADER])), searches: service.searchBudget() }),
    port: options.port,
    host: options.host,
    logger,
    requestVerifier: createRequestVerifier({ secret: options.signingSecret, nonces: options.nonces }),
    // The index answers nothing while it cannot check signed requests' nonces (Redis down).
    readiness: async () => {
      const nonces = options.nonces ? await options.nonces.ping().catch(() => false) : true;
      return {
        ready: service.harvester.rounds > 0 && nonces,
        details: { partners: service.harvester.status(), ...(options.nonces ? { nonces: nonces ? 'up' : 'down' } : {}) },
      };
    },
  });
  logger.info({ url: server.url }, 'catalog index listening');
  return server;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
