import { describe, expect, it } from 'vitest';
import { complianceSample, type ComplianceSampleInput } from '../../../../../runtime/audit/reports/compliance-sample.js';
import type { ReportGrant } from '../../../../../runtime/audit/reports/report-inputs.js';
import { DATA_CLASSES, GRANTS, ORGANISATIONS_FIRST_SEEN, RECORDS, REQUESTS } from './seeded-history.js';

const NOW = new Date('2026-12-20T00:00:00Z');
const history = (overrides: Partial<ComplianceSampleInput> = {}): ComplianceSampleInput => ({
  grants: GRANTS, records: RECORDS, requests: REQUESTS, dataClasses: DATA_CLASSES, organisationsFirstSeen: ORGANISATIONS_FIRST_SEEN,
  now: NOW, size: 3, seed: '2026-Q4', ...overrides,
});

describe('complianceSample over the seeded history', () => {
  const sample = complianceSample(history());
  const byId = new Map(sample.grants.map((g) => [g.grantId, g]));

  it('draws from the active grants only (g3 revoked, g5 expired)', () => {
    expect(sample.population).toBe(3);
    expect([...byId.keys()].sort()).toEqual(['g1', 'g2', 'g4']);
  });

  // Reads since each grant was given: g1 3, g2 5, g4 1; fewer than three grants share a purpose, so
  // the median is over every grant in use: 3.
  it.each([
    { grantId: 'g1', weight: 2, reasons: ['data class PARTNER_SHARED (x2)'] },
    {
      grantId: 'g2', weight: 10.42, // 4 x (1 + log2(5/3)) x 1.5
      reasons: ['data class PROPRIETARY (x4)', '5 reads against a median of 3 for health purposes (x1.74)', 'expires in 21 days (x1.5)'],
    },
    { grantId: 'g4', weight: 8, reasons: ['data class PROPRIETARY (x4)', 'organisation first seen 2026-11-01 (x2)'] },
  ])('$grantId weighs $weight', ({ grantId, weight, reasons }) => {
    expect(byId.get(grantId)).toMatchObject({ weight, reasons });
  });

  it('names what a reviewer needs: dataset, partner, grantee, expiry', () => {
    expect(byId.get('g4')).toEqual(expect.objectContaining({
      datasetId: 'helix-therapeutics:ds-004', partnerId: 'helix-therapeutics', grantee: { kind: 'person', subject: 'dora-c3a8f2' }, expiresAt: '2027-05-05T00:00:00.000Z',
    }));
  });

  it.each([
    { name: 'unknown data class weighs as PROPRIETARY', overrides: { dataClasses: new Map() }, grantId: 'g1', reason: 'data class unknown (x4)' },
    { name: 'an organisation never seen is new', overrides: { organisationsFirstSeen: new Map() }, grantId: 'g1', reason: 'organisation never seen before (x2)' },
    { name: 'without its request, a person\'s organisation comes from their reads', overrides: { requests: [], organisationsFirstSeen: new Map([['uni-alpha', '2026-12-01T00:00:00Z']]) }, grantId: 'g2', reason: 'organisation first seen 2026-12-01 (x2)' },
  ])('$name', ({ overrides, grantId, reason }) => {
    const found = complianceSample(history(overrides)).grants.find((g) => g.grantId === grantId)!;
    expect(found.reasons).toContain(reason);
  });

  it('size 0 draws nothing; a size beyond the population draws all; a bad size is refused', () => {
    expect(complianceSample(history({ size: 0 })).grants).toEqual([]);
    expect(complianceSample(history({ size: 50 })).grants).toHaveLength(3);
    expect(() => complianceSample(history({ size: -1 }))).toThrow(RangeError);
    expect(() => complianceSample(history({ size: 1.5 }))).toThrow(RangeError);
  });
});

/** Twenty public grants and one proprietary one, otherwise alike. */
function population(): { grants: ReportGrant[]; dataClasses: Map<string, string> } {
  const grants: ReportGrant[] = [];
  const dataClasses = new Map<string, string>();
  for (let i = 0; i < 21; i += 1) {
    const datasetId = `partner-${i % 3}:ds-${String(i).padStart(3, '0')}`;
    grants.push({
      id: `grant-${String(i).padStart(2, '0')}`, datasetId, partnerId: `partner-${i % 3}`, grantee: { kind: 'organisation', organisation: 'old-org' },
      requestId: `r-${i}`, grantedAt: '2026-01-01T00:00:00Z', expiresAt: Date.parse('2027-12-31T00:00:00Z'), acceptedTerms: [], acceptedDuties: [],
    });
    dataClasses.set(datasetId, i === 7 ? 'PROPRIETARY' : 'PUBLIC');
  }
  return { grants, dataClasses };
}

describe('complianceSample: the draw', () => {
  const { grants, dataClasses } = population();
  const draw = (seed: string, size = 5, order = grants) => complianceSample({
    grants: order, records: [], dataClasses, organisationsFirstSeen: new Map([['old-org', '2020-01-01T00:00:00Z']]), now: NOW, size, seed,
  }).grants.map((g) => g.grantId);

  it('is the same for the same seed, whatever order the grants come in', () => {
    expect(draw('board-2026-Q4')).toEqual(draw('board-2026-Q4'));
    expect(draw('board-2026-Q4', 5, [...grants].reverse())).toEqual(draw('board-2026-Q4'));
  });

  it('differs for another seed', () => {
    expect(draw('board-2026-Q4')).not.toEqual(draw('board-2027-Q1'));
    expect(new Set(['a', 'b', 'c', 'd', 'e'].map((seed) => draw(seed).join()))).toHaveProperty('size', 5);
  });

  it('draws no grant twice', () => {
    const drawn = draw('x', 21);
    expect(new Set(drawn).size).toBe(21);
  });

  it('favours the proprietary grant: over 2,000 seeds it is drawn about 4 times as often as each public one', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 2000; s += 1) {
      const [first] = draw(`seed-${s}`, 1);
      counts.set(first!, (counts.get(first!) ?? 0) + 1);
    }
    const proprietary = counts.get('grant-07') ?? 0;
    const others = [...counts].filter(([id]) => id !== 'grant-07').map(([, n]) => n);
    const meanOther = others.reduce((a, b) => a + b, 0) / 20;
    // Expected share: 4 / (4 + 20) = 1/6, about 333 of 2,000; each public grant about 83.
    expect(proprietary).toBeGreaterThan(250);
    expect(proprietary).toBeLessThan(420);
    expect(proprietary / meanOther).toBeGreaterThan(3);
    expect(proprietary / meanOther).toBeLessThan(5.5);
  });
});
