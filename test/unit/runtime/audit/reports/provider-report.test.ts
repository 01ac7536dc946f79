import { describe, expect, it } from 'vitest';
import { providerReport } from '../../../../../runtime/audit/reports/provider-report.js';
import { GRANTS, H4, HELIX, N1, N2, NORTHBRIDGE, RECORDS, REQUESTS } from './seeded-history.js';

const report = (partnerId: string, period: string, bucket?: 'week' | 'month') =>
  providerReport({ partnerId, requests: REQUESTS, records: RECORDS, grants: GRANTS, period, ...(bucket ? { bucket } : {}) });

describe('providerReport over the seeded history', () => {
  it('Helix, 2026-Q4: one dataset, its readers\' organisations counted, licences, purposes and duties', () => {
    const helix = report(HELIX, '2026-Q4');
    expect(helix.datasets).toEqual([{
      datasetId: H4,
      reads: 6, // ada 5, dora 1; the denied reads do not count
      organisations: 2,
      licences: { 'HELIX-LIC-2': 2 }, // g2, g4
      purposeCategories: { health: 5, disease: 1 },
      readsOverTime: [0, 0, 0, 0, 2, 1, 1, 0, 0, 2, 0, 0, 0, 0],
    }]);
    expect(helix.dutiesAccepted).toEqual({ PUB: 2, COL: 1 });
    expect(helix.grantsGiven).toBe(2);
    expect(helix.organisationsGranted).toBe(2);
  });

  it('weeks of a quarter start on Monday, the first cut to the quarter', () => {
    const helix = report(HELIX, '2026-Q4');
    expect(helix.bucket).toBe('week');
    expect(helix.buckets).toEqual([
      '2026-10-01', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09',
      '2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28',
    ]);
    expect(helix.readsOverTime).toEqual(helix.datasets[0]!.readsOverTime);
  });

  it('Northbridge, 2026-Q4: a dataset held under a grant but not read is listed with no reads', () => {
    const northbridge = report(NORTHBRIDGE, '2026-Q4');
    expect(northbridge.datasets).toEqual([
      expect.objectContaining({ datasetId: N1, reads: 3, organisations: 1, licences: { 'NUH-DUA-1.0': 2 }, purposeCategories: { health: 3 } }),
      expect.objectContaining({ datasetId: N2, reads: 0, organisations: 0, licences: {}, purposeCategories: {} }),
    ]);
    expect(northbridge.dutiesAccepted).toEqual({ PUB: 1, COL: 1 });
    expect(northbridge.grantsGiven).toBe(2); // g1, g3 (g5 before the quarter)
    expect(northbridge.organisationsGranted).toBe(2);
  });

  it.each([
    { period: '2026', bucket: undefined, expected: { bucket: 'month', buckets: 12, readsOverTime: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0] } },
    { period: '2026-10', bucket: undefined, expected: { bucket: 'week', buckets: 5, readsOverTime: [0, 1, 1, 0, 0] } },
    { period: '2026-Q4', bucket: 'month' as const, expected: { bucket: 'month', buckets: 3, readsOverTime: [2, 1, 0] } },
  ])('Northbridge $period by $expected.bucket', ({ period, bucket, expected }) => {
    const northbridge = report(NORTHBRIDGE, period, bucket);
    expect({ bucket: northbridge.bucket, buckets: northbridge.buckets.length, readsOverTime: northbridge.readsOverTime }).toEqual(expected);
  });

  it('a partner with nothing in the period gets an empty report', () => {
    expect(report('quiet-partner', '2026-Q4')).toMatchObject({ datasets: [], dutiesAccepted: {}, grantsGiven: 0, organisationsGranted: 0 });
  });

  it('refuses a malformed period', () => {
    expect(() => report(HELIX, '2026-Q7')).toThrow(/not a year/);
  });
});
