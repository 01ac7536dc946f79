// The index's store: an interface first, so that full-text search can later sit behind the same one.

export type DataClass = 'PUBLIC' | 'PARTNER_SHARED' | 'ANONYMIZED' | 'PROPRIETARY';

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
  useConditions: string[];
  issued: string;
  modified: string;
}

export interface DatasetFilter {
  partners?: readonly string[] | null;
  licences?: readonly string[] | null;
  dataClasses?: readonly DataClass[] | null;
  keywords?: readonly string[] | null;
}

export interface DatasetPageRequest {
  filter?: DatasetFilter | null;
  first: number;
  /** The id after which the page starts (decoded cursor). */
  afterId?: string;
}

export interface DatasetPage {
  totalCount: number;
  items: IndexedDataset[];
  hasNextPage: boolean;
}

export interface CatalogIndex {
  /** Replaces everything known of one partner: datasets it no longer lists disappear. */
  replacePartner(partnerId: string, datasets: readonly IndexedDataset[]): void;
  get(id: string): IndexedDataset | undefined;
  page(request: DatasetPageRequest): DatasetPage;
  countFor(partnerId: string): number;
}
