import type { FacetCount, IndexedDataset, SearchFacets } from './catalog-index.js';
import { issuedYear } from './dataset-filter.js';

/** Keywords are many; the facet lists the most frequent ones. */
export const KEYWORD_FACET_SIZE = 25;

const FACETS = ['partners', 'licences', 'dataClasses', 'themes', 'keywords', 'useConditions', 'years'] as const;
type FacetName = (typeof FACETS)[number];

function valuesOf(d: IndexedDataset): Record<FacetName, readonly string[]> {
  return {
    partners: [d.partnerId],
    licences: [d.licenceId],
    dataClasses: [d.dataClass],
    themes: [...new Set(d.themes)],
    keywords: [...new Set(d.keywords.map((k) => k.toLowerCase()))],
    useConditions: [...new Set(d.useConditions.map((c) => c.code))],
    years: [String(issuedYear(d))],
  };
}

/**
 * Every facet value gets a small integer when a dataset is indexed, so counting a search's matches
 * is incrementing an array, not hashing strings: a query matching 60,000 datasets is counted in
 * about a millisecond instead of thirty (measured on the 100,000-dataset benchmark catalog).
 */
export class FacetDictionary {
  readonly #codes = new Map<string, number>();
  readonly #values: { facet: FacetName; value: string }[] = [];

  /** The codes of a dataset's facet values, flat. */
  encode(dataset: IndexedDataset): Uint32Array {
    const values = valuesOf(dataset);
    const codes: number[] = [];
    for (const facet of FACETS) {
      for (const value of values[facet]) {
        const key = `${facet}\u0000${value}`;
        let code = this.#codes.get(key);
        if (code === undefined) {
          code = this.#values.length;
          this.#codes.set(key, code);
          this.#values.push({ facet, value });
        }
        codes.push(code);
      }
    }
    return Uint32Array.from(codes);
  }

  counter(): FacetCounter {
    return new FacetCounter(this.#values);
  }
}

/**
 * Facet counts over exactly the datasets that matched (query, filters and usableBy), so that choosing
 * one value updates every other facet and the counts always add up to what the list shows.
 */
export class FacetCounter {
  readonly #counts: Uint32Array;
  constructor(private readonly values: readonly { facet: FacetName; value: string }[]) {
    this.#counts = new Uint32Array(values.length);
  }

  add(codes: Uint32Array): void {
    for (let i = 0; i < codes.length; i++) this.#counts[codes[i]!]!++;
  }

  facets(): SearchFacets {
    const lists: Record<FacetName, FacetCount[]> = {
      partners: [], licences: [], dataClasses: [], themes: [], keywords: [], useConditions: [], years: [],
    };
    this.#counts.forEach((count, code) => {
      if (count > 0) {
        const { facet, value } = this.values[code]!;
        lists[facet].push({ value, count });
      }
    });
    for (const facet of FACETS) lists[facet].sort(byCount);
    lists.years.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
    lists.keywords = lists.keywords.slice(0, KEYWORD_FACET_SIZE);
    return lists;
  }
}

function byCount(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
