import MiniSearch from 'minisearch';
import type {
  CatalogIndex, DatasetPage, DatasetPageRequest, IndexedDataset, SearchHit, SearchRequest, SearchResult,
} from './catalog-index.js';
import { compileFilter } from './dataset-filter.js';
import { computeFacets } from './search-facets.js';
import { comparePositions, sortKey } from './search-order.js';

// Title weighs most, then keywords and themes, then the description (issue: "title weighs most").
const BOOST = { title: 4, keywords: 2.5, themes: 1.5, description: 1 };

function newTextIndex(): MiniSearch<IndexedDataset> {
  return new MiniSearch<IndexedDataset>({
    fields: ['title', 'keywords', 'themes', 'description'],
    extractField: (dataset, field) => {
      const value = dataset[field as keyof IndexedDataset];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    searchOptions: {
      boost: BOOST,
      prefix: true,
      // Up to one edit in four characters: "clmate" and "temperture" still find their words.
      fuzzy: (term) => (term.length > 3 ? 0.25 : false),
      combineWith: 'AND',
    },
  });
}

/** Datasets kept sorted by id for listings, and in a MiniSearch index for ranked full text. */
export class InMemoryCatalogIndex implements CatalogIndex {
  #byPartner = new Map<string, Map<string, IndexedDataset>>();
  #byId = new Map<string, IndexedDataset>();
  #sorted: IndexedDataset[] | null = [];
  readonly #text = newTextIndex();

  replacePartner(partnerId: string, datasets: readonly IndexedDataset[]): void {
    this.#checkOwner(partnerId, datasets);
    for (const old of this.#byPartner.get(partnerId)?.values() ?? []) this.#remove(old.id);
    this.#byPartner.set(partnerId, new Map());
    for (const dataset of datasets) this.#put(dataset);
  }

  applyChanges(partnerId: string, changed: readonly IndexedDataset[], currentIds: ReadonlySet<string>): void {
    this.#checkOwner(partnerId, changed);
    for (const old of [...(this.#byPartner.get(partnerId)?.values() ?? [])]) {
      if (!currentIds.has(old.id)) this.#remove(old.id);
    }
    for (const dataset of changed) this.#put(dataset);
  }

  get(id: string): IndexedDataset | undefined {
    return this.#byId.get(id);
  }

  countFor(partnerId: string): number {
    return this.#byPartner.get(partnerId)?.size ?? 0;
  }

  page({ filter, first, afterId, usable }: DatasetPageRequest): DatasetPage {
    const matches = compileFilter(filter);
    const sorted = this.#sortedById();
    let totalCount = 0;
    const items: IndexedDataset[] = [];
    let hasNextPage = false;
    for (const dataset of sorted) {
      if (!matches(dataset) || (usable && !usable(dataset))) continue;
      totalCount++;
      if (afterId !== undefined && dataset.id <= afterId) continue;
      if (items.length < first) items.push(dataset);
      else hasNextPage = true;
    }
    return { totalCount, items, hasNextPage };
  }

  search(request: SearchRequest): SearchResult {
    const matches = compileFilter(request.filter);
    const candidates: { dataset: IndexedDataset; score: number }[] = request.query.trim()
      ? this.#text.search(request.query).flatMap((r) => {
        const dataset = this.#byId.get(String(r.id));
        return dataset ? [{ dataset, score: r.score }] : [];
      })
      : this.#sortedById().map((dataset) => ({ dataset, score: 0 }));
    const hits: SearchHit[] = candidates
      .filter(({ dataset }) => matches(dataset) && (!request.usable || request.usable(dataset)))
      .map(({ dataset, score }) => ({ dataset, score, position: { key: sortKey(request.sort, dataset, score), id: dataset.id } }))
      .sort((a, b) => comparePositions(a.position, b.position));
    const start = request.after ? hits.findIndex((h) => comparePositions(h.position, request.after!) > 0) : 0;
    const from = start === -1 ? hits.length : start;
    return {
      totalCount: hits.length,
      hits: hits.slice(from, from + request.first),
      hasNextPage: from + request.first < hits.length,
      facets: computeFacets(hits.map((h) => h.dataset)),
    };
  }

  #put(dataset: IndexedDataset): void {
    if (this.#byId.has(dataset.id)) this.#remove(dataset.id);
    let partner = this.#byPartner.get(dataset.partnerId);
    if (!partner) this.#byPartner.set(dataset.partnerId, (partner = new Map()));
    partner.set(dataset.id, dataset);
    this.#byId.set(dataset.id, dataset);
    this.#text.add(dataset);
    this.#sorted = null;
  }

  #remove(id: string): void {
    const dataset = this.#byId.get(id);
    if (!dataset) return;
    this.#byId.delete(id);
    this.#byPartner.get(dataset.partnerId)?.delete(id);
    this.#text.discard(id);
    this.#sorted = null;
  }

  #sortedById(): IndexedDataset[] {
    this.#sorted ??= [...this.#byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.#sorted;
  }

  #checkOwner(partnerId: string, datasets: readonly IndexedDataset[]): void {
    for (const dataset of datasets) {
      if (dataset.partnerId !== partnerId) {
        throw new Error(`dataset "${dataset.id}" belongs to "${dataset.partnerId}", not "${partnerId}"`);
      }
    }
  }
}
