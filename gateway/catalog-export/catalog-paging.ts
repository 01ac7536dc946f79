// Paging of the export (Hydra Core, PartialCollectionView: https://www.hydra-cg.com/spec/latest/core/):
// pages are numbered from 1 and hold a fixed number of datasets (CATALOG_PAGE_SIZE), in the index's id
// order. The size is the operator's, not the caller's: the pages are then few and the same for every
// harvester, so a short-lived cache of them bounds what the export can cost (catalog-page-cache.ts).

/** The highest page number accepted: far beyond any catalog, and short enough to read safely. */
export const MAX_PAGE_NUMBER = 999_999_999;

/** The parameter a page is chosen by, the only one the export takes. */
export const PAGE_PARAMETER = 'page';

export type PageRequest = { ok: true; page: number } | { ok: false; message: string };

/** Reads `?page=N` from a request's query string (without the "?"); 1 when absent. */
export function readPageRequest(search: string): PageRequest {
  const parameters = [...new URLSearchParams(search)];
  const unknown = parameters.find(([name]) => name !== PAGE_PARAMETER);
  if (unknown) {
    return { ok: false, message: `unknown query parameter "${shorten(unknown[0])}": the catalog export takes only "${PAGE_PARAMETER}", a page number from 1` };
  }
  if (parameters.length > 1) return { ok: false, message: `"${PAGE_PARAMETER}" is given ${parameters.length} times; give it once` };
  const value = parameters[0]?.[1];
  if (value === undefined) return { ok: true, page: 1 };
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    return { ok: false, message: `"${PAGE_PARAMETER}" must be a whole number from 1 to ${MAX_PAGE_NUMBER}, got "${shorten(value)}"` };
  }
  return { ok: true, page: Number(value) };
}

/** How many pages a catalog of `totalCount` datasets has: at least one, which an empty catalog's description fills. */
export function pageCount(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/** The listing's offset of a page's first dataset. */
export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/**
 * The `first` arguments that move a cursor `offset` datasets into the listing, each at most
 * `maxStep` (the index's largest page): none for the first page. Made one at a time, since a page
 * number far past the catalog's end would ask for millions of steps the reader stops before.
 */
export function* positionSteps(offset: number, maxStep: number): Generator<number> {
  for (let left = offset; left > 0; left -= maxStep) yield Math.min(left, maxStep);
}

/** The links of one page: first, last, and previous and next where they exist. */
export interface PageLinks {
  page: number;
  first: number;
  last: number;
  previous?: number;
  next?: number;
}

export function pageLinks(page: number, totalCount: number, pageSize: number): PageLinks {
  const last = pageCount(totalCount, pageSize);
  return {
    page, first: 1, last,
    ...(page > 1 ? { previous: page - 1 } : {}),
    ...(page < last ? { next: page + 1 } : {}),
  };
}

/** A page's address under one of the export's paths, e.g. https://host/catalog.ttl?page=2. */
export function pageAddress(baseUrl: string, path: string, page: number): string {
  return `${baseUrl}${path}?${PAGE_PARAMETER}=${page}`;
}

/** A caller's text in a message is cut short: the message is for reading, not for echoing input. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
