// The GraphQL operations the explorer sends to /graphql, as in README "Search", "Governance" and "Audit".

const FACETS = 'facets { partners { value count } dataClasses { value count } licences { value count } useConditions { value count } themes { value count } years { value count } keywords { value count } }';

export const SEARCH = `query ExplorerSearch($q: String!, $filter: DatasetFilter, $sort: SearchSort, $after: String, $usableBy: UsableBy, $first: Int) {
  search(query: $q, filter: $filter, sort: $sort, first: $first, after: $after, usableBy: $usableBy) {
    totalCount
    edges { cursor node { id title description issued publisher { id name } dataClass licence { id name } useConditions { code label diseaseId months } } }
    pageInfo { hasNextPage endCursor }
    ${FACETS}
  }
}`;

/** One alias per facet value whose label is not known yet, each reading one matching dataset's partner or licence name. */
export function facetLabelsQuery(partners: readonly string[], licences: readonly string[]): { query: string; variables: Record<string, string[]> } {
  const variables: Record<string, string[]> = {};
  const declarations: string[] = [];
  const fields: string[] = [];
  partners.forEach((id, i) => {
    variables[`p${i}`] = [id];
    declarations.push(`$p${i}: [ID!]`);
    fields.push(`p${i}: search(first: 1, filter: { partners: $p${i} }) { edges { node { id publisher { id name } } } }`);
  });
  licences.forEach((id, i) => {
    variables[`l${i}`] = [id];
    declarations.push(`$l${i}: [String!]`);
    fields.push(`l${i}: search(first: 1, filter: { licences: $l${i} }) { edges { node { id licence { id name } } } }`);
  });
  return { query: `query ExplorerFacetLabels(${declarations.join(', ')}) { ${fields.join(' ')} }`, variables };
}

export const DATASET = `query ExplorerDataset($id: ID!) {
  dataset(id: $id) {
    id title description keywords themes language version issued modified provenance conformsTo landingPage embargoUntil
    accrualPeriodicity temporalResolution versionNotes isVersionOf previousVersion
    publisher { id name kind country homepage }
    contactPoint { name email }
    temporalCoverage { start end }
    spatialCoverage { name countries }
    dataClass
    licence { id name url commercialUse attributionRequired fieldsOfUse maxDurationMonths royalty { ratePercent basis minimumAnnualFee currency } }
    useConditions { code termId label diseaseId regions allowed months until }
    identifiers { value scheme }
    creators { name kind }
    qualifiedAttributions { agent { name } role }
    inSeries { id title }
    translations { language title }
    distributions {
      id title mediaType format byteSize rights accessUrl downloadUrl
      licence { id name }
      checksums { algorithm value }
      accessService { title endpointUrl endpointDescription }
    }
    dataDictionary { name type unit description }
    qualityReport { completeness recordCount validatedAt notes }
    sampleRecords
    retention { retainUntil deletionDue basis }
  }
}`;

export const REQUEST_ACCESS = `mutation ExplorerRequestAccess($input: RequestAccessInput!) {
  requestAccess(input: $input) { id parts { partnerId status } }
}`;

const PART = `requestId partnerId datasetIds status decisionDueAt overdue withdrawnAt
  decision { by at outcome reason grantDays }
  appeal { statement at decision { by at outcome reason } }
  grants { id datasetId expiresAt active revoked revocation { by at reason } }`;

export const MY_REQUESTS = `query ExplorerMyRequests {
  myAccessRequests { id projectTitle createdAt acceptedDuties acceptedTerms parts { ${PART} } }
}`;

export const WITHDRAW = `mutation ExplorerWithdraw($requestId: ID!) { withdrawAccessRequest(requestId: $requestId) { id } }`;

export const APPEAL = `mutation ExplorerAppeal($requestId: ID!, $partnerId: ID!, $statement: String!) {
  appeal(requestId: $requestId, partnerId: $partnerId, statement: $statement) { requestId status }
}`;

const PART_WITH_REQUEST = `${PART}
  request { id projectTitle justification acceptedDuties acceptedTerms createdAt requester { subject organisation } purpose { category commercial ethicsApproval diseaseId } }`;

