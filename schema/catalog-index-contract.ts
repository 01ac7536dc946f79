import { parse, type DocumentNode } from 'graphql';
import { DATA_CLASSES } from './vocabulary.js';

export interface IndexedPartner {
  /** The partner id, which is also its subgraph name. */
  id: string;
  /** The partner's entity type implementing Dataset, e.g. NorthbridgeHospitalDataset. */
  datasetTypeName: string;
}

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './catalog-index-paging.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/**
 * The index subgraph's SDL. It returns references to each partner's entity type (resolvable: false:
 * the partner itself resolves every field), so it must name those types: the SDL is generated from
 * the partner list, the same way at composition and at run time.
 */
export function catalogIndexTypeDefs(partners: readonly IndexedPartner[]): DocumentNode {
  const stubs = partners
    .map((p) => `type ${p.datasetTypeName} implements Dataset @key(fields: "id", resolvable: false) {\n  id: ID!\n}`)
    .join('\n\n');
  return parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])

scalar DateTime

enum DataClass {
  ${DATA_CLASSES.join('\n  ')}
}

"A dcat:Dataset. Each partner implements it with its own entity type."
interface Dataset {
  id: ID!
}

${stubs}

type Query {
  """
  Datasets across every partner, ordered by id. Filters combine with AND; the values inside one filter
  combine with OR. \`first\` is at most ${MAX_PAGE_SIZE}.
  """
  datasets(first: Int = ${DEFAULT_PAGE_SIZE}, after: String, filter: DatasetFilter, usableBy: UsableBy): DatasetConnection!
  """
  Ranked full-text search over titles, keywords, themes and descriptions (title weighs most), tolerant of
  typos and prefixes; an empty query lists everything. Facets count what matched, after every filter.
  """
  search(query: String! = "", filter: DatasetFilter, sort: SearchSort = RELEVANCE, first: Int = ${DEFAULT_PAGE_SIZE}, after: String, usableBy: UsableBy): SearchConnection!
  "One dataset by its id, or null when no partner publishes it."
  dataset(id: ID!): Dataset
  "What the index knows of each partner: when it last harvested it, and how many datasets it holds."
  catalogStatus: [PartnerCatalogStatus!]!
  "The version of the consortium's access policies the gateway enforces, and what changed in each version."
  policy: PolicySet!
}

type PolicySet {
  version: String!
  "Newest first."
  changelog: [PolicyChange!]!
}

type PolicyChange {
  version: String!
  date: String!
  changes: [String!]!
}

"Only public metadata can be filtered on."
enum UsableBy {
  "Only datasets the caller could use for the purpose declared in their token, decided by the gateway's own policies."
  ME
}

enum SearchSort {
  RELEVANCE
  "Most recently modified first."
  MODIFIED
  TITLE
}

type SearchConnection {
  totalCount: Int!
  edges: [SearchEdge!]!
  pageInfo: PageInfo!
  facets: SearchFacets!
}

type SearchEdge {
  cursor: String!
  "How well the dataset matches the query; 0 for an empty query."
  score: Float!
  "Null, with an error at this path, when the dataset's partner could not be reached."
  node: Dataset
}

"Counts over the matching datasets, so choosing a value updates every other facet."
type SearchFacets {
  partners: [FacetCount!]!
  licences: [FacetCount!]!
  dataClasses: [FacetCount!]!
  themes: [FacetCount!]!
  "The most frequent keywords (lower case)."
  keywords: [FacetCount!]!
  "DUO shorthand codes."
  useConditions: [FacetCount!]!
  "Years of issue, newest first."
  years: [FacetCount!]!
}

type FacetCount {
  value: String!
  count: Int!
}

input DatasetFilter {
  "Partner ids."
  partners: [ID!]
  "Licence ids (SPDX or LicenseRef-)."
  licences: [String!]
  dataClasses: [DataClass!]
  "Exact keywords, compared without regard to case."
  keywords: [String!]
  themes: [String!]
  "DUO shorthand codes, e.g. HMB."
  useConditions: [String!]
  "Years of issue."
  years: [Int!]
}

type DatasetConnection {
  "How many datasets match the filter, across all pages."
  totalCount: Int!
  edges: [DatasetEdge!]!
  pageInfo: PageInfo!
}

type DatasetEdge {
  cursor: String!
  "Null, with an error at this path, when the dataset's partner could not be reached: the other partners' datasets still arrive."
  node: Dataset
}

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
}

type PartnerCatalogStatus {
  partnerId: ID!
  "When the last harvest of this partner succeeded; null if none has."
  lastHarvestAt: DateTime
  lastAttemptAt: DateTime
  "Seconds since the last successful harvest."
  staleSeconds: Int
  datasetCount: Int!
  "True when the last attempt failed and the datasets shown come from an older snapshot."
  stale: Boolean!
  "The last failure, in words safe to show (never an address)."
  lastError: String
}
`);
}
