import type http from 'node:http';
import type { Logger } from '../../runtime/logger.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { readPageRequest } from './catalog-paging.js';
import { CatalogReadError } from './catalog-reader.js';
import { negotiateFormat, type CatalogFormat, type NegotiableFormat } from './content-negotiation.js';
import { JSON_LD_MEDIA_TYPE } from './json-ld-document.js';
import { CatalogExportSelectionError } from './public-selection.js';
import type { RenderedPage } from './rendered-page-cache.js';
import { TURTLE_MEDIA_TYPE } from './turtle-document.js';

// GET (and HEAD) /catalog, /catalog.ttl and /catalog.jsonld: the HTTP side of the DCAT export.
// Every request first takes its unit from the caller's rate limit, as a GraphQL request does, so a
// refused or malformed one counts too; then the page is read, rendered and answered, from the cache
// of rendered pages when it is there.

export interface HttpRoute {
  path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

/** A refusal by the rate limits: HTTP 429 with Retry-After and the RateLimit fields. */
export interface Refusal {
  status: number;
  message: string;
  code: string;
  headers: Record<string, string>;
}

export interface CatalogEndpointOptions {
  /** Takes the request's unit from the caller's rate limit; a refusal when none is left. */
  admit(req: http.IncomingMessage, res: http.ServerResponse): Promise<Refusal | undefined>;
  /** The page as rendered for one path and format, from the cache or made now for this request. */
  renderPage(path: string, format: CatalogFormat, page: number, req: http.IncomingMessage): Promise<RenderedPage>;
  cacheSeconds: number;
  logger: Logger;
}

export const CATALOG_FORMATS: readonly NegotiableFormat[] = [
  { format: 'turtle', mediaType: TURTLE_MEDIA_TYPE },
  { format: 'json-ld', mediaType: JSON_LD_MEDIA_TYPE },
];

export const CATALOG_PATHS = { negotiated: '/catalog', turtle: '/catalog.ttl', jsonLd: '/catalog.jsonld' } as const;

/** The three routes: one path per format, and one that negotiates (content-negotiation.ts). */
export function catalogRoutes(options: CatalogEndpointOptions): HttpRoute[] {
  return [
    { path: CATALOG_PATHS.negotiated, handle: catalogHandler(options, CATALOG_PATHS.negotiated, 'negotiated') },
    { path: CATALOG_PATHS.turtle, handle: catalogHandler(options, CATALOG_PATHS.turtle, 'turtle') },
    { path: CATALOG_PATHS.jsonLd, handle: catalogHandler(options, CATALOG_PATHS.jsonLd, 'json-ld') },
  ];
}

function catalogHandler(options: CatalogEndpointOptions, path: string, fixed: CatalogFormat | 'negotiated') {
  const negotiated = fixed === 'negotiated';
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (negotiated) res.setHeader('vary', 'Accept');
    try {
      const refusal = await options.admit(req, res);
      if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message, refusal.headers);
      const format = negotiated ? negotiateFormat(headerText(req.headers.accept), CATALOG_FORMATS) : fixed;
      if (!format) {
        return sendError(res, 406, ErrorCode.BadRequest,
          `The catalog is available as ${TURTLE_MEDIA_TYPE} (also at ${CATALOG_PATHS.turtle}) and as ${JSON_LD_MEDIA_TYPE} (also at ${CATALOG_PATHS.jsonLd}); the Accept header allows neither`,
          {}, { available: CATALOG_FORMATS.map((f) => f.mediaType) });
      }
      const request = readPageRequest(searchOf(req.url));
      if (!request.ok) return sendError(res, 400, ErrorCode.BadRequest, `Bad catalog request: ${request.message}`);
      const page = await options.renderPage(path, format, request.page, req);
      sendPage(req, res, page, options.cacheSeconds);
    } catch (error) {
      answerFailure(res, error, options.logger);
    }
  };
}

function sendPage(req: http.IncomingMessage, res: http.ServerResponse, page: RenderedPage, cacheSeconds: number): void {
  res.setHeader('cache-control', cacheSeconds > 0 ? `public, max-age=${cacheSeconds}` : 'no-cache');
  if (page.status === 200) {
    res.setHeader('etag', page.etag);
    if (matchesEtag(headerText(req.headers['if-none-match']), page.etag)) {
      res.writeHead(304);
      res.end();
      return;
    }
  }
  res.writeHead(page.status, { 'content-type': page.contentType, 'content-length': Buffer.byteLength(page.body) });
  res.end(page.body);
}

/** If-None-Match (RFC 9110, section 13.1.2): "*" or a list of entity tags, compared weakly. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function answerFailure(res: http.ServerResponse, error: unknown, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof CatalogReadError) {
    logger.warn({ reason: error.message }, 'catalog export: the catalog could not be read in full');
    return sendError(res, 503, ErrorCode.SubgraphUnavailable,
      'The catalog cannot be exported now: a partner or the catalog index did not answer in full; try again shortly', { 'retry-after': '5' });
  }
  if (error instanceof CatalogExportSelectionError) {
    logger.error({ reason: error.message }, 'catalog export refused: the supergraph now guards a field it publishes');
    return sendError(res, 503, ErrorCode.InternalServerError, 'The catalog export is not available with the supergraph served now');
  }
  logger.error({ err: error }, 'catalog export failed');
  sendError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
}

/** A JSON error in the shape of the gateway's other errors (ARCHITECTURE.md, "Errors"). */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

function sendError(
  res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {},
): void {
  const body = errorBody(code, message, extensions);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function searchOf(url: string | undefined): string {
  const at = (url ?? '').indexOf('?');
  return at === -1 ? '' : (url ?? '').slice(at + 1);
}
