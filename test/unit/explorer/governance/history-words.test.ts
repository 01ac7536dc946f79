import { describe, expect, it } from 'vitest';
import { eventReason, historyWords, type HistoryEvent } from '../../../../explorer/src/governance/history-words.js';

const event = (over: Partial<Omit<HistoryEvent, 'detail'>> & { detail?: Record<string, string | null> }): HistoryEvent => ({
  action: 'READ', outcome: 'DONE', subject: 'demo-analyst', datasetId: 'northbridge-hospital:ds-022', field: null, reason: null,
  ...over,
  detail: Object.entries(over.detail ?? {}).map(([key, value]) => ({ key, value })),
});

describe('an audit event in words', () => {
  it.each([
    { e: event({ action: 'READ', outcome: 'ALLOW', field: 'NorthbridgeDataset.sampleRecords' }), what: 'demo-analyst read NorthbridgeDataset.sampleRecords', why: null },
    { e: event({ action: 'READ', outcome: 'DENY', field: 'NorthbridgeDataset.sampleRecords', reason: 'NO_GRANT' }), what: 'demo-analyst was refused NorthbridgeDataset.sampleRecords', why: 'NO_GRANT' },
    { e: event({ action: 'READ', outcome: 'WOULD_DENY', field: 'T.f', reason: 'NO_GRANT' }), what: 'demo-analyst read T.f, which the policy would have refused', why: 'NO_GRANT' },
    { e: event({ action: 'REQUEST', detail: { accessRequest: 'request-1', requester: 'demo-analyst' } }), what: 'demo-analyst requested access (request-1)', why: null },
    { e: event({ action: 'WITHDRAWAL', detail: { accessRequest: 'request-1' } }), what: 'demo-analyst withdrew request-1', why: null },
    { e: event({ action: 'DECISION', subject: 'demo-steward', reason: 'APPROVE', detail: { accessRequest: 'request-1', reason: 'Within the DUA' } }), what: 'demo-steward approved request-1', why: 'Within the DUA' },
    { e: event({ action: 'DECISION', subject: 'demo-steward', reason: 'NEEDS_CHANGES', detail: { accessRequest: 'request-1', reason: 'Name the cohort' } }), what: 'demo-steward asked for changes to request-1', why: 'Name the cohort' },
    { e: event({ action: 'APPEAL', detail: { accessRequest: 'request-1' } }), what: 'demo-analyst appealed the decision on request-1 to the board', why: null },
    { e: event({ action: 'APPEAL_DECISION', subject: 'demo-board', reason: 'DENY', detail: { accessRequest: 'request-1', reason: 'Final' } }), what: 'The board (demo-board) denied the appeal on request-1', why: 'Final' },
    { e: event({ action: 'REVOCATION', subject: 'demo-steward', detail: { grant: 'grant-1', granteeKind: 'person', grantee: 'demo-analyst', reason: 'Project ended' } }), what: 'demo-steward revoked grant-1 of the person demo-analyst', why: 'Project ended' },
    { e: event({ action: 'SUSPENSION', subject: 'demo-board', datasetId: null, detail: { granteeKind: 'organisation', grantee: 'acme-analytics', reason: 'Breach' } }), what: 'demo-board suspended every grant of the organisation acme-analytics', why: 'Breach' },
    { e: event({ action: 'REINSTATEMENT', subject: 'demo-board', datasetId: null, detail: { granteeKind: 'person', grantee: 'demo-analyst' } }), what: 'demo-board reinstated the person demo-analyst', why: null },
    { e: event({ action: 'TRUST_CHANGE', subject: 'demo-steward', detail: { organisation: 'uni-leiden', dataClass: 'PROPRIETARY', trusted: 'true' } }), what: 'demo-steward trusted uni-leiden for PROPRIETARY data', why: null },
    { e: event({ action: 'TRUST_CHANGE', subject: 'demo-steward', detail: { organisation: 'uni-leiden', dataClass: 'PROPRIETARY', trusted: 'false' } }), what: 'demo-steward removed the trust mark of uni-leiden for PROPRIETARY data', why: null },
    { e: event({ action: 'DECISION', subject: 'auto:trusted-organisation', reason: 'APPROVE', detail: {} }), what: 'auto:trusted-organisation approved a request', why: null },
    { e: event({ action: 'POLICY_VERSION', subject: null, reason: 'v2' }), what: 'someone: policy version', why: 'v2' },
  ])('$e.action $e.outcome', ({ e, what, why }) => {
    expect(historyWords(e)).toEqual({ what, why });
  });
});

describe('the reason column of the audit view', () => {
  const detail = (entries: Record<string, string | null>) => Object.entries(entries).map(([key, value]) => ({ key, value }));
  it.each<[string, Pick<HistoryEvent, 'reason' | 'detail'>, string]>([
    ['a denied read: its reason code', { reason: 'NO_ACTIVE_GRANT', detail: [] }, 'NO_ACTIVE_GRANT'],
    ['a revocation: the words it was given', { reason: null, detail: detail({ grantee: 'demo-analyst', reason: 'Left the project' }) }, 'Left the project'],
    ['a decision: its outcome and its words', { reason: 'APPROVE', detail: detail({ outcome: 'APPROVE', reason: 'Within the DUA' }) }, 'APPROVE: Within the DUA'],
    ['a request: none', { reason: null, detail: detail({ requester: 'demo-analyst' }) }, ''],
    ['a reason in detail that is null', { reason: null, detail: detail({ reason: null }) }, ''],
  ])('%s', (_name, event, expected) => {
    expect(eventReason(event)).toBe(expected);
  });
});
