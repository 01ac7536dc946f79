import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { DocumentNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { ErrorCode } from '../../schema/error-codes.js';
import type { DatasetRecord } from './catalog-file.js';
import { datasetFieldResolvers } from './dataset-fields.js';
import { datasetTypeNameFor, partnerTypeDefs } from '../../schema/partner-contract.js';
import { loadCatalogFile, type PartnerCatalog } from './load-catalog.js';
import { DateScalar, DateTimeScalar } from './scalars.js';

export interface PartnerSubgraphOptions {
  /** The partner id this subgraph serves; the catalog file must be that partner's. */
  partner: string;
  /** A catalog file path, or a catalog already loaded. */
  catalog: string | PartnerCatalog;
}

/** Per request: entity lookups are batched, and nothing is cached across requests or principals. */
export interface PartnerRequestContext {
  datasets: DataLoader<string, DatasetRecord | null>;
}

export interface PartnerSubgraph {
  partnerId: string;
  datasetTypeName: string;
  catalog: PartnerCatalog;
  typeDefs: DocumentNode;
  schema: GraphQLSchema;
  createRequestContext(): PartnerRequestContext;
}

export function createPartnerSubgraph(options: PartnerSubgraphOptions): PartnerSubgraph {
  const catalog = typeof options.catalog === 'string' ? loadCatalogFile(options.catalog) : options.catalog;
  if (catalog.partner.id !== options.partner) {
    throw new Error(`catalog belongs to partner "${catalog.partner.id}", not "${options.partner}"`);
  }
  const datasetTypeName = datasetTypeNameFor(options.partner);
  const typeDefs = partnerTypeDefs(options.partner);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: partnerResolvers(catalog, datasetTypeName) });
  return {
    partnerId: options.partner,
    datasetTypeName,
    catalog,
    typeDefs,
    schema,
    createRequestContext: () => ({
      datasets: new DataLoader(async (ids) => catalog.readMany(ids).map((d) => d ?? null)),
    }),
  };
}

function partnerResolvers(catalog: PartnerCatalog, datasetTypeName: string): GraphQLResolverMap<unknown> {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      _catalogHarvest: (_root: unknown, args: { modifiedSince?: string | null; offset?: number | null; limit?: number | null }) => {
        const offset = args.offset ?? 0;
        const limit = args.limit ?? 1000;
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 5000) {
          throw new GraphQLError('offset must be 0 or more and limit from 1 to 5000', { extensions: { code: ErrorCode.BadUserInput } });
        }
        const generatedAt = new Date().toISOString();
        const modified = catalog.list(args.modifiedSince ? new Date(args.modifiedSince) : undefined);
        return {
          partner: catalog.partner,
          generatedAt,
          totalCount: modified.length,
          datasets: modified.slice(offset, offset + limit),
          datasetIds: () => catalog.list().map((d) => d.id),
        };
      },
    },
    Dataset: {
      __resolveType: () => datasetTypeName,
    },
    [datasetTypeName]: {
      __resolveReference: (reference: { id: string }, context: unknown) =>
        (context as PartnerRequestContext).datasets.load(reference.id),
      ...datasetFieldResolvers(catalog),
    },
  };
}
