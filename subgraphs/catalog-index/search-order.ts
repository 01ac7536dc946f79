import type { IndexedDataset, SearchPosition, SearchSort } from './catalog-index.js';

/**
 * Each sort orders by a key, then by id, so the order is total and a cursor (key, id) can resume
 * exactly after the last item seen (keyset pagination) even while harvests change the index.
 */
export function sortKey(sort: SearchSort, dataset: IndexedDataset, score: number): number | string {
  switch (sort) {
    case 'RELEVANCE':
      return -score;
    case 'MODIFIED':
      return -Date.parse(dataset.modified);
    case 'TITLE':
      return dataset.title.toLocaleLowerCase('en');
  }
}

export function comparePositions(a: SearchPosition, b: SearchPosition): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
