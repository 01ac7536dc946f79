import { describe, expect, it } from 'vitest';
import { complianceReport, denialCategory, type PartnerFindings } from '../../../../../runtime/audit/reports/compliance-report.js';
import { GRANTS, HELIX, NORTHBRIDGE, RECORDS, REQUESTS } from './seeded-history.js';

const report = complianceReport({ requests: REQUESTS, records: RECORDS, grants: GRANTS, period: '2026-Q4', partnerIds: ['quiet-partner'] });
const partner = (id: string) => report.partners.find((p) => p.partnerId === id)!;

// Every figure of the fourth quarter, worked out by hand from the seeded history.
const EXPECTED: Record<string, Omit<PartnerFindings, 'partnerId'>> = {
  [HELIX]: {
    received: 3, // r1, r3, r7
    decided: 3, approved: 1, denied: 2, needsChanges: 0, approvedByTrust: 0, withdrawn: 0,
    overdue: 1, // r5: due 2026-10-31, decided 2026-11-05
    medianDecisionDays: 20, // r1 10 days, r3 20, r5 65
    denialsByReason: { PURPOSE_INCOMPATIBLE: 1, UNCODED: 1 },
    accessDenialsByReason: { NO_ACTIVE_GRANT: 1, OTHER: 1 },
    appeals: { lodged: 2, approved: 1, denied: 0, needsChanges: 0, pendingAtEnd: 1 },
    revocations: 0,
    activeGrantsAtEnd: 2, // g2, g4
    organisationsWithActiveGrants: 2,
  },
  [NORTHBRIDGE]: {
    received: 4, // r1, r2, r6, r8 (r4 came before the quarter)
    decided: 3, approved: 2, denied: 0, needsChanges: 1, approvedByTrust: 1, withdrawn: 1,
    overdue: 1, // r4: due 2026-10-14, still pending
    medianDecisionDays: 2, // r1 4 days, r2 0, r8 2
    denialsByReason: {},
    accessDenialsByReason: { LICENCE_NOT_ACCEPTED: 1, NO_ACTIVE_GRANT: 1 },
    appeals: { lodged: 0, approved: 0, denied: 0, needsChanges: 0, pendingAtEnd: 0 },
    revocations: 1, // g3
    activeGrantsAtEnd: 1, // g1 (g3 revoked, g5 expired)
    organisationsWithActiveGrants: 1,
  },
  'quiet-partner': {
    received: 0, decided: 0, approved: 0, denied: 0, needsChanges: 0, approvedByTrust: 0, withdrawn: 0, overdue: 0,
    medianDecisionDays: null, denialsByReason: {}, accessDenialsByReason: {},
    appeals: { lodged: 0, approved: 0, denied: 0, needsChanges: 0, pendingAtEnd: 0 },
    revocations: 0, activeGrantsAtEnd: 0, organisationsWithActiveGrants: 0,
  },
};

describe('complianceReport over the seeded history, 2026-Q4', () => {
  it('covers the quarter and lists the partners in order', () => {
    expect(report.period).toEqual({ label: '2026-Q4', from: '2026-10-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(report.partners.map((p) => p.partnerId)).toEqual([HELIX, NORTHBRIDGE, 'quiet-partner']);
  });

  it.each(Object.keys(EXPECTED))('%s: every figure', (id) => {
    expect(partner(id)).toEqual({ partnerId: id, ...EXPECTED[id] });
  });

  it('totals: sums, and the median over every decision (0, 2, 4, 10, 20, 65 days)', () => {
    expect(report.total).toMatchObject({
      received: 7, decided: 6, approved: 3, denied: 2, needsChanges: 1, approvedByTrust: 1, withdrawn: 1, overdue: 2,
      medianDecisionDays: 7, revocations: 1, activeGrantsAtEnd: 3, organisationsWithActiveGrants: 2,
      denialsByReason: { PURPOSE_INCOMPATIBLE: 1, UNCODED: 1 },
      accessDenialsByReason: { NO_ACTIVE_GRANT: 2, LICENCE_NOT_ACCEPTED: 1, OTHER: 1 },
      appeals: { lodged: 2, approved: 1, denied: 0, needsChanges: 0, pendingAtEnd: 1 },
    });
  });

  it.each([
    { period: '2026-10', partnerId: NORTHBRIDGE, expected: { received: 3, decided: 3, overdue: 1, revocations: 0, activeGrantsAtEnd: 3, withdrawn: 0 } },
    { period: '2026-12', partnerId: NORTHBRIDGE, expected: { received: 1, decided: 0, overdue: 0, revocations: 1, activeGrantsAtEnd: 1, withdrawn: 1 } },
    { period: '2026-11', partnerId: HELIX, expected: { received: 1, decided: 2, overdue: 0, medianDecisionDays: 42.5, activeGrantsAtEnd: 2 } },
    { period: '2026', partnerId: HELIX, expected: { received: 4, decided: 3, overdue: 1, appeals: { lodged: 2, approved: 1, denied: 0, needsChanges: 0, pendingAtEnd: 1 } } },
    { period: '2026-09', partnerId: NORTHBRIDGE, expected: { received: 0, decided: 0, overdue: 0, activeGrantsAtEnd: 1 } },
  ])('$period, $partnerId: $expected', ({ period, partnerId, expected }) => {
    const findings = complianceReport({ requests: REQUESTS, records: RECORDS, grants: GRANTS, period }).partners.find((p) => p.partnerId === partnerId);
    expect(findings).toMatchObject(expected);
  });

  it('a deadline after "now" is not overdue yet', () => {
    const early = complianceReport({ requests: REQUESTS, records: RECORDS, grants: GRANTS, period: '2026-Q4', now: new Date('2026-10-20T00:00:00Z') });
    expect(early.partners.find((p) => p.partnerId === HELIX)!.overdue).toBe(0); // r5 due 2026-10-31
    expect(early.partners.find((p) => p.partnerId === NORTHBRIDGE)!.overdue).toBe(1); // r4 due 2026-10-14
  });

  it('a shorter decision deadline makes more parts overdue', () => {
    const strict = complianceReport({ requests: REQUESTS, records: RECORDS, grants: GRANTS, period: '2026-Q4', decisionDeadlineDays: 5 });
    // Helix: r1 (10 days), r3 (20 days) late; r5 due 2026-09-06, before the quarter; r7 due 2026-12-25, pending.
    expect(strict.partners.find((p) => p.partnerId === HELIX)!.overdue).toBe(3);
  });
});

describe('denialCategory: a leading code that is a published category, else UNCODED', () => {
  it.each([
    ['PURPOSE_INCOMPATIBLE: commercial use only', 'PURPOSE_INCOMPATIBLE'],
    ['  ETHICS_APPROVAL_MISSING no IRB letter', 'ETHICS_APPROVAL_MISSING'],
    ['INSUFFICIENT_JUSTIFICATION', 'INSUFFICIENT_JUSTIFICATION'],
    ['PURPOSE_INCOMPATIBLEX: glued on', 'UNCODED'],
    ['ADA_SMITH is not allowed', 'UNCODED'],
    ['purpose_incompatible: lower case', 'UNCODED'],
    ['The project is too broad', 'UNCODED'],
    ['', 'UNCODED'],
  ])('%j -> %s', (reason, expected) => {
    expect(denialCategory(reason)).toBe(expected);
  });
});
