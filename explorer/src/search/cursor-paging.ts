// Cursor pagination over the index's keyset cursors (README "Search"): the server only goes
// forwards, so the page keeps the `after` cursor of every page it has shown to step back.

export interface Paging {
  /** The `after` argument of each page shown so far, the first page's being null; the last is the current page. */
  readonly cursors: readonly (string | null)[];
}

export const FIRST_PAGE: Paging = Object.freeze({ cursors: Object.freeze([null]) });

export function currentAfter(paging: Paging): string | null {
  return paging.cursors[paging.cursors.length - 1] ?? null;
}

/** 1 for the first page. */
export function pageNumber(paging: Paging): number {
  return paging.cursors.length;
}

export function hasPrevious(paging: Paging): boolean {
  return paging.cursors.length > 1;
}

/** The next page after the current one's pageInfo; unchanged when there is none. */
export function nextPage(paging: Paging, pageInfo: { hasNextPage: boolean; endCursor: string | null }): Paging {
  if (!pageInfo.hasNextPage || !pageInfo.endCursor) return paging;
  return { cursors: [...paging.cursors, pageInfo.endCursor] };
}

/** The page before; the first page stays the first. */
export function previousPage(paging: Paging): Paging {
  return hasPrevious(paging) ? { cursors: paging.cursors.slice(0, -1) } : paging;
}
