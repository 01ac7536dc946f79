import { createHash } from 'node:crypto';
import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { buildSchema, GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../../runtime/access-log.js';
import type { Logger } from '../../runtime/logger.js';
import { MAX_PAGE_SIZE } from '../../schema/catalog-index-contract.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { ANONYMOUS } from '../../schema/policy/principal.js';
import type { AuthorizationPlan } from '../authz/authorization-plan.js';
import type { AuthorizedRequestContext } from '../authz/authorizing-gateway.js';
import type { GatewayConfig } from '../config.js';
import { requestLimits } from '../limits/request-limits.js';
import type { RateLimiting } from '../rate-limit/rate-limit-plugin.js';
import { catalogExportSettingsOf, type CatalogExportSettings } from './catalog-export-settings.js';
import { catalogRoutes, errorBody, type HttpRoute, type Refusal } from './catalog-endpoint.js';
import { pageLinks } from './catalog-paging.js';
import { CatalogReadError, readCatalogPage, type OperationRunner } from './catalog-reader.js';
import { catalogPageQuads } from './catalog-triples.js';
import type { CatalogFormat } from './content-negotiation.js';
import { CATALOG_PAGE_OPERATION, CATALOG_POSITION_OPERATION } from './export-operation.js';
import { jsonLdDocument, JSON_LD_MEDIA_TYPE } from './json-ld-document.js';
import { assertPublicSelection, hasCatalogListing, selectedCoordinates } from './public-selection.js';
import { RenderedPageCache, type RenderedPage } from './rendered-page-cache.js';
import { exportSliceSize } from './slice-size.js';
import { turtleDocument, TURTLE_MEDIA_TYPE } from './turtle-document.js';

export interface CatalogExportInput {
  config: GatewayConfig;
  /** The gateway's Apollo Server: the export's operations run through it as any request does. */
  apollo: ApolloServer<AuthorizedRequestContext>;
  rateLimits: RateLimiting<AuthorizedRequestContext>;
  /** The supergraph without its security directives, whose schema the operations are checked on. */
  executableSupergraphSdl: string;
  /** The authorization plan in use now (it follows supergraph reloads). */
  plan: () => AuthorizationPlan;
  logger: Logger;
  now?: () => Date;
}

export interface CatalogExport {
  readonly settings: CatalogExportSettings;
  /** The routes to mount, minting IRIs under PUBLIC_BASE_URL or else the address the gateway listens on. */
  routes(listeningUrl: string): HttpRoute[];
}

/** Anonymous: what the export publishes is what the gateway serves a caller without a token. */
const anonymousContext = (): AuthorizedRequestContext => ({ principal: ANONYMOUS, grants: async () => [] });

/**
 * The DCAT-AP 3 export of the federated catalog (issue 13, item 4): its operations run through the
 * gateway's own Apollo Server as an anonymous caller, so the gateway's authorization decides what is
 * public. Throws at start-up when the supergraph guards a field the export selects, naming it, when
 * the operations do not fit the catalog contract, or when MAX_COST does not pay for one dataset. A
 * supergraph without the catalog index's listing has no export (its routes are not mounted).
 */
export function createCatalogExport(input: CatalogExportInput): CatalogExport {
  const { logger } = input;
  const now = input.now ?? (() => new Date());
  const settings = catalogExportSettingsOf(input.config);
  // The supergraph's own schema rather than its API schema: the types and fields the operations name
  // are the same in both, and building it takes a third of the time at start-up.
  const schema = buildSchema(input.executableSupergraphSdl, { assumeValidSDL: true });
  if (!hasCatalogListing(schema)) {
    logger.info('the supergraph has no catalog index listing (Query.datasets): no DCAT export');
    return { settings, routes: () => [] };
  }
  const coordinates = [...new Set([
    ...selectedCoordinates(schema, CATALOG_PAGE_OPERATION), ...selectedCoordinates(schema, CATALOG_POSITION_OPERATION),
  ])];
  assertPublicSelection(input.plan(), coordinates);
  const sliceSize = exportSliceSize(schema, requestLimits(input.config));
  const cache = new RenderedPageCache({ ttlSeconds: settings.cacheSeconds, now });
  const run = operationRunner(input.apollo, logger);
  const admit = admission(input.rateLimits);

  return {
    settings,
    routes(listeningUrl) {
      const baseUrl = settings.publicBaseUrl ?? new URL(listeningUrl).origin;
      if (!settings.publicBaseUrl) {
        logger.warn({ baseUrl }, 'PUBLIC_BASE_URL is not set: the DCAT export names its resources after the address the gateway listens on; set it to the URL harvesters reach');
      }
      logger.info({ baseUrl, pageSize: settings.pageSize, sliceSize, cacheSeconds: settings.cacheSeconds }, 'DCAT export at /catalog, /catalog.ttl and /catalog.jsonld');
      let servedPlan = input.plan();
      let generation = 0;
      const planGeneration = (plan: typeof servedPlan): number => {
        if (plan !== servedPlan) {
          servedPlan = plan;
          generation += 1;
        }
        return generation;
      };
      const render = async (path: string, format: CatalogFormat, page: number, requestId: string | undefined): Promise<RenderedPage> => {
        // Checked before each export too: a reloaded supergraph may guard a field the start-up plan did not.
        assertPublicSelection(input.plan(), coordinates);
        const reading = await readCatalogPage(run(requestId), { page, pageSize: settings.pageSize, sliceSize, maxStep: MAX_PAGE_SIZE });
        if (!reading.datasets) return pastTheEnd(page, reading.totalCount, settings.pageSize);
        const quads = catalogPageQuads({
          baseUrl, path, description: settings.description,
          page: { datasets: reading.datasets, totalCount: reading.totalCount, links: pageLinks(page, reading.totalCount, settings.pageSize) },
        });
        const body = format === 'turtle' ? await turtleDocument(quads) : await jsonLdDocument(quads);
        return { status: 200, contentType: format === 'turtle' ? `${TURTLE_MEDIA_TYPE}; charset=utf-8` : JSON_LD_MEDIA_TYPE, body, etag: entityTag(body) };
      };
      return catalogRoutes({
        admit,
        cacheSeconds: settings.cacheSeconds,
        logger,
        renderPage: (path, format, page, req) => {
          // A page rendered under an earlier supergraph is never served again: the reloaded one may guard a
          // field that page published, and only a render checks the selection against the plan.
          const generation = planGeneration(input.plan());
          return cache.get(`${generation} ${path} ${format} ${page}`, () => render(path, format, page, requestIdOf(req)));
        },
      });
    },
  };
}

/**
 * Runs an operation through Apollo Server (validation, limits, cost, authorization, error masking
 * and the subgraph calls, as for a request) with the anonymous context and the request's id, so the
 * subgraph calls carry it. Not through the HTTP context function: the caller's token is not read,
 * and the export takes no cost-weighted units beyond the one the request took (catalog-endpoint.ts).
 */
function operationRunner(apollo: ApolloServer<AuthorizedRequestContext>, logger: Logger): (requestId: string | undefined) => OperationRunner {
  return (requestId) => async <T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    const response = await apollo.executeOperation(
      { query, operationName, variables, http: { method: 'POST', headers, search: '', body: null } },
      { contextValue: anonymousContext() },
    );
    if (response.body.kind !== 'single') throw new CatalogReadError(`${operationName} answered incrementally`);
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      const reasons = (errors ?? []).map((e) => `${String(e.extensions?.code ?? 'ERROR')} at ${e.path?.join('.') ?? '-'}: ${e.message}`);
      logger.debug({ operationName, reasons }, 'catalog export operation answered with errors');
      throw new CatalogReadError(`${operationName}: ${reasons.slice(0, 5).join('; ') || 'no data'}`);
    }
    return data as T;
  };
}

