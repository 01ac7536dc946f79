import { describe, expect, it } from 'vitest';
import { governanceActEntry, type GovernanceAct } from '../../../../../subgraphs/governance/audit/governance-act-entries.js';
import type { AccessRequest, StoredGrant } from '../../../../../subgraphs/governance/store/governance-store.js';

// What the trail records of each governance act (ARCHITECTURE.md "Audit"): the partners and datasets
// it concerned, and the detail an auditor needs, never a justification or an appeal's words.

const REQUEST: AccessRequest = {
  id: 'request-1',
  requester: { subject: 'ada', organisation: 'uni' },
  purpose: { category: 'health', diseaseId: null, genetic: false, commercial: false, ethicsApproval: true, project: null },
  projectTitle: 'Sleep', justification: 'SECRET JUSTIFICATION', acceptedDuties: [], acceptedTerms: [], createdAt: '2026-11-01T00:00:00Z',
  parts: [
    { partnerId: 'acme', datasetIds: ['acme:1', 'acme:2'], status: 'PENDING' },
    { partnerId: 'beta', datasetIds: ['beta:1'], status: 'WITHDRAWN', appeal: { statement: 'SECRET STATEMENT', at: '2026-11-02T00:00:00Z' } },
  ],
};
const GRANT: StoredGrant = {
  id: 'grant-1', datasetId: 'acme:1', partnerId: 'acme', grantee: { kind: 'person', subject: 'ada' }, requestId: 'request-1',
  grantedAt: '2026-11-03T00:00:00Z', expiresAt: 0, acceptedTerms: [], acceptedDuties: [],
};
const DECISION = { by: 'steward', at: '2026-11-03T00:00:00Z', outcome: 'APPROVE' as const, reason: 'Fine', policyVersion: '1.0.0', grantDays: 30 };

describe('governanceActEntry', () => {
  it.each<{ act: GovernanceAct; partners: string[]; datasets: string[]; detail: Record<string, unknown>; purpose: string | null }>([
    { act: { action: 'request', request: REQUEST }, partners: ['acme', 'beta'], datasets: ['acme:1', 'acme:2', 'beta:1'], detail: { accessRequest: 'request-1', requester: 'ada', parts: 2 }, purpose: 'health' },
    { act: { action: 'withdrawal', request: REQUEST, partnerIds: ['beta'] }, partners: ['beta'], datasets: ['beta:1'], detail: { accessRequest: 'request-1', requester: 'ada' }, purpose: 'health' },
    { act: { action: 'decision', request: REQUEST, partnerId: 'acme', decision: DECISION, grants: [GRANT] }, partners: ['acme'], datasets: ['acme:1', 'acme:2'], detail: { outcome: 'APPROVE', reason: 'Fine', grants: 1, grantDays: 30, partnerId: 'acme' }, purpose: 'health' },
    { act: { action: 'appeal', request: REQUEST, partnerId: 'beta' }, partners: ['beta'], datasets: ['beta:1'], detail: { accessRequest: 'request-1', requester: 'ada', partnerId: 'beta' }, purpose: 'health' },
    { act: { action: 'revocation', grant: GRANT, reason: 'Ended' }, partners: ['acme'], datasets: ['acme:1'], detail: { grant: 'grant-1', granteeKind: 'person', grantee: 'ada', reason: 'Ended' }, purpose: null },
    { act: { action: 'trust-change', mark: { partnerId: 'acme', organisation: 'uni', dataClass: 'PROPRIETARY' }, trusted: false }, partners: ['acme'], datasets: [], detail: { organisation: 'uni', trusted: false }, purpose: null },
    { act: { action: 'suspension', suspension: { grantee: { kind: 'organisation', organisation: 'uni' }, reason: 'Breach', by: 'b', at: '' } }, partners: [], datasets: [], detail: { granteeKind: 'organisation', grantee: 'uni', reason: 'Breach' }, purpose: null },
    { act: { action: 'reinstatement', grantee: { kind: 'person', subject: 'ada' } }, partners: [], datasets: [], detail: { granteeKind: 'person', grantee: 'ada' }, purpose: null },
  ])('$act.action', ({ act, partners, datasets, detail, purpose }) => {
    const entry = governanceActEntry(act, { subject: 'actor', organisation: 'org' }, new Date('2026-11-05T00:00:00Z'), '1.2.3');
    expect(entry).toMatchObject({ action: act.action, subject: 'actor', organisation: 'org', at: '2026-11-05T00:00:00.000Z', policyVersion: '1.2.3', fields: [], purpose });
    expect([entry.partnerIds, entry.datasetIds]).toEqual([partners, datasets]);
    expect(entry.detail).toMatchObject(detail);
    expect(JSON.stringify(entry)).not.toMatch(/SECRET/);
  });
});
