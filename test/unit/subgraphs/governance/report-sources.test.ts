import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../runtime/audit/audit-record.js';
import { InMemoryAuditLog } from '../../../../runtime/audit/in-memory-audit-log.js';
import type { ReportRecord } from '../../../../runtime/audit/reports/report-inputs.js';
import { loadReportSources, loadSampleSources, organisationsFirstSeen } from '../../../../subgraphs/governance/report-sources.js';
import type { AccessRequest, StoredGrant } from '../../../../subgraphs/governance/store/governance-store.js';
import { InMemoryGovernanceStore } from '../../../../subgraphs/governance/store/in-memory-governance-store.js';

// What the reports read (ARCHITECTURE.md "Audit"), from the in-memory governance store and audit
// log; the Redis ones are read the same way through the same interfaces (report-cli.test.ts).

function request(id: string, subject: string, organisation: string | null, createdAt: string, datasetId = `helix:${id}`): AccessRequest {
  return {
    id, requester: { subject, organisation },
    purpose: { category: 'health', diseaseId: null, genetic: false, commercial: false, ethicsApproval: true, project: null },
    projectTitle: 't', justification: 'j', acceptedDuties: [], acceptedTerms: [], createdAt,
    parts: [{ partnerId: 'helix', datasetIds: [datasetId], status: 'PENDING' }],
  };
}

function grant(id: string, requestId: string, grantedAt: string, expiresAt: string, organisation?: string): StoredGrant {
  return {
    id, datasetId: `helix:${requestId}`, partnerId: 'helix', requestId, grantedAt, expiresAt: Date.parse(expiresAt), acceptedTerms: [], acceptedDuties: [],
    grantee: organisation === undefined ? { kind: 'person', subject: 'ada' } : { kind: 'organisation', organisation },
  };
}

function entry(at: string, organisation: string | null = 'uni-alpha'): AuditEntry {
  return {
    at, action: 'read', subject: 'ada', organisation, purpose: 'health', partnerIds: ['helix'], datasetIds: ['helix:r1'],
    fields: [{ field: 'HelixDataset.sampleRecords', datasetIds: ['helix:r1'], outcome: 'allow' }],
    policyVersion: 'policy-7', mode: 'enforce', clientName: 'notebook', requestId: 'q', detail: { note: 'not for reports' },
  };
}

const record = (organisation: string | null, at: string): ReportRecord => ({
  seq: 1, at, action: 'read', subject: 's', organisation, purpose: null, partnerIds: [], datasetIds: [], fields: [],
});

/** A store with requests r1..r<n> of ada, the first approved with one grant per `grants` entry. */
async function storeWith(count: number, grants: StoredGrant[] = []): Promise<InMemoryGovernanceStore> {
  const store = new InMemoryGovernanceStore();
  for (let i = 1; i <= count; i++) await store.createRequest(request(`r${i}`, `s${i}`, 'uni-alpha', new Date(Date.UTC(2026, 9, i)).toISOString()));
  const byRequest = new Map<string, StoredGrant[]>();
  for (const g of grants) byRequest.set(g.requestId, [...(byRequest.get(g.requestId) ?? []), g]);
  for (const [requestId, approved] of byRequest) {
    const decision = { by: 'steward', at: '2026-10-01T00:00:00Z', outcome: 'APPROVE' as const, reason: 'ok', policyVersion: 'p' };
    expect(await store.decide(requestId, 'helix', decision, approved)).toMatchObject({ ok: true });
  }
  return store;
}

