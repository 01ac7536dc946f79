// The shapes of the explorer's operations' answers (graphql/operations.ts), after the API schema.

export interface FacetCount { value: string; count: number }

export interface UseConditionView { code: string; label: string; diseaseId?: string | null; months?: number | null }

export interface SearchHit {
  id: string;
  title: string;
  description: string;
  issued: string;
  publisher: { id: string; name: string };
  dataClass: string;
  licence: { id: string; name: string };
  useConditions: UseConditionView[];
}

export interface SearchResult {
  search: {
    totalCount: number;
    edges: { cursor: string; node: SearchHit | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<string, FacetCount[]>;
  };
}

export interface Decision { by: string; at: string; outcome: string; reason: string; grantDays?: number | null }

export interface Revocation { by: string; at: string; reason: string }

export interface PartGrant { id: string; datasetId: string; expiresAt: string; active: boolean; revoked: boolean; revocation: Revocation | null }

export interface RequestPart {
  requestId: string;
  partnerId: string;
  datasetIds: string[];
  status: string;
  decisionDueAt: string;
  overdue: boolean;
  withdrawnAt: string | null;
  decision: Decision | null;
  appeal: { statement: string; at: string; decision: Decision | null } | null;
  grants: PartGrant[];
  request?: {
    id: string;
    projectTitle: string;
    justification: string;
    acceptedDuties: string[];
    acceptedTerms: string[];
    createdAt: string;
    requester: { subject: string; organisation: string | null };
    purpose: { category: string; commercial: boolean; ethicsApproval: boolean; diseaseId: string | null };
  };
}

export interface MyRequestsResult {
  myAccessRequests: { id: string; projectTitle: string; createdAt: string; acceptedDuties: string[]; acceptedTerms: string[]; parts: RequestPart[] }[];
}

export interface PartPage { items: RequestPart[]; endCursor?: string | null; hasNextPage: boolean }

export interface AuditEventView {
  seq: number;
  at: string;
  subject: string | null;
  organisation: string | null;
  action: string;
  datasetId: string | null;
  field: string | null;
  outcome: string;
  reason: string | null;
  detail: readonly { key: string; value: string | null }[];
}

export interface Grantee { kind: 'PERSON' | 'ORGANISATION'; id: string }

export interface AccessGrantView {
  id: string;
  datasetId: string;
  partnerId: string;
  grantee: Grantee;
  requestId: string;
  grantedAt: string;
  expiresAt: string;
  acceptedTerms: string[];
  acceptedDuties: string[];
  active: boolean;
  revoked: boolean;
  revocation: Revocation | null;
}

export interface HistoryEventView extends AuditEventView {
  detail: { key: string; value: string | null }[];
}

export interface EventPage<T> { items: T[]; endCursor?: string | null; hasNextPage: boolean }

export interface TrustMarkView { partnerId: string; organisation: string; dataClass: string; by: string; at: string }

export interface SuspensionView { grantee: Grantee; reason: string; by: string; at: string }

export interface ComplianceSampleView {
  seed: string;
  at: string;
  population: number;
  grants: { grantId: string; datasetId: string; partnerId: string; grantee: Grantee; expiresAt: string; weight: number; reasons: string[] }[];
}
