import type { AuditAction, AuditEntry } from '../../../runtime/audit/audit-record.js';
import type { Grantee } from '../../../runtime/governance/grant-keys.js';
import type { AccessRequest, Decision, StoredGrant, Suspension, TrustMark } from '../store/governance-store.js';

// What the audit trail records of each governance act (ARCHITECTURE.md "Audit"): who acted, on
// which partner's datasets, and what they decided. The act's own words (a justification, an appeal's
// statement) stay in the governance store; a decision's or revocation's reason is recorded, since it
// is the decision an auditor checks. The subject is always the person who acted; the person acted
// upon is in `detail` (requester, grantee), so a researcher's history finds decisions on their requests.

export interface Actor {
  /** The acting person's subject, or AUTO_TRUSTED for an automatic approval. */
  subject: string;
  /** Their verified organisation. */
  organisation: string | null;
}

export type GovernanceAct =
  | { action: 'request'; request: AccessRequest }
  | { action: 'withdrawal'; request: AccessRequest; partnerIds: readonly string[] }
  | { action: 'decision' | 'appeal-decision'; request: AccessRequest; partnerId: string; decision: Decision; grants: readonly StoredGrant[] }
  | { action: 'appeal'; request: AccessRequest; partnerId: string }
  | { action: 'revocation'; grant: StoredGrant; reason: string }
  | { action: 'trust-change'; mark: Omit<TrustMark, 'by' | 'at'>; trusted: boolean }
  | { action: 'suspension'; suspension: Suspension }
  | { action: 'reinstatement'; grantee: Grantee };

type Detail = AuditEntry['detail'];

export function governanceActEntry(act: GovernanceAct, actor: Actor, at: Date, policyVersion: string): AuditEntry {
  const scope = scopeOf(act);
  return {
    at: at.toISOString(),
    action: act.action satisfies AuditAction,
    subject: actor.subject,
    organisation: actor.organisation,
    purpose: 'request' in act ? act.request.purpose.category : null,
    partnerIds: scope.partnerIds,
    datasetIds: scope.datasetIds,
    fields: [],
    policyVersion,
    mode: null,
    clientName: null,
    requestId: null,
    detail: detailOf(act),
  };
}

function scopeOf(act: GovernanceAct): { partnerIds: string[]; datasetIds: string[] } {
  switch (act.action) {
    case 'request':
      return { partnerIds: act.request.parts.map((p) => p.partnerId), datasetIds: act.request.parts.flatMap((p) => p.datasetIds) };
    case 'withdrawal': {
      const parts = act.request.parts.filter((p) => act.partnerIds.includes(p.partnerId));
      return { partnerIds: parts.map((p) => p.partnerId), datasetIds: parts.flatMap((p) => p.datasetIds) };
    }
    case 'decision':
    case 'appeal-decision':
    case 'appeal': {
      const part = act.request.parts.find((p) => p.partnerId === act.partnerId);
      return { partnerIds: [act.partnerId], datasetIds: [...(part?.datasetIds ?? [])] };
    }
    case 'revocation':
      return { partnerIds: [act.grant.partnerId], datasetIds: [act.grant.datasetId] };
    case 'trust-change':
      return { partnerIds: [act.mark.partnerId], datasetIds: [] };
    case 'suspension':
    case 'reinstatement':
      // Consortium-wide: every partner's grants stop or resume; the board's view shows it.
      return { partnerIds: [], datasetIds: [] };
  }
}

function detailOf(act: GovernanceAct): Detail {
  switch (act.action) {
    case 'request':
      return { accessRequest: act.request.id, requester: act.request.requester.subject, parts: act.request.parts.length };
    case 'withdrawal':
      return { accessRequest: act.request.id, requester: act.request.requester.subject };
    case 'decision':
    case 'appeal-decision':
      return {
        accessRequest: act.request.id, requester: act.request.requester.subject, partnerId: act.partnerId,
        outcome: act.decision.outcome, reason: act.decision.reason, grants: act.grants.length, grantDays: act.decision.grantDays ?? null,
      };
    case 'appeal':
      return { accessRequest: act.request.id, requester: act.request.requester.subject, partnerId: act.partnerId };
    case 'revocation':
      return { grant: act.grant.id, accessRequest: act.grant.requestId, ...granteeDetail(act.grant.grantee), reason: act.reason };
    case 'trust-change':
      return { partnerId: act.mark.partnerId, organisation: act.mark.organisation, dataClass: act.mark.dataClass, trusted: act.trusted };
    case 'suspension':
      return { ...granteeDetail(act.suspension.grantee), reason: act.suspension.reason };
    case 'reinstatement':
      return granteeDetail(act.grantee);
  }
}

function granteeDetail(grantee: Grantee): Detail {
  return grantee.kind === 'person' ? { granteeKind: 'person', grantee: grantee.subject } : { granteeKind: 'organisation', grantee: grantee.organisation };
}
