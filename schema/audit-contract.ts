// The audit views and reports of the governance subgraph (ARCHITECTURE.md "Audit"), part of its SDL
// (schema/governance-contract.ts). Events are the audit trail's records, one per guarded field and
// dataset of a read and one per dataset of a governance act, newest first.

export const AUDIT_MAX_PAGE_SIZE = 200;

/** What the trail records: a read of guarded fields, or a governance act. */
export const AUDIT_ACTIONS = [
  'read', 'request', 'withdrawal', 'decision', 'appeal', 'appeal-decision', 'revocation', 'trust-change', 'suspension', 'reinstatement', 'policy-version',
] as const;

/** The GraphQL enum value of each trail action: appeal-decision is APPEAL_DECISION. */
export const AUDIT_ACTION_ENUM: Readonly<Record<string, (typeof AUDIT_ACTIONS)[number]>> = Object.fromEntries(
  AUDIT_ACTIONS.map((action) => [action.toUpperCase().replace(/-/g, '_'), action]),
);
export const AUDIT_OUTCOME_ENUM = { ALLOW: 'allow', DENY: 'deny', WOULD_DENY: 'would-deny', DONE: 'done' } as const;

export const AUDIT_QUERY_FIELDS = `
  """
  The audit trail as events, newest first: for a partner's stewards, the events of their partner's
  datasets (and its trust marks); for the board (scope consortium:board), every event. \`first\` is at
  most ${AUDIT_MAX_PAGE_SIZE}. A page reads at most 50,000 records: a filter few events pass may end a
  page early, with hasNextPage and a cursor to go on from.
  """
  auditEvents(filter: AuditEventFilter, first: Int = 20, after: String): AuditEventPage!
  "The caller's own reads of guarded fields, requests, and the decisions, appeals and revocations concerning them, newest first."
  myAccessHistory(first: Int = 20, after: String): AuditEventPage!
  """
  A risk-weighted sample of active grants to review, for the board: the same seed draws the same
  sample from the same grants (README "Compliance monitoring" gives the weights).
  """
  complianceSample(size: Int!, seed: String): ComplianceSample!
  "Aggregate findings per partner for a period (2026, 2026-Q4 or 2026-11), fit to publish: no person and no organisation named. For the board."
  complianceReport(period: String!): ComplianceReport!
  "How one partner's datasets were used in a period: for that partner's stewards, and the board."
  providerReport(partnerId: ID!, period: String!): ProviderReport!
`;

export const AUDIT_TYPES = `
enum AuditAction {
  ${Object.keys(AUDIT_ACTION_ENUM).join('\n  ')}
}

enum AuditOutcome {
  ${Object.keys(AUDIT_OUTCOME_ENUM).join('\n  ')}
}

input AuditEventFilter {
  "The board: one partner's events. A steward of several partners: one of theirs."
  partnerId: ID
  datasetId: ID
  "The person who acted: the reader, the requester, the steward who decided."
  subject: ID
  organisation: ID
  action: AuditAction
  outcome: AuditOutcome
  "Inclusive."
  from: DateTime
  "Exclusive."
  to: DateTime
}

"One guarded field of one dataset in one operation, or one governance act on one dataset."
type AuditEvent {
  "The record's place in the chain."
  seq: Int!
  at: DateTime!
  subject: ID
  organisation: ID
  "The purpose category declared."
  purpose: String
  action: AuditAction!
  datasetId: ID
  "The schema coordinate of the field read (Type.field); null for a governance act."
  field: String
  "A read: ALLOW, DENY or WOULD_DENY (shadow mode). A governance act: DONE."
  outcome: AuditOutcome!
  "A denial's reason code; a decision's outcome (APPROVE, DENY, NEEDS_CHANGES)."
  reason: String
  policyVersion: String!
  "enforce or shadow, for reads."
  mode: String
  clientName: String
  "The HTTP request id of a read."
  requestId: String
  "What else the record says: the access request, the requester, a decision's words."
  detail: [AuditDetail!]!
  "SHA-256 of the record's canonical form."
  hash: String!
  "SHA-256 of the previous record's canonical form: the chain \`npm run audit -- verify\` walks."
  previousHash: String!
}

type AuditDetail {
  key: String!
  value: String
}

type AuditEventPage {
  items: [AuditEvent!]!
  "Pass as \`after\` for the next page; null at the end."
  endCursor: String
  hasNextPage: Boolean!
  "Records of the trail read for this page."
  scannedRecords: Int!
}

type Count {
  key: String!
  count: Int!
}

type ReportPeriod {
  label: String!
  from: DateTime!
  "Exclusive."
  to: DateTime!
}

type ComplianceSample {
  seed: String!
  at: DateTime!
  "Active grants the sample was drawn from."
  population: Int!
  grants: [SampledGrant!]!
}

type SampledGrant {
  grantId: ID!
  datasetId: ID!
  partnerId: ID!
  grantee: Grantee!
  expiresAt: DateTime!
  "The product of the risk factors."
  weight: Float!
  "Why it weighs what it weighs."
  reasons: [String!]!
}

type AppealFindings {
  lodged: Int!
  approved: Int!
  denied: Int!
  needsChanges: Int!
  pendingAtEnd: Int!
}

type PartnerFindings {
  "Null in the total over every partner."
  partnerId: ID
  received: Int!
  decided: Int!
  approved: Int!
  denied: Int!
  needsChanges: Int!
  approvedByTrust: Int!
  withdrawn: Int!
  overdue: Int!
  medianDecisionDays: Float
  "The partner's denials of requests, by category."
  denialsByReason: [Count!]!
  "Denied reads of the partner's datasets, by reason code."
  accessDenialsByReason: [Count!]!
  appeals: AppealFindings!
  revocations: Int!
  activeGrantsAtEnd: Int!
  organisationsWithActiveGrants: Int!
}

type ComplianceReport {
  period: ReportPeriod!
  deadlineDays: Int!
  partners: [PartnerFindings!]!
  total: PartnerFindings!
  "The report as Markdown, as \`npm run report -- compliance\` writes it (its chart is \`svg\`)."
  markdown: String!
  svg: String!
}

type DatasetUse {
  datasetId: ID!
  reads: Int!
  organisations: Int!
  licences: [Count!]!
  purposeCategories: [Count!]!
  readsOverTime: [Int!]!
}

type ProviderReport {
  partnerId: ID!
  period: ReportPeriod!
  "week or month"
  bucket: String!
  "The first day of each bucket."
  buckets: [String!]!
  datasets: [DatasetUse!]!
  readsOverTime: [Int!]!
  dutiesAccepted: [Count!]!
  grantsGiven: Int!
  organisationsGranted: Int!
  markdown: String!
  svg: String!
}
`;
