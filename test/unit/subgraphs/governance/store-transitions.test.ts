import { describe, expect, it } from 'vitest';
import type { AccessRequest, Decision, StoredGrant } from '../../../../subgraphs/governance/store/governance-store.js';
import { checkGrants, checkNewRequest, decidePart, pendingDatasetsOf } from '../../../../subgraphs/governance/store/transitions.js';

// The rules both governance stores apply; the outcomes of each change are the contract suite's
// (test/integration/subgraphs/governance/governance-store.test.ts). Here: what the stores refuse
// to write at all, because only a caller's mistake could ask for it.

const request: AccessRequest = {
  id: 'r-1',
  requester: { subject: 'ada', organisation: null },
  purpose: { category: 'general', diseaseId: null, genetic: false, commercial: false, ethicsApproval: false, project: null },
  projectTitle: 't',
  justification: 'j',
  acceptedDuties: [],
  acceptedTerms: [],
  createdAt: '2026-01-01T00:00:00Z',
  parts: [
    { partnerId: 'helix', datasetIds: ['helix:ds-1', 'helix:ds-2'], status: 'PENDING' },
    { partnerId: 'north', datasetIds: ['north:ds-1'], status: 'PENDING' },
  ],
};
const approve: Decision = { by: 's', at: '2026-01-02T00:00:00Z', outcome: 'APPROVE', reason: 'r', policyVersion: 'v' };
const grant = (id: string, datasetId: string, extra: Partial<StoredGrant> = {}): StoredGrant => ({
  id, datasetId, partnerId: 'helix', grantee: { kind: 'person', subject: 'ada' }, requestId: 'r-1',
  grantedAt: '2026-01-02T00:00:00Z', expiresAt: 1_800_000_000_000, acceptedTerms: [], acceptedDuties: [], ...extra,
});

describe('a new request', () => {
  it('is accepted when all pending, one part per partner, each dataset once', () => {
    expect(() => checkNewRequest(request)).not.toThrow();
    expect(pendingDatasetsOf(request)).toEqual(['helix:ds-1', 'helix:ds-2', 'north:ds-1']);
  });

  it.each<[string, Partial<AccessRequest>]>([
    ['without an id', { id: '' }],
    ['without parts', { parts: [] }],
    ['with two parts for one partner', { parts: [request.parts[0]!, { ...request.parts[1]!, partnerId: 'helix' }] }],
    ['naming a dataset twice', { parts: [request.parts[0]!, { ...request.parts[1]!, datasetIds: ['helix:ds-2'] }] }],
    ['with a part decided already', { parts: [{ ...request.parts[0]!, status: 'APPROVED' }] }],
    ['with a part naming no dataset', { parts: [{ ...request.parts[0]!, datasetIds: [] }] }],
    ['created at no time', { createdAt: 'soon' }],
  ])('is refused %s', (_name, change) => {
    expect(() => checkNewRequest({ ...request, ...change })).toThrow(TypeError);
  });
});

describe('grants written with a decision', () => {
  const part = request.parts[0]!;

  it('may be one per dataset of the approved part', () => {
    expect(() => checkGrants(request, part, approve, [grant('g-1', 'helix:ds-1'), grant('g-2', 'helix:ds-2')])).not.toThrow();
  });

  it.each<[string, Decision, StoredGrant[]]>([
    ['with a denial', { ...approve, outcome: 'DENY' }, [grant('g-1', 'helix:ds-1')]],
    ['for a dataset of another part', approve, [grant('g-1', 'north:ds-1')]],
    ['for another request', approve, [grant('g-1', 'helix:ds-1', { requestId: 'r-2' })]],
    ['for another partner', approve, [grant('g-1', 'helix:ds-1', { partnerId: 'north' })]],
    ['sharing an id', approve, [grant('g-1', 'helix:ds-1'), grant('g-1', 'helix:ds-2')]],
    ['twice for one dataset and grantee', approve, [grant('g-1', 'helix:ds-1'), grant('g-2', 'helix:ds-1')]],
    ['revoked already', approve, [grant('g-1', 'helix:ds-1', { revoked: { by: 'b', at: '2026-01-02T00:00:00Z', reason: 'r' } })]],
    ['granted at no time', approve, [grant('g-1', 'helix:ds-1', { grantedAt: '' })]],
  ])('are refused %s', (_name, decision, grants) => {
    expect(() => checkGrants(request, part, decision, grants)).toThrow(TypeError);
  });

  it('are checked only once the part is found pending: a conflict is reported, not thrown', () => {
    const decided = { ...request, parts: [{ ...part, status: 'DENIED' as const }] };
    expect(decidePart(decided, 'r-1', 'helix', approve, [grant('g-1', 'north:ds-1')])).toMatchObject({ ok: false, conflict: 'NOT_PENDING' });
  });
});
