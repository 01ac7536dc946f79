import type { CatalogIndex, DatasetFilter, DatasetPage, DatasetPageRequest, IndexedDataset } from './catalog-index.js';

/** Datasets kept sorted by id, so a page after a cursor starts with a binary search. */
export class InMemoryCatalogIndex implements CatalogIndex {
  #byPartner = new Map<string, readonly IndexedDataset[]>();
  #byId = new Map<string, IndexedDataset>();
  #sorted: IndexedDataset[] = [];

  replacePartner(partnerId: string, datasets: readonly IndexedDataset[]): void {
    for (const dataset of datasets) {
      if (dataset.partnerId !== partnerId) {
        throw new Error(`dataset "${dataset.id}" belongs to "${dataset.partnerId}", not "${partnerId}"`);
      }
    }
    this.#byPartner.set(partnerId, [...datasets]);
    this.#rebuild();
  }

  get(id: string): IndexedDataset | undefined {
    return this.#byId.get(id);
  }

  countFor(partnerId: string): number {
    return this.#byPartner.get(partnerId)?.length ?? 0;
  }

  page({ filter, first, afterId }: DatasetPageRequest): DatasetPage {
    const matches = compileFilter(filter);
    const start = afterId === undefined ? 0 : firstIndexAfter(this.#sorted, afterId);
    let totalCount = 0;
    const items: IndexedDataset[] = [];
    let hasNextPage = false;
    for (let i = 0; i < this.#sorted.length; i++) {
      const dataset = this.#sorted[i]!;
      if (!matches(dataset)) continue;
      totalCount++;
      if (i < start) continue;
      if (items.length < first) items.push(dataset);
      else hasNextPage = true;
    }
    return { totalCount, items, hasNextPage };
  }

  #rebuild(): void {
    this.#sorted = [...this.#byPartner.values()].flat().sort((a, b) => compareIds(a.id, b.id));
    this.#byId = new Map(this.#sorted.map((d) => [d.id, d]));
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstIndexAfter(sorted: readonly IndexedDataset[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareIds(sorted[mid]!.id, id) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Values within one filter are alternatives (OR); filters together narrow (AND). An empty list is
// treated as absent rather than as "match nothing", which is what a UI sending [] means.
export function compileFilter(filter: DatasetFilter | null | undefined): (d: IndexedDataset) => boolean {
  const tests: ((d: IndexedDataset) => boolean)[] = [];
  if (filter?.partners?.length) {
    const set = new Set(filter.partners);
    tests.push((d) => set.has(d.partnerId));
  }
  if (filter?.licences?.length) {
    const set = new Set(filter.licences);
    tests.push((d) => set.has(d.licenceId));
  }
  if (filter?.dataClasses?.length) {
    const set = new Set<string>(filter.dataClasses);
    tests.push((d) => set.has(d.dataClass));
  }
  if (filter?.keywords?.length) {
    const set = new Set(filter.keywords.map((k) => k.toLowerCase()));
    tests.push((d) => d.keywords.some((k) => set.has(k.toLowerCase())));
  }
  return (d) => tests.every((test) => test(d));
}
