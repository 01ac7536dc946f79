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

/**
 * The first `count` items after `after`, in order, without sorting everything that matched: one
 * pass keeping a small sorted buffer (a search matching 60,000 datasets shows 20 of them).
 */
export function firstAfter<T extends { position: SearchPosition }>(items: Iterable<T>, count: number, after?: SearchPosition): T[] {
  const best: T[] = [];
  if (count <= 0) return best;
  for (const item of items) {
    if (after && comparePositions(item.position, after) <= 0) continue;
    if (best.length === count && comparePositions(item.position, best[count - 1]!.position) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePositions(best[mid]!.position, item.position) < 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}
