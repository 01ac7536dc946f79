import type { AuditRecord } from '../audit-record.js';

// What the reports read, declared here by shape only: runtime/ never imports the governance
// subgraph (ARCHITECTURE.md "Dependency direction"), and the governance store's requests and
// grants (subgraphs/governance/store/governance-store.ts) fit these shapes as they are.

export type ReportGrantee = { kind: 'person'; subject: string } | { kind: 'organisation'; organisation: string };

export interface ReportDecision {
  by: string;
  /** ISO 8601. */
  at: string;
  outcome: 'APPROVE' | 'DENY' | 'NEEDS_CHANGES';
  /** Free text: never copied into a report, only sorted into a category (compliance-report.ts). */
  reason: string;
}

export interface ReportPart {
  partnerId: string;
  datasetIds: readonly string[];
  status: string;
  decision?: ReportDecision;
  appeal?: { at: string; decision?: ReportDecision };
  withdrawnAt?: string;
}

export interface ReportRequest {
  id: string;
  requester: { subject: string; organisation: string | null };
  purpose: { category: string };
  /** ISO 8601. */
  createdAt: string;
  parts: readonly ReportPart[];
}

export interface ReportGrant {
  id: string;
  datasetId: string;
  partnerId: string;
  grantee: ReportGrantee;
  requestId: string;
  /** ISO 8601. */
  grantedAt: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  acceptedTerms: readonly string[];
  acceptedDuties: readonly string[];
  revoked?: { at: string };
}

export type ReportRecord = Pick<AuditRecord, 'seq' | 'at' | 'action' | 'subject' | 'organisation' | 'purpose' | 'partnerIds' | 'datasetIds' | 'fields'>;

/** Whether the grant let its grantee in at that instant: given, not yet expired, not revoked. */
export function grantActiveAt(grant: ReportGrant, at: number): boolean {
  if (Date.parse(grant.grantedAt) > at || grant.expiresAt <= at) return false;
  return grant.revoked === undefined || Date.parse(grant.revoked.at) > at;
}

/** Whether a read record is the grantee's: the person themselves, or anyone of the organisation granted. */
export function readBy(record: ReportRecord, grantee: ReportGrantee): boolean {
  return grantee.kind === 'person' ? record.subject === grantee.subject : record.organisation === grantee.organisation;
}

/** Whether a read record was allowed at least one guarded field of the dataset. */
export function allowedRead(record: ReportRecord, datasetId: string): boolean {
  return record.action === 'read' && record.fields.some((f) => f.outcome === 'allow' && f.datasetIds.includes(datasetId));
}