describe('loadReportSources', () => {
  it('reads every request and grant page by page, and the period\'s records without what no report reads', async () => {
    const store = await storeWith(7, [grant('g1', 'r2', '2026-10-02T00:00:00Z', '2027-01-01T00:00:00Z')]);
    const audit = new InMemoryAuditLog();
    await audit.append(['2026-09-30T23:59:59.999Z', '2026-10-01T00:00:00Z', '2026-11-15T00:00:00Z', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00Z'].map((at) => entry(at)));
    const progress: number[] = [];
    const sources = await loadReportSources({ store, audit, period: '2026-Q4', pageSize: 2, onRecords: (read) => progress.push(read) });
    expect(sources.requests.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(sources.requests[1]!.parts[0]!.status).toBe('APPROVED');
    expect(sources.grants.map((g) => g.id)).toEqual(['g1']);
    expect(sources.records.map((r) => r.at)).toEqual(['2026-10-01T00:00:00Z', '2026-11-15T00:00:00Z', '2026-12-31T23:59:59.999Z']);
    expect(Object.keys(sources.records[0]!).sort()).toEqual(['action', 'at', 'datasetIds', 'fields', 'organisation', 'partnerIds', 'purpose', 'seq', 'subject']);
    expect(progress[progress.length - 1]).toBe(3);
  });

  it('refuses a period that is not one', async () => {
    await expect(loadReportSources({ store: new InMemoryGovernanceStore(), audit: new InMemoryAuditLog(), period: '2026-Q5' })).rejects.toThrow(/2026-Q5/);
  });
});

describe('loadSampleSources', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('reads records from the day the oldest grant still active was given up to now, now included', async () => {
    const store = await storeWith(3, [
      grant('g-expired', 'r1', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
      grant('g-oldest-active', 'r2', '2026-10-05T00:00:00Z', '2027-01-01T00:00:00Z'),
      grant('g-later', 'r3', '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z', 'biotech-beta'),
    ]);
    const audit = new InMemoryAuditLog();
    await audit.append(['2026-10-04T23:59:59Z', '2026-10-05T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00.001Z'].map((at) => entry(at)));
    const sources = await loadSampleSources({ store, audit, now });
    expect(sources.records.map((r) => r.at)).toEqual(['2026-10-05T00:00:00Z', '2026-12-01T00:00:00Z']);
    expect(sources.grants.map((g) => g.id)).toEqual(['g-expired', 'g-oldest-active', 'g-later']);
    expect(sources.requests).toHaveLength(3);
    expect(sources.organisationsFirstSeen).toEqual(new Map([['uni-alpha', '2026-10-01T00:00:00.000Z'], ['biotech-beta', '2026-11-01T00:00:00.000Z']]));
  });

  it('reads no records when no grant is active', async () => {
    const store = await storeWith(1, [grant('g-expired', 'r1', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
    const audit = new InMemoryAuditLog();
    await audit.append([entry('2026-11-01T00:00:00Z')]);
    expect((await loadSampleSources({ store, audit, now })).records).toEqual([]);
  });
});

describe('organisationsFirstSeen', () => {
  it.each([
    ['nothing', [], [], [], []],
    ['a requester\'s organisation at its request', [request('r1', 'ada', 'uni-alpha', '2026-03-01T00:00:00Z')], [], [], [['uni-alpha', '2026-03-01T00:00:00.000Z']]],
    ['no organisation for a requester without one', [request('r1', 'ada', null, '2026-03-01T00:00:00Z')], [], [], []],
    ['an organisation granted', [], [grant('g1', 'r1', '2026-02-01T00:00:00Z', '2027-01-01T00:00:00Z', 'biotech-beta')], [], [['biotech-beta', '2026-02-01T00:00:00.000Z']]],
    ['not the organisation of a person granted (their request says it)', [], [grant('g1', 'r1', '2026-02-01T00:00:00Z', '2027-01-01T00:00:00Z')], [], []],
    ['a reader\'s organisation', [], [], [record('clinic-gamma', '2026-05-01T00:00:00Z'), record(null, '2026-01-01T00:00:00Z')], [['clinic-gamma', '2026-05-01T00:00:00.000Z']]],
    [
      'the earliest of all, whatever the order read',
      [request('r2', 'bob', 'uni-alpha', '2026-06-01T00:00:00Z'), request('r1', 'ada', 'uni-alpha', '2026-04-01T01:00:00+01:00')],
      [grant('g1', 'r1', '2026-05-01T00:00:00Z', '2027-01-01T00:00:00Z', 'uni-alpha')],
      [record('uni-alpha', '2026-07-01T00:00:00Z')],
      [['uni-alpha', '2026-04-01T00:00:00.000Z']],
    ],
  ] as const)('%s', (_name, requests, grants, records, expected) => {
    expect(organisationsFirstSeen(requests, grants, records)).toEqual(new Map(expected));
  });
});