export const STEWARD_INBOX = `query ExplorerInbox($partnerId: ID!, $status: PartStatus, $after: String) {
  accessRequests(partnerId: $partnerId, status: $status, first: 20, after: $after) { items { ${PART_WITH_REQUEST} } endCursor hasNextPage }
}`;

export const DECIDE = `mutation ExplorerDecide($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!, $reason: String!, $grantDays: Int) {
  decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: $reason, grantDays: $grantDays) { requestId status grants { id expiresAt } }
}`;

export const BOARD_QUEUES = `query ExplorerBoard {
  overdueAccessRequests(first: 50) { items { ${PART_WITH_REQUEST} } hasNextPage }
  appeals(first: 50) { items { ${PART_WITH_REQUEST} } hasNextPage }
}`;

export const DECIDE_APPEAL = `mutation ExplorerDecideAppeal($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!, $reason: String!, $grantDays: Int) {
  decideAppeal(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: $reason, grantDays: $grantDays) { requestId status }
}`;

export const AUDIT_EVENTS = `query ExplorerAudit($filter: AuditEventFilter, $after: String) {
  auditEvents(filter: $filter, first: 50, after: $after) {
    items { seq at subject organisation action datasetId field outcome reason detail { key value } }
    endCursor hasNextPage scannedRecords
  }
}`;

const GRANT = `id datasetId partnerId grantee { kind id } requestId grantedAt expiresAt acceptedTerms acceptedDuties active revoked revocation { by at reason }`;

const EVENT = 'seq at subject organisation action datasetId field outcome reason detail { key value }';

export const MY_GRANTS = `query ExplorerMyGrants { myGrants { ${GRANT} } }`;

export const MY_ACCESS_HISTORY = `query ExplorerMyAccessHistory($after: String) {
  myAccessHistory(first: 25, after: $after) { items { ${EVENT} } endCursor hasNextPage }
}`;

export const REVOKE_GRANT = `mutation ExplorerRevokeGrant($grantId: ID!, $reason: String!) { revokeGrant(grantId: $grantId, reason: $reason) { ${GRANT} } }`;

export const TRUSTED_ORGANISATIONS = `query ExplorerTrusted($partnerId: ID!) {
  trustedOrganisations(partnerId: $partnerId) { partnerId organisation dataClass by at }
}`;

export const TRUST_ORGANISATION = `mutation ExplorerTrust($partnerId: ID!, $organisation: ID!, $dataClass: DataClass!) {
  trustOrganisation(partnerId: $partnerId, organisation: $organisation, dataClass: $dataClass) { partnerId organisation dataClass by at }
}`;

export const UNTRUST_ORGANISATION = `mutation ExplorerUntrust($partnerId: ID!, $organisation: ID!, $dataClass: DataClass!) {
  untrustOrganisation(partnerId: $partnerId, organisation: $organisation, dataClass: $dataClass)
}`;

export const SUSPEND_ACCESS = `mutation ExplorerSuspend($subject: ID, $organisation: ID, $reason: String!) {
  suspendAccess(subject: $subject, organisation: $organisation, reason: $reason) { grantee { kind id } reason by at }
}`;

export const REINSTATE_ACCESS = `mutation ExplorerReinstate($subject: ID, $organisation: ID) { reinstateAccess(subject: $subject, organisation: $organisation) }`;

/** No query lists suspensions: the board reads them, and their lifting, from the audit trail. */
export const SUSPENSION_EVENTS = `query ExplorerSuspensionEvents {
  suspensions: auditEvents(filter: { action: SUSPENSION }, first: 20) { items { ${EVENT} } hasNextPage }
  reinstatements: auditEvents(filter: { action: REINSTATEMENT }, first: 20) { items { ${EVENT} } hasNextPage }
}`;

export const COMPLIANCE_SAMPLE = `query ExplorerComplianceSample($size: Int!, $seed: String) {
  complianceSample(size: $size, seed: $seed) {
    seed at population
    grants { grantId datasetId partnerId grantee { kind id } expiresAt weight reasons }
  }
}`;
