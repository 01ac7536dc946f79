import { readFileSync } from 'node:fs';
import {
  GraphQLError, buildASTSchema, execute, getNamedType, isCompositeType, isObjectType, parse, printSchema,
  type DocumentNode, type ExecutionResult, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { prepareSupergraph, type AuthorizationPlan } from '../../../gateway/authz/authorization-plan.js';
import { ErrorCode } from '../../../schema/error-codes.js';
import { POLICY_SET } from '../../../schema/policy/policy-set.js';
import { repositoryPath } from '../../../schema/repository-files.js';
import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import { createPartnerSubgraph } from '../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { parseCatalog } from '../../../subgraphs/partner-kit/load-catalog.js';
import { manifestCatalogs } from '../catalog-fixtures.js';

/** A dataset as the API returns it: every field at its own name, `__typename` the partner's dataset type. */
export type WorldDataset = Record<string, unknown> & { __typename: string; id: string };

/**
 * The catalog API and the consortium's datasets as every partner serves them, for executing an
 * operation as @apollo/gateway would (the planner's fetches, merged) without any subgraph running.
 */
export interface World {
  /** The API schema the gateway serves (resolvers of @apollo/gateway's own, never executed here). */
  apiSchema: GraphQLSchema;
  plan: AuthorizationPlan;
  /** A resolver-free copy of the API schema: default resolvers read each field by its name. */
  worldSchema: GraphQLSchema;
  datasets: readonly WorldDataset[];
  byId: ReadonlyMap<string, WorldDataset>;
  /** Partner ids, in manifest order. */
  partnerIds: readonly string[];
  /** Licence ids found anywhere in the world, dataset's or distribution's. */
  licenceIds: readonly string[];
}

/** One response page: dataset ids in order; null stands for a dataset whose partner could not be reached. */
export type Page = readonly (string | null)[];

// Every partner serves every dataset of its file: the partner kit's own clock is set before any
// deletion date, so that datasets past deletion reach the gateway too and the gateway's retention
// rule is what withholds them (ARCHITECTURE.md "Governance facts and retention").
const PARTNER_CLOCK = (): Date => new Date('2000-01-01T00:00:00Z');

/**
 * Builds the world: the manifest's catalogs, loaded and validated by the partner kit, each dataset
 * fetched whole through its partner's own subgraph schema (`_entities`, as the query planner asks),
 * so the values are those the API returns: use conditions with their DUO ids and labels, sample
 * records as JSON text, a distribution without a licence of its own under its dataset's.
 */
export async function buildWorld(): Promise<World> {
  const { plan, executableSupergraphSdl } = prepareSupergraph(readFileSync(repositoryPath('schema/supergraph.graphql'), 'utf8'));
  const apiSchema = Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
  const worldSchema = buildASTSchema(parse(printSchema(apiSchema)), { assumeValidSDL: true });

  const datasets: WorldDataset[] = [];
  const partnerIds: string[] = [];
  const catalogs = manifestCatalogs();
  const licences = catalogs.flatMap(({ catalog }) => catalog.datasets.map((d) => d.licence));
  for (const { id, catalog } of catalogs) {
    partnerIds.push(id);
    const subgraph = createPartnerSubgraph({ partner: id, catalog: parseCatalog(withOwnLicences(catalog, licences), id, PARTNER_CLOCK) });
    const type = apiSchema.getType(subgraph.datasetTypeName);
    if (!type || !isObjectType(type)) throw new Error(`the API schema has no type ${subgraph.datasetTypeName}`);
    const document = parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type.name} ${wholeSelection(type)} } }`);
    const representations = catalog.datasets.map((d) => ({ __typename: type.name, id: d.id }));
    const result = await execute({
      schema: subgraph.schema, document, variableValues: { r: representations }, contextValue: subgraph.createRequestContext(),
    });
    if (result.errors?.length) throw new Error(`partner ${id} answered with errors: ${result.errors.map((e) => e.message).join('; ')}`);
    const entities = (result.data as { _entities: Record<string, unknown>[] })._entities;
    for (const entity of entities) datasets.push({ ...plain(entity), __typename: type.name } as WorldDataset);
  }
  const licenceIds = new Set<string>();
  for (const dataset of datasets) {
    licenceIds.add((dataset.licence as { id: string }).id);
    for (const distribution of dataset.distributions as { licence: { id: string } }[]) licenceIds.add(distribution.licence.id);
  }
  return {
    apiSchema, plan, worldSchema, datasets,
    byId: new Map(datasets.map((d) => [d.id, d])),
    partnerIds,
    licenceIds: [...licenceIds].sort(),
  };
}

// The generated demo catalogs give no distribution a licence of its own, which the contract allows
// (DCAT 3: dct:license on dcat:Distribution) and which decides that distribution's URLs. So every
// seventh dataset's last distribution is put under another dataset's licence, chosen by position
// so the world is the same on every run.
function withOwnLicences(catalog: CatalogFile, licences: readonly CatalogFile['datasets'][number]['licence'][]): CatalogFile {
  return {
    ...catalog,
    datasets: catalog.datasets.map((dataset, index) => {
      if (index % 7 !== 3 || dataset.distributions.length === 0) return dataset;
      const other = licences.find((l, i) => i % 11 === index % 11 && l.id !== dataset.licence.id);
      if (!other) return dataset;
      const distributions = [...dataset.distributions];
      distributions[distributions.length - 1] = { ...distributions[distributions.length - 1]!, licence: other };
      return { ...dataset, distributions };
    }),
  };
}

// Every field of the type, to the leaves (the contract's types have no cycles below a dataset).
function wholeSelection(type: GraphQLObjectType | GraphQLNamedType): string {
  if (!isObjectType(type)) throw new Error(`${type.name}: only object types are expected below a dataset`);
  const fields = Object.values(type.getFields()).map((field) => {
    const named = getNamedType(field.type);
    return isCompositeType(named) ? `${field.name} ${wholeSelection(named)}` : field.name;
  });
  return `{ ${fields.join(' ')} }`;
}

// graphql-js results are null-prototype objects; the world holds plain ones, as a JSON body would.
function plain(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) => {
  const name = (value as { __typename?: unknown }).__typename;
  return typeof name === 'string' ? name : undefined;
};

/** A dataset whose partner could not be reached: null, with the gateway's error at its path. */
function unreachable(): never {
  throw new GraphQLError('Subgraph partner could not be reached', { extensions: { code: ErrorCode.SubgraphUnavailable } });
}

/**
 * The root value for one request: `datasets` and `search` list the page (as far as `first` allows),
 * `dataset` finds any dataset of the world by id, the rest are fixed public values.
 */
export function rootValueFor(world: World, page: Page): Record<string, unknown> {
  const items = page.map((id) => (id === null ? null : world.byId.get(id) ?? null));
  const edges = (first: unknown, extra: (index: number) => Record<string, unknown>) => items
    .slice(0, typeof first === 'number' && first >= 0 ? first : undefined)
    .map((dataset, index) => ({ cursor: `cursor-${index}`, ...extra(index), node: dataset === null ? unreachable : dataset }));
  const pageInfo = (shown: number) => ({ hasNextPage: shown < items.length, endCursor: shown > 0 ? `cursor-${shown - 1}` : null });
  const facet = (values: readonly string[]) => values.map((value, index) => ({ value, count: index + 1 }));
  return {
    datasets: (args: { first?: number }) => {
      const shown = edges(args.first, () => ({}));
      return { totalCount: items.length, edges: shown, pageInfo: pageInfo(shown.length) };
    },
    search: (args: { first?: number }) => {
      const shown = edges(args.first, (index) => ({ score: 1 / (index + 1) }));
      return {
        totalCount: items.length, edges: shown, pageInfo: pageInfo(shown.length),
        facets: {
          partners: facet(world.partnerIds), licences: facet(world.licenceIds.slice(0, 3)), dataClasses: facet(['PUBLIC', 'PROPRIETARY']),
          themes: facet(['Health']), keywords: facet(['cohort', 'climate']), useConditions: facet(['GRU', 'HMB']), years: facet(['2024']),
        },
      };
    },
    dataset: (args: { id: string }) => world.byId.get(args.id) ?? null,
    policy: { version: POLICY_SET.version, changelog: POLICY_SET.changelog },
    catalogStatus: world.partnerIds.map((partnerId, index) => ({
      partnerId, lastHarvestAt: '2025-01-01T00:00:00Z', lastAttemptAt: '2025-01-01T00:00:00Z', staleSeconds: index,
      datasetCount: world.datasets.filter((d) => d.id.startsWith(`${partnerId}:`)).length, stale: false, lastError: null,
    })),
  };
}

/**
 * What @apollo/gateway returns for a planned operation: the document executed over the world, data
 * as a JSON body holds it, and errors from below the gateway without locations in the planned text
 * (which the client never saw).
 */
export function fetchFromWorld(
  world: World,
  page: Page,
  request: { document: DocumentNode; operationName?: string | undefined; variables: Record<string, unknown> },
): ExecutionResult {
  const result = execute({
    schema: world.worldSchema,
    document: request.document,
    rootValue: rootValueFor(world, page),
    operationName: request.operationName,
    variableValues: request.variables,
    typeResolver,
  }) as ExecutionResult;
  if (typeof (result as { then?: unknown }).then === 'function') throw new Error('the world answers synchronously');
  const errors = result.errors?.map((error) => (error.path
    ? new GraphQLError(error.message, { path: error.path, extensions: error.extensions })
    : error));
  return {
    ...(result.data !== undefined ? { data: result.data === null ? null : plain(result.data as Record<string, unknown>) } : {}),
    ...(errors ? { errors } : {}),
  };
}
