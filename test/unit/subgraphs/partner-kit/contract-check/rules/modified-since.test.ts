import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { judgeModifiedSince, pivotsOf } from '../../../../../../subgraphs/partner-kit/contract-check/rules/modified-since.js';
import { dataset, listing, page } from '../live-rule-harness.js';

const all = [1, 2, 3, 4, 5].map((n) => dataset(n));
const whole = listing(page({}, all));
const PIVOTS = pivotsOf(all)!;
const since = (datasets: typeof all, modifiedSince: string, extra = {}) =>
  listing(page({ modifiedSince }, datasets, { datasetIds: all.map((d) => d.id), ...extra }));
const good = since(all.slice(2), PIVOTS.middle);
const none = since([], PIVOTS.afterNewest);

const ROWS: [string, Listing, Listing, [string, string, string, string][]][] = [
  ['the datasets modified since, then none', good, none, []],
  ['the filter ignored', since(all, PIVOTS.middle), none, [
    ['failure', `_catalogHarvest(modifiedSince: "${PIVOTS.middle}", offset: 0, limit: 500)`, `the 3 datasets modified after ${PIVOTS.middle}`, '5 datasets (with "acme-labs:ds-01" and 1 more not modified since)'],
    ['failure', `_catalogHarvest(modifiedSince: "${PIVOTS.middle}", offset: 0, limit: 500) { totalCount }`, '3', '5'],
  ]],
  ['totalCount of every dataset', since(all.slice(2), PIVOTS.middle, { totalCount: 5 }), none,
    [['failure', `_catalogHarvest(modifiedSince: "${PIVOTS.middle}", offset: 0, limit: 500) { totalCount }`, '3', '5']]],
  ['datasetIds filtered too', since(all.slice(2), PIVOTS.middle, { datasetIds: all.slice(2).map((d) => d.id) }), none,
    [['failure', `_catalogHarvest(modifiedSince: "${PIVOTS.middle}", offset: 0, limit: 500) { datasetIds }`, 'every one of the 5 datasets served', '2 missing, e.g. "acme-labs:ds-01", "acme-labs:ds-02"']]],
  ['the newest dataset still listed after its change', good, since([all[4]!], PIVOTS.afterNewest, { totalCount: 0 }),
    [['failure', `_catalogHarvest(modifiedSince: "${PIVOTS.afterNewest}", offset: 0, limit: 500)`, `the 0 datasets modified after ${PIVOTS.afterNewest}`, '1 datasets (with "acme-labs:ds-05" not modified since)']]],
];

describe('modified-since', () => {
  it('cuts a millisecond before the median time, and a second after the newest', () => {
    expect(PIVOTS).toEqual({ middle: '2024-01-02T23:59:59.999Z', afterNewest: '2024-01-05T00:00:01.000Z' });
  });

  it('never cuts at a dataset\'s own time', () => {
    const close = [dataset(1, { modified: '2024-01-01T00:00:00.000Z' }), dataset(2, { modified: '2024-01-01T00:00:00.001Z' }), dataset(3, { modified: '2024-01-01T00:00:00.002Z' })];
    expect(pivotsOf(close)!.middle).toBe('2023-12-31T23:59:59.999Z');
  });

  it('has nothing to cut by without modified times', () => {
    expect(pivotsOf([dataset(1, { modified: undefined })])).toBeNull();
  });

  it.each(ROWS)('%s', (_name, middle, after, expected) => {
    const outcome = judgeModifiedSince(whole, PIVOTS, middle, after);
    expect(Array.isArray(outcome) ? outcome.map((f) => [f.severity, f.where, f.expected, f.found]) : outcome).toEqual(expected);
  });
});
