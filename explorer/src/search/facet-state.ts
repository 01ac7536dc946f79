// What the search page asks the index for (README "Search"): the query text, the facet values ticked
// (OR within a facet, AND across facets), the sort and the "usable for my purpose" switch. Pure and
// immutable, so each change is one new state and paging starts again from the first page.

export const FACET_NAMES = ['partners', 'dataClasses', 'licences', 'useConditions', 'themes', 'years', 'keywords'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const SEARCH_SORTS = ['RELEVANCE', 'MODIFIED', 'TITLE'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export type FacetSelection = Readonly<Record<FacetName, readonly string[]>>;

export interface SearchState {
  readonly query: string;
  readonly facets: FacetSelection;
  readonly sort: SearchSort;
  readonly usableByMe: boolean;
}

/** The contract's DatasetFilter (schema/catalog-index-contract.ts): years are numbers, the rest strings. */
export interface DatasetFilter {
  partners?: string[];
  licences?: string[];
  dataClasses?: string[];
  keywords?: string[];
  themes?: string[];
  useConditions?: string[];
  years?: number[];
}

export const EMPTY_SELECTION: FacetSelection = Object.freeze(
  Object.fromEntries(FACET_NAMES.map((name) => [name, Object.freeze([])])) as unknown as FacetSelection,
);

export const INITIAL_SEARCH: SearchState = { query: '', facets: EMPTY_SELECTION, sort: 'RELEVANCE', usableByMe: false };

export function isChecked(selection: FacetSelection, facet: FacetName, value: string): boolean {
  return selection[facet].includes(value);
}

/** Ticks a value, or unticks it when it was ticked; values are kept sorted so equal selections look equal. */
export function toggleFacetValue(selection: FacetSelection, facet: FacetName, value: string): FacetSelection {
  const current = selection[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value].sort();
  return { ...selection, [facet]: next };
}

export function selectedCount(selection: FacetSelection): number {
  return FACET_NAMES.reduce((sum, name) => sum + selection[name].length, 0);
}

/** The filter argument, or null when nothing is ticked; a year that is not a whole number is dropped. */
export function toFilter(selection: FacetSelection): DatasetFilter | null {
  const filter: DatasetFilter = {};
  for (const name of FACET_NAMES) {
    const values = selection[name];
    if (values.length === 0) continue;
    if (name === 'years') {
      const years = values.map(Number).filter(Number.isInteger);
      if (years.length > 0) filter.years = years;
    } else {
      filter[name] = [...values];
    }
  }
  return Object.keys(filter).length === 0 ? null : filter;
}

/** The state in a URL's query (`q`, `sort`, `usable`, one parameter per facet), so a search can be linked and reloaded. */
export function searchParamsOf(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  if (state.usableByMe) params.set('usable', 'me');
  for (const name of FACET_NAMES) for (const value of state.facets[name]) params.append(name, value);
  return params;
}

/** The state a URL's query describes; unknown parameters and sorts are ignored. */
export function searchStateOf(params: URLSearchParams): SearchState {
  const sort = params.get('sort');
  let facets = EMPTY_SELECTION;
  for (const name of FACET_NAMES) {
    for (const value of new Set(params.getAll(name))) if (value) facets = toggleFacetValue(facets, name, value);
  }
  return {
    query: params.get('q') ?? '',
    facets,
    sort: (SEARCH_SORTS as readonly string[]).includes(sort ?? '') ? (sort as SearchSort) : 'RELEVANCE',
    usableByMe: params.get('usable') === 'me',
  };
}
