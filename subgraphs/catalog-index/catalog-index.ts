// The index's store: an interface first, then the in-memory implementation with full-text search.

import type { UseConditionFact } from '../../schema/policy/facts.js';
import type { DataClass } from '../../schema/vocabulary.js';

/** Public metadata of one dataset, as harvested. Restricted fields are never harvested. */
export interface IndexedDataset {
  id: string;
  partnerId: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  dataClass: DataClass;
  licenceId: string;
  /** The licence's longest term in months (Licence.maxDurationMonths); absent when not harvested. */
  licenceMaxDurationMonths?: number | null;
  useConditions: UseConditionFact[];
  embargoUntil: string | null;
  issued: string;
  modified: string;
  /** Title, description and keywords in other languages, searched like the dataset's own. */
  translations?: IndexedTranslation[];
  /** Identifiers other than the id (a DOI, an ARK), found by search. */
  identifiers?: string[];
}

export interface IndexedTranslation {
  title: string | null;
  description: string | null;
  keywords: string[];
}

export interface DatasetFilter {
  partners?: readonly string[] | null;
  licences?: readonly string[] | null;
  dataClasses?: readonly DataClass[] | null;
  keywords?: readonly string[] | null;
  themes?: readonly string[] | null;
  /** DUO shorthand codes. */
  useConditions?: readonly string[] | null;
  /** Years of issue. */
  years?: readonly number[] | null;
}

export interface DatasetPageRequest {
  filter?: DatasetFilter | null;
  first: number;
  /** The id after which the page starts (decoded cursor). */
  afterId?: string;
  /** Keeps only the datasets the caller could use (usableBy: ME). */
  usable?: (dataset: IndexedDataset) => boolean;
}

export interface DatasetPage {
  totalCount: number;
  items: IndexedDataset[];
  hasNextPage: boolean;
}

export type SearchSort = 'RELEVANCE' | 'MODIFIED' | 'TITLE';

export interface SearchPosition {
  /** The sort key of the last item seen (its score, modification time or folded title). */
  key: number | string;
  id: string;
}

export interface SearchRequest extends Omit<DatasetPageRequest, 'afterId'> {
  query: string;
  sort: SearchSort;
  after?: SearchPosition;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  partners: FacetCount[];
  licences: FacetCount[];
  dataClasses: FacetCount[];
  themes: FacetCount[];
  keywords: FacetCount[];
  useConditions: FacetCount[];
  years: FacetCount[];
}

export interface SearchHit {
  dataset: IndexedDataset;
  score: number;
  position: SearchPosition;
}

export interface SearchResult {
  totalCount: number;
  hits: SearchHit[];
  hasNextPage: boolean;
  facets: SearchFacets;
}

export interface CatalogIndex {
  /** Replaces everything known of one partner: datasets it no longer lists disappear. */
  replacePartner(partnerId: string, datasets: readonly IndexedDataset[]): void;
  /** An incremental harvest: upserts the changed datasets and drops those no longer in `currentIds`. */
  applyChanges(partnerId: string, changed: readonly IndexedDataset[], currentIds: ReadonlySet<string>): void;
  get(id: string): IndexedDataset | undefined;
  page(request: DatasetPageRequest): DatasetPage;
  search(request: SearchRequest): SearchResult;
  countFor(partnerId: string): number;
}
