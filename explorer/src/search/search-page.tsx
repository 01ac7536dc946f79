import { useClient, useQuery } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { SEARCH } from '../graphql/operations.js';
import type { SearchResult } from '../graphql/types.js';
import { searchHref } from '../routing.js';
import { FIRST_PAGE, currentAfter, hasPrevious, nextPage, pageNumber, previousPage, type Paging } from './cursor-paging.js';
import { searchParamsOf, searchStateOf, toFilter, toggleFacetValue, type FacetName, type SearchSort, type SearchState } from './facet-state.js';
import { FacetPanel } from './facet-panel.js';
import { ResultList } from './result-list.js';
import { useFacetLabels } from './facet-labels.js';

const PAGE_SIZE = 10;

/** The first page: the whole catalog with its facets, narrowed by the query box, the facets and the switch. */
export function SearchPage({ params }: { params: URLSearchParams }) {
  const state = useMemo(() => searchStateOf(params), [params.toString()]);
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [draft, setDraft] = useState(state.query);
  useEffect(() => { setDraft(state.query); setPaging(FIRST_PAGE); }, [params.toString()]);
  const filter = toFilter(state.facets);
  const [result] = useQuery<SearchResult>({
    query: SEARCH,
    variables: {
      q: state.query, sort: state.sort, first: PAGE_SIZE, after: currentAfter(paging),
      ...(filter ? { filter } : {}), ...(state.usableByMe ? { usableBy: 'ME' } : {}),
    },
  });
  const search = result.data?.search;
  const labels = useFacetLabels(useClient(), search);
  const go = (next: SearchState) => { location.hash = searchHref(searchParamsOf(next)); };
  return (
    <div class="search-page">
      <h1>Search the catalog</h1>
      <form
        role="search"
        class="search-form"
        onSubmit={(event) => { event.preventDefault(); go({ ...state, query: draft.trim() }); }}
      >
        <label for="q">Search datasets</label>
        <div class="search-row">
          <input id="q" type="search" name="q" value={draft} placeholder="e.g. temperature, permafrost, readmission"
            onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Search</button>
        </div>
        <div class="search-options">
          <label class="switch">
            <input type="checkbox" role="switch" checked={state.usableByMe}
              onChange={(e) => go({ ...state, usableByMe: (e.currentTarget as HTMLInputElement).checked })} />
            Usable for my purpose
          </label>
          <label>
            Sort by{' '}
            <select value={state.sort} onChange={(e) => go({ ...state, sort: (e.currentTarget as HTMLSelectElement).value as SearchSort })}>
              <option value="RELEVANCE">Relevance</option>
              <option value="MODIFIED">Newest first</option>
              <option value="TITLE">Title</option>
            </select>
          </label>
        </div>
      </form>
      <div class="search-body">
        <FacetPanel
          facets={search?.facets ?? null}
          selection={state.facets}
          labels={labels}
          onToggle={(facet: FacetName, value: string) => go({ ...state, facets: toggleFacetValue(state.facets, facet, value) })}
        />
        <section class="results" aria-labelledby="results-heading" aria-busy={result.fetching}>
          <h2 id="results-heading">
            {search ? `${search.totalCount} dataset${search.totalCount === 1 ? '' : 's'}` : result.fetching ? 'Searching…' : 'Results'}
            {state.query ? ` for “${state.query}”` : ''}
          </h2>
          {result.error && !search ? <p role="alert" class="error">The search failed: {result.error.message}</p> : null}
          {search ? <ResultList hits={search.edges.flatMap((e) => (e.node ? [e.node] : []))} /> : null}
          {search ? (
            <nav class="pager" aria-label="Result pages">
              <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>Previous page</button>
              <span>Page {pageNumber(paging)} of {Math.max(1, Math.ceil(search.totalCount / PAGE_SIZE))}</span>
              <button type="button" disabled={!search.pageInfo.hasNextPage} onClick={() => setPaging(nextPage(paging, search.pageInfo))}>Next page</button>
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}