/**
 * The rate limits, as for a request without a token: one unit from the caller's address's bucket
 * (rate-limit/rate-limit-plugin.ts, step 1). The page's own cost takes nothing more, since pages are
 * few, the same for every caller and cached (rendered-page-cache.ts); a token is not read, since
 * nothing the export answers depends on it.
 */
function admission(rateLimits: RateLimiting<AuthorizedRequestContext>) {
  const take = rateLimits.checkRequest(async () => anonymousContext());
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Refusal | undefined> => {
    try {
      await take({ req, res } as unknown as ExpressContextFunctionArgument);
      return undefined;
    } catch (error) {
      const http = error instanceof GraphQLError ? (error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined) : undefined;
      if (!http?.status) throw error;
      return {
        status: http.status, message: (error as GraphQLError).message, code: String((error as GraphQLError).extensions.code ?? ErrorCode.RateLimited),
        headers: Object.fromEntries(http.headers ?? []),
      };
    }
  };
}

function pastTheEnd(page: number, totalCount: number, pageSize: number): RenderedPage {
  const last = pageLinks(1, totalCount, pageSize).last;
  const body = errorBody(ErrorCode.NotFound, `Page ${page} is past the end of the catalog: it has ${totalCount} datasets on ${last} page(s) of ${pageSize}`);
  return { status: 404, contentType: 'application/json; charset=utf-8', body, etag: entityTag(body) };
}

function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function requestIdOf(req: http.IncomingMessage): string | undefined {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === 'string' ? id : undefined;
}
