import type { FacetCount, IndexedDataset, SearchFacets } from './catalog-index.js';
import { issuedYear } from './dataset-filter.js';

/** Keywords are many; the facet lists the most frequent ones. */
export const KEYWORD_FACET_SIZE = 25;

/**
 * Facet counts over exactly the datasets that matched (query, filters and usableBy), so that choosing
 * one value updates every other facet and the counts always add up to what the list shows.
 */
export function computeFacets(datasets: Iterable<IndexedDataset>): SearchFacets {
  const counters = {
    partners: new Map<string, number>(),
    licences: new Map<string, number>(),
    dataClasses: new Map<string, number>(),
    themes: new Map<string, number>(),
    keywords: new Map<string, number>(),
    useConditions: new Map<string, number>(),
    years: new Map<string, number>(),
  };
  const add = (counter: Map<string, number>, values: Iterable<string>) => {
    for (const value of new Set(values)) counter.set(value, (counter.get(value) ?? 0) + 1);
  };
  for (const d of datasets) {
    add(counters.partners, [d.partnerId]);
    add(counters.licences, [d.licenceId]);
    add(counters.dataClasses, [d.dataClass]);
    add(counters.themes, d.themes);
    add(counters.keywords, d.keywords.map((k) => k.toLowerCase()));
    add(counters.useConditions, d.useConditions.map((c) => c.code));
    add(counters.years, [String(issuedYear(d))]);
  }
  return {
    partners: byCount(counters.partners),
    licences: byCount(counters.licences),
    dataClasses: byCount(counters.dataClasses),
    themes: byCount(counters.themes),
    keywords: byCount(counters.keywords).slice(0, KEYWORD_FACET_SIZE),
    useConditions: byCount(counters.useConditions),
    years: [...counters.years].map(([value, count]) => ({ value, count })).sort((a, b) => b.value.localeCompare(a.value)),
  };
}

function byCount(counter: Map<string, number>): FacetCount[] {
  return [...counter].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
