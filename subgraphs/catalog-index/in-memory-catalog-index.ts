import MiniSearch from 'minisearch';
import type {
  CatalogIndex, DatasetPage, DatasetPageRequest, IndexedDataset, SearchHit, SearchRequest, SearchResult,
} from './catalog-index.js';
import { compileFilter } from './dataset-filter.js';
import { FacetDictionary } from './search-facets.js';
import { comparePositions, firstAfter, sortKey } from './search-order.js';

// Title weighs most, then keywords and themes, then the description (issue: "title weighs most").
// A translation's texts weigh as the dataset's own, in fields of their own so that a dataset without
// translations scores as it did; identifiers (a DOI) are found like keywords.
const BOOST = {
  title: 4, keywords: 2.5, themes: 1.5, description: 1,
  translatedTitles: 4, translatedKeywords: 2.5, translatedDescriptions: 1, identifiers: 2.5,
};

type SearchedField = keyof typeof BOOST;

function searchedText(dataset: IndexedDataset, field: SearchedField): string {
  const translations = dataset.translations ?? [];
  switch (field) {
    case 'translatedTitles': return translations.map((t) => t.title ?? '').join(' ');
    case 'translatedKeywords': return translations.flatMap((t) => t.keywords).join(' ');
    case 'translatedDescriptions': return translations.map((t) => t.description ?? '').join(' ');
    case 'identifiers': return (dataset.identifiers ?? []).join(' ');
    default: {
      const value = dataset[field];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    }
  }
}

function newTextIndex(): MiniSearch<IndexedDataset> {
  return new MiniSearch<IndexedDataset>({
    fields: Object.keys(BOOST),
    extractField: (dataset, field) => searchedText(dataset, field as SearchedField),
    searchOptions: {
      boost: BOOST,
      // The word being typed is a prefix; the others are whole words. Expanding every word of a
      // query as a prefix multiplies the terms scored for nothing (measured: 137 ms -> 4 ms on a
      // 100,000-dataset index for a one-word query).
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
      // Up to one edit in five characters ("temperture", "clmate"), at most two: short words are
      // matched exactly, since one edit in four letters matches half the vocabulary.
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'AND',
    },
  });
}

/** Datasets kept sorted by id for listings, and in a MiniSearch index for ranked full text. */
export class InMemoryCatalogIndex implements CatalogIndex {
  #byPartner = new Map<string, Map<string, IndexedDataset>>();
  #byId = new Map<string, IndexedDataset>();
  #sorted: IndexedDataset[] | null = [];
  readonly #dictionary = new FacetDictionary();
  readonly #facetCodes = new Map<string, Uint32Array>();
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
    const counter = this.#dictionary.counter();
    const candidates: SearchHit[] = [];
    let totalCount = 0;
    // One pass: filter, count facets, and keep only what could make the page.
    // MiniSearch returns results by descending score: for RELEVANCE only the page's worth (and
    // ties with its last score) need a hit object; everything else is only counted.
    const byScore = request.sort === 'RELEVANCE' && request.query.trim() !== '';
    const consider = (dataset: IndexedDataset | undefined, score: number) => {
      if (!dataset || !matches(dataset) || (request.usable && !request.usable(dataset))) return;
      totalCount++;
      counter.add(this.#facetCodes.get(dataset.id)!);
      if (byScore && candidates.length > request.first + 1 && score < candidates[candidates.length - 1]!.score) return;
      const hit = { dataset, score, position: { key: sortKey(request.sort, dataset, score), id: dataset.id } };
      if (byScore && request.after && comparePositions(hit.position, request.after) <= 0) return;
      candidates.push(hit);
    };
    if (request.query.trim()) {
      for (const result of this.#text.search(request.query)) consider(this.#byId.get(String(result.id)), result.score);
    } else {
      for (const dataset of this.#sortedById()) consider(dataset, 0);
    }
    // One more than the page, to know whether another page follows.
    const page = firstAfter(candidates, request.first + 1, request.after);
    return {
      totalCount,
      hits: page.slice(0, request.first),
      hasNextPage: page.length > request.first,
      facets: counter.facets(),
    };
  }

  #put(dataset: IndexedDataset): void {
    if (this.#byId.has(dataset.id)) this.#remove(dataset.id);
    let partner = this.#byPartner.get(dataset.partnerId);
    if (!partner) this.#byPartner.set(dataset.partnerId, (partner = new Map()));
    partner.set(dataset.id, dataset);
    this.#byId.set(dataset.id, dataset);
    this.#facetCodes.set(dataset.id, this.#dictionary.encode(dataset));
    this.#text.add(dataset);
    this.#sorted = null;
  }

  #remove(id: string): void {
    const dataset = this.#byId.get(id);
    if (!dataset) return;
    this.#byId.delete(id);
    this.#facetCodes.delete(id);
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
