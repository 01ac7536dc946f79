import { parse, type DocumentNode } from 'graphql';
import { AUDIT_QUERY_FIELDS, AUDIT_TYPES } from './audit-contract.js';
import type { IndexedPartner } from './catalog-index-contract.js';
import { DATA_CLASSES } from './vocabulary.js';

// The governance subgraph's SDL (ARCHITECTURE.md "Processes"): access requests split per partner,
// stewards' decisions, appeals to the consortium's board, expiring grants, trusted organisations
// and suspensions. Like the index, it returns references to each partner's dataset type, so the SDL
// is generated from the partner list, the same way at composition and at run time.

/** Held by the members of the consortium's governance board. */
export const BOARD_SCOPE = 'consortium:board';

export const GOVERNANCE_MAX_PAGE_SIZE = 100;
export const GOVERNANCE_DEFAULT_PAGE_SIZE = 20;
/** How many datasets one access request may name. */
export const MAX_DATASETS_PER_REQUEST = 100;

export const PART_STATUS_VALUES = ['PENDING', 'APPROVED', 'DENIED', 'NEEDS_CHANGES', 'WITHDRAWN'] as const;
export const DECISION_OUTCOME_VALUES = ['APPROVE', 'DENY', 'NEEDS_CHANGES'] as const;

export function governanceTypeDefs(partners: readonly IndexedPartner[]): DocumentNode {
  const stubs = partners
    .map((p) => `type ${p.datasetTypeName} implements Dataset @key(fields: "id", resolvable: false) {\n  id: ID!\n}`)
    .join('\n\n');
  return parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

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
  "The caller's own access requests, oldest first, with each part's status."
  myAccessRequests: [AccessRequest!]!
  """
  The parts of access requests addressed to one partner, oldest first: for that partner's stewards
  only (org and scope partner:<id>, and scope steward:<id>). \`first\` is at most ${GOVERNANCE_MAX_PAGE_SIZE}.
  """
  accessRequests(partnerId: ID!, status: PartStatus = PENDING, first: Int = ${GOVERNANCE_DEFAULT_PAGE_SIZE}, after: String): AccessRequestPartPage!
  "Parts still undecided after the decision deadline, every partner, oldest first: for the board (scope ${BOARD_SCOPE})."
  overdueAccessRequests(first: Int = ${GOVERNANCE_DEFAULT_PAGE_SIZE}, after: String): AccessRequestPartPage!
  "Denied parts whose appeal the board has not decided, oldest appeal first: for the board."
  appeals(first: Int = ${GOVERNANCE_DEFAULT_PAGE_SIZE}, after: String): AccessRequestPartPage!
  "Organisations whose members' requests to this partner are approved at once when the policy allows: for its stewards."
  trustedOrganisations(partnerId: ID!): [TrustedOrganisation!]!
  "Grants to the caller and to their verified organisation, revoked and expired ones included."
  myGrants: [AccessGrant!]!
${AUDIT_QUERY_FIELDS}
}

type Mutation {
  """
  Asks for access to datasets, for the purpose declared in the caller's token (consortium members,
  scope consortium:member). Split into one part per partner, each decided by that partner alone.
  Refused at once (BAD_USER_INPUT, naming each dataset and the reason) for an unknown or deleted
  dataset, a public one, one already in a pending request of the caller, duties or licence terms
  the dataset needs that are not accepted, and a purpose its use conditions can never allow.
  """
  requestAccess(input: RequestAccessInput!): AccessRequest!
  "Withdraws every pending part of the caller's own request."
  withdrawAccessRequest(requestId: ID!): AccessRequest!
  """
  A steward of the part's partner decides it. APPROVE creates one grant per dataset, \`grantDays\`
  long (365 when not given), cut to the dataset's DUO TS months and its licence's maximum duration.
  Nobody decides a part of their own request.
  """
  decideAccessRequest(requestId: ID!, partnerId: ID!, decision: DecisionOutcome!, reason: String!, grantDays: Int): AccessRequestPart!
  "The requester appeals a denied part of their own request to the board, once."
  appeal(requestId: ID!, partnerId: ID!, statement: String!): AccessRequestPart!
  "The board decides an appeal, APPROVE or DENY; its decision is final."
  decideAppeal(requestId: ID!, partnerId: ID!, decision: DecisionOutcome!, reason: String!, grantDays: Int): AccessRequestPart!
  "A steward marks an organisation as trusted for one of the partner's data classes."
  trustOrganisation(partnerId: ID!, organisation: ID!, dataClass: DataClass!): TrustedOrganisation!
  "A steward removes a trust mark; grants already made stay until revoked. False when there was none."
  untrustOrganisation(partnerId: ID!, organisation: ID!, dataClass: DataClass!): Boolean!
  "Ends a grant at once, on every gateway: by a steward of the dataset's partner, or the board."
  revokeGrant(grantId: ID!, reason: String!): AccessGrant!
  "The board stops every grant of one person (subject) or one organisation at once, until reinstated. Give exactly one."
  suspendAccess(subject: ID, organisation: ID, reason: String!): Suspension!
  "The board lifts a suspension. False when there was none."
  reinstateAccess(subject: ID, organisation: ID): Boolean!
}

