import type { AuditRecord, AuditedField } from '../../../../../runtime/audit/audit-record.js';
import type { ReportGrant, ReportPart, ReportRecord, ReportRequest } from '../../../../../runtime/audit/reports/report-inputs.js';

// A small consortium history with known answers, for the report tests. Two partners (Northbridge
// Hospital, Helix Therapeutics), three datasets, eight requests, five grants and a dozen reads, spread
// around the fourth quarter of 2026. The expected figures are worked out by hand in the tests.

export const NORTHBRIDGE = 'northbridge-hospital';
export const HELIX = 'helix-therapeutics';
export const N1 = `${NORTHBRIDGE}:ds-001`;
export const N2 = `${NORTHBRIDGE}:ds-002`;
export const H4 = `${HELIX}:ds-004`;

export const DATA_CLASSES = new Map([[N1, 'PARTNER_SHARED'], [N2, 'ANONYMIZED'], [H4, 'PROPRIETARY']]);

/** Requesters and the organisations they act for: none of these may appear in a published report. */
export const PEOPLE = {
  ada: { subject: 'ada-5f1c2e', organisation: 'uni-alpha' },
  bob: { subject: 'bob-77ab90', organisation: 'biotech-beta' },
  grace: { subject: 'grace.hopper@clinic-gamma.example', organisation: 'clinic-gamma' },
  carl: { subject: 'carl-0d4e11', organisation: 'uni-alpha' },
  dora: { subject: 'dora-c3a8f2', organisation: 'biotech-beta' },
} as const;
export const STEWARDS = ['steward-nb-19a', 'steward-hx-2b7', 'board-member-8c1'];
/** Free text written by people, which a report must never quote. */
export const FREE_TEXT = ['commercial use only', 'The project Grace described is too broad', 'is trusted by'];

export const ORGANISATIONS_FIRST_SEEN = new Map([
  ['uni-alpha', '2025-01-01T00:00:00Z'],
  ['biotech-beta', '2026-11-01T00:00:00Z'],
  ['clinic-gamma', '2024-03-01T00:00:00Z'],
]);

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

function request(id: string, who: Person, createdAt: string, category: string, parts: ReportPart[]): ReportRequest {
  return { id, requester: { ...who }, purpose: { category }, createdAt, parts };
}

const decided = (by: string, at: string, outcome: 'APPROVE' | 'DENY' | 'NEEDS_CHANGES', reason: string) => ({ by, at, outcome, reason });

export const REQUESTS: ReportRequest[] = [
  request('r1', PEOPLE.ada, '2026-10-02T09:00:00Z', 'health', [
    { partnerId: NORTHBRIDGE, datasetIds: [N1], status: 'APPROVED', decision: decided(STEWARDS[0]!, '2026-10-06T09:00:00Z', 'APPROVE', 'fits the purpose') },
    {
      partnerId: HELIX, datasetIds: [H4], status: 'APPROVED',
      decision: decided(STEWARDS[1]!, '2026-10-12T09:00:00Z', 'DENY', 'PURPOSE_INCOMPATIBLE: commercial use only'),
      appeal: { at: '2026-10-15T09:00:00Z', decision: decided(STEWARDS[2]!, '2026-10-25T09:00:00Z', 'APPROVE', 'academic use is within the licence') },
    },
  ]),
  request('r2', PEOPLE.bob, '2026-10-20T10:00:00Z', 'disease', [
    { partnerId: NORTHBRIDGE, datasetIds: [N2], status: 'APPROVED', decision: decided('auto:trusted-organisation', '2026-10-20T10:00:00Z', 'APPROVE', 'biotech-beta is trusted by northbridge-hospital for ANONYMIZED data') },
  ]),
  request('r3', PEOPLE.grace, '2026-11-01T08:00:00Z', 'health', [
    {
      partnerId: HELIX, datasetIds: [H4], status: 'DENIED',
      decision: decided(STEWARDS[1]!, '2026-11-21T08:00:00Z', 'DENY', 'The project Grace described is too broad'),
      appeal: { at: '2026-11-25T08:00:00Z' },
    },
  ]),
  // Made before the quarter, never decided: its deadline (2026-10-14) falls in the quarter.
  request('r4', PEOPLE.carl, '2026-08-15T12:00:00Z', 'general', [{ partnerId: NORTHBRIDGE, datasetIds: [N1], status: 'PENDING' }]),
  // Made before the quarter, decided in it after its deadline (2026-10-31).
  request('r5', PEOPLE.dora, '2026-09-01T00:00:00Z', 'disease', [
    { partnerId: HELIX, datasetIds: [H4], status: 'APPROVED', decision: decided(STEWARDS[1]!, '2026-11-05T00:00:00Z', 'APPROVE', 'ok') },
  ]),
  request('r6', PEOPLE.ada, '2026-12-10T00:00:00Z', 'health', [
    { partnerId: NORTHBRIDGE, datasetIds: [N2], status: 'WITHDRAWN', withdrawnAt: '2026-12-12T00:00:00Z' },
  ]),
  // Pending at the end of the quarter, its deadline in the next one.
  request('r7', PEOPLE.bob, '2026-12-20T00:00:00Z', 'disease', [{ partnerId: HELIX, datasetIds: [H4], status: 'PENDING' }]),
  request('r8', PEOPLE.carl, '2026-10-05T00:00:00Z', 'general', [
    { partnerId: NORTHBRIDGE, datasetIds: [N1], status: 'NEEDS_CHANGES', decision: decided(STEWARDS[0]!, '2026-10-07T00:00:00Z', 'NEEDS_CHANGES', 'add the ethics approval') },
  ]),
];

