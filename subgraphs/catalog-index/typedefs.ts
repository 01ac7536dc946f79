import { parse, type DocumentNode } from 'graphql';

export interface IndexedPartner {
  /** The partner id, which is also its subgraph name. */
  id: string;
  /** The partner's entity type implementing Dataset, e.g. NorthbridgeHospitalDataset. */
  datasetTypeName: string;
}

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;

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
  PUBLIC
  PARTNER_SHARED
  ANONYMIZED
  PROPRIETARY
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
  datasets(first: Int = ${DEFAULT_PAGE_SIZE}, after: String, filter: DatasetFilter): DatasetConnection!
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
input DatasetFilter {
  "Partner ids."
  partners: [ID!]
  "Licence ids (SPDX or LicenseRef-)."
  licences: [String!]
  dataClasses: [DataClass!]
  "Exact keywords, compared without regard to case."
  keywords: [String!]
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
  datasetCount: Int!
  "True when the last attempt failed and the datasets shown come from an older snapshot."
  stale: Boolean!
  "The last failure, in words safe to show (never an address)."
  lastError: String
}
`);
}