input RequestAccessInput {
  "Datasets of any partners (at most ${MAX_DATASETS_PER_REQUEST}); a repeated id counts once."
  datasetIds: [ID!]!
  projectTitle: String!
  "Why the project needs the data, for the stewards."
  justification: String!
  "DUO duties accepted, by shorthand (COL) or term id (DUO:0000020): every duty of every dataset requested."
  acceptedDuties: [String!]
  "Licences accepted (e.g. LicenseRef-NUH-DUA-2.1): a dataset under a LicenseRef- licence needs its own. An approved grant records them."
  acceptedTerms: [String!]
}

enum PartStatus {
  PENDING
  APPROVED
  DENIED
  NEEDS_CHANGES
  WITHDRAWN
}

enum DecisionOutcome {
  APPROVE
  DENY
  NEEDS_CHANGES
}

type AccessRequest {
  id: ID!
  requester: Requester!
  "The purpose declared in the requester's token when they asked."
  purpose: DeclaredPurpose!
  projectTitle: String!
  justification: String!
  acceptedDuties: [String!]!
  acceptedTerms: [String!]!
  createdAt: DateTime!
  "One part per partner."
  parts: [AccessRequestPart!]!
}

type Requester {
  subject: ID!
  "The requester's organisation, when the consortium's identity provider vouches for it."
  organisation: ID
}

type DeclaredPurpose {
  category: String!
  diseaseId: String
  genetic: Boolean!
  commercial: Boolean!
  ethicsApproval: Boolean!
  project: String
}

"The datasets of one partner within a request, decided by that partner alone."
type AccessRequestPart {
  requestId: ID!
  partnerId: ID!
  datasetIds: [ID!]!
  "References to the datasets, resolved by their partner."
  datasets: [Dataset!]!
  status: PartStatus!
  decision: Decision
  appeal: Appeal
  withdrawnAt: DateTime
  "When a decision is due: the decision deadline after the request."
  decisionDueAt: DateTime!
  "Still pending after its deadline: the board sees it among overdueAccessRequests."
  overdue: Boolean!
  "Grants made for this part."
  grants: [AccessGrant!]!
  request: AccessRequest!
}

type Decision {
  "The subject of the steward or board member, or auto:trusted-organisation."
  by: ID!
  at: DateTime!
  outcome: DecisionOutcome!
  reason: String!
  "The version of the consortium's access policies in force (the index's policy { version })."
  policyVersion: String!
  "On approval: the longest grant made, in days, after each dataset's cap; each grant's expiresAt says its end."
  grantDays: Int
}

type Appeal {
  statement: String!
  at: DateTime!
  "The board's decision, final."
  decision: Decision
}

type AccessRequestPartPage {
  items: [AccessRequestPart!]!
  "Pass as \`after\` for the next page; null at the end."
  endCursor: String
  hasNextPage: Boolean!
}

type AccessGrant {
  id: ID!
  datasetId: ID!
  "A reference to the dataset, resolved by its partner; null when its partner is no longer in the catalog."
  dataset: Dataset
  partnerId: ID!
  grantee: Grantee!
  requestId: ID!
  grantedAt: DateTime!
  expiresAt: DateTime!
  "Licences the requester accepted: accepted for this dataset while the grant is active."
  acceptedTerms: [String!]!
  acceptedDuties: [String!]!
  revoked: Boolean!
  revocation: Revocation
  "Neither revoked nor expired."
  active: Boolean!
}

enum GranteeKind {
  PERSON
  ORGANISATION
}

type Grantee {
  kind: GranteeKind!
  "The person's subject or the organisation's id."
  id: ID!
}

type Revocation {
  by: ID!
  at: DateTime!
  reason: String!
}

type TrustedOrganisation {
  partnerId: ID!
  organisation: ID!
  dataClass: DataClass!
  by: ID!
  at: DateTime!
}

${AUDIT_TYPES}
type Suspension {
  grantee: Grantee!
  reason: String!
  by: ID!
  at: DateTime!
}
`);
}