const ms = (iso: string) => Date.parse(iso);

export const GRANTS: ReportGrant[] = [
  { id: 'g1', datasetId: N1, partnerId: NORTHBRIDGE, grantee: { kind: 'person', subject: PEOPLE.ada.subject }, requestId: 'r1', grantedAt: '2026-10-06T09:00:00Z', expiresAt: ms('2027-04-06T00:00:00Z'), acceptedTerms: ['NUH-DUA-1.0'], acceptedDuties: ['PUB'] },
  { id: 'g2', datasetId: H4, partnerId: HELIX, grantee: { kind: 'person', subject: PEOPLE.ada.subject }, requestId: 'r1', grantedAt: '2026-10-25T09:00:00Z', expiresAt: ms('2027-01-10T00:00:00Z'), acceptedTerms: ['HELIX-LIC-2'], acceptedDuties: ['PUB', 'COL'] },
  { id: 'g3', datasetId: N2, partnerId: NORTHBRIDGE, grantee: { kind: 'organisation', organisation: 'biotech-beta' }, requestId: 'r2', grantedAt: '2026-10-20T10:00:00Z', expiresAt: ms('2027-10-20T00:00:00Z'), acceptedTerms: [], acceptedDuties: ['COL'], revoked: { at: '2026-12-01T00:00:00Z' } },
  { id: 'g4', datasetId: H4, partnerId: HELIX, grantee: { kind: 'person', subject: PEOPLE.dora.subject }, requestId: 'r5', grantedAt: '2026-11-05T00:00:00Z', expiresAt: ms('2027-05-05T00:00:00Z'), acceptedTerms: ['HELIX-LIC-2'], acceptedDuties: ['PUB'] },
  // Given before the quarter to a whole organisation, expired in it.
  { id: 'g5', datasetId: N1, partnerId: NORTHBRIDGE, grantee: { kind: 'organisation', organisation: 'clinic-gamma' }, requestId: 'r0', grantedAt: '2026-06-01T00:00:00Z', expiresAt: ms('2026-11-30T00:00:00Z'), acceptedTerms: ['NUH-DUA-1.0'], acceptedDuties: [] },
];

let seq = 0;

export function read(who: Person, at: string, purpose: string | null, fields: AuditedField[]): AuditRecord {
  seq += 1;
  const datasetIds = [...new Set(fields.flatMap((f) => f.datasetIds))];
  return {
    seq, at, action: 'read', subject: who.subject, organisation: who.organisation, purpose,
    partnerIds: [...new Set(datasetIds.map((d) => d.split(':')[0]!))], datasetIds, fields,
    policyVersion: '2026.4', mode: 'enforce', clientName: 'notebook', requestId: `op-${seq}`,
    detail: {}, previousHash: '0'.repeat(64), hash: seq.toString(16).padStart(64, '0'),
  };
}

const allow = (datasetId: string, field = 'Dataset.sampleRecords'): AuditedField => ({ field, datasetIds: [datasetId], outcome: 'allow' });
const deny = (datasetId: string | null, reason: string, field = 'Dataset.sampleRecords'): AuditedField => ({ field, datasetIds: datasetId === null ? [] : [datasetId], outcome: 'deny', reason });

export const RECORDS: ReportRecord[] = [
  // Before the quarter: in the year's figures only.
  read(PEOPLE.ada, '2026-09-20T10:00:00Z', 'health', [allow(N1)]),
  read(PEOPLE.ada, '2026-10-10T10:00:00Z', 'health', [allow(N1), allow(N1, 'Dataset.variants')]),
  read(PEOPLE.ada, '2026-10-12T10:00:00Z', 'health', [allow(N1)]),
  read(PEOPLE.ada, '2026-11-03T10:00:00Z', 'health', [allow(N1)]),
  read(PEOPLE.ada, '2026-10-26T10:00:00Z', 'health', [allow(H4)]),
  read(PEOPLE.ada, '2026-10-27T10:00:00Z', 'health', [allow(H4)]),
  read(PEOPLE.ada, '2026-11-10T10:00:00Z', 'health', [allow(H4)]),
  read(PEOPLE.ada, '2026-12-01T10:00:00Z', 'health', [allow(H4)]),
  read(PEOPLE.ada, '2026-12-02T10:00:00Z', 'health', [allow(H4)]),
  read(PEOPLE.dora, '2026-11-06T10:00:00Z', 'disease:MONDO:0005148', [allow(H4)]),
  // Two denied fields, one reason: one denial.
  read(PEOPLE.bob, '2026-12-21T10:00:00Z', 'disease:MONDO:0005148', [deny(H4, 'NO_ACTIVE_GRANT'), deny(H4, 'NO_ACTIVE_GRANT', 'Dataset.variants')]),
  read(PEOPLE.grace, '2026-11-02T10:00:00Z', 'health', [deny(N2, 'LICENCE_NOT_ACCEPTED'), deny(N1, 'NO_ACTIVE_GRANT')]),
  read(PEOPLE.carl, '2026-10-03T10:00:00Z', null, [deny(H4, 'SOMETHING_UNHEARD_OF')]),
];
