import { pageOffset, positionSteps } from './catalog-paging.js';
import {
  CATALOG_PAGE_OPERATION, CATALOG_POSITION_OPERATION,
  type CatalogPageAnswer, type CatalogPositionAnswer, type ExportedDataset,
} from './export-operation.js';

/** Runs one of the export's operations through the gateway and returns its data, or throws CatalogReadError. */
export type OperationRunner = <T>(operationName: string, operation: string, variables: Record<string, unknown>) => Promise<T>;

/** The gateway did not answer the export's operation in full (a partner unreachable, a field withheld). */
export class CatalogReadError extends Error {
  override name = 'CatalogReadError';
}

export interface PageReading {
  /** Datasets in the whole catalog (the index's totalCount). */
  totalCount: number;
  /** Null when the page lies past the catalog's end. */
  datasets: ExportedDataset[] | null;
}

export interface PageReadingRequest {
  page: number;
  pageSize: number;
  /** Datasets per operation: the most whose estimated cost stays under MAX_COST (create-catalog-export.ts). */
  sliceSize: number;
  /** The index's largest `first`. */
  maxStep: number;
}

/**
 * Reads one page from the index's listing (in id order) through the gateway: first the cursor at the
 * page's start, moving `maxStep` datasets at a time without reading them, then the page in slices.
 * The keyset cursors keep the slices of one page together while a harvest changes the catalog.
 */
export async function readCatalogPage(run: OperationRunner, request: PageReadingRequest): Promise<PageReading> {
  let after: string | null = null;
  let totalCount = 0;
  const offset = pageOffset(request.page, request.pageSize);
  for (const first of positionSteps(offset, request.maxStep)) {
    const { datasets }: CatalogPositionAnswer = await run<CatalogPositionAnswer>('CatalogExportPosition', CATALOG_POSITION_OPERATION, { first, after });
    totalCount = datasets.totalCount;
    // The first step tells how far the catalog goes, so a page number far past it costs one operation.
    if (offset >= totalCount || !datasets.pageInfo.hasNextPage || !datasets.pageInfo.endCursor) return { totalCount, datasets: null };
    after = datasets.pageInfo.endCursor;
  }
  const read: ExportedDataset[] = [];
  let more = true;
  while (more && read.length < request.pageSize) {
    const first = Math.min(request.sliceSize, request.pageSize - read.length);
    const { datasets }: CatalogPageAnswer = await run<CatalogPageAnswer>('CatalogExportPage', CATALOG_PAGE_OPERATION, { first, after });
    totalCount = datasets.totalCount;
    for (const edge of datasets.edges) {
      if (!edge.node) throw new CatalogReadError('a dataset of the listing could not be read');
      read.push(edge.node);
    }
    more = datasets.pageInfo.hasNextPage && datasets.pageInfo.endCursor !== null;
    after = datasets.pageInfo.endCursor;
  }
  if (request.page > 1 && read.length === 0) return { totalCount, datasets: null };
  return { totalCount, datasets: read };
}
