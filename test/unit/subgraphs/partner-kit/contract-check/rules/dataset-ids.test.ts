import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { judgeDatasetIds } from '../../../../../../subgraphs/partner-kit/contract-check/rules/dataset-ids.js';
import { dataset, listing, page } from '../live-rule-harness.js';

const three = [dataset(1), dataset(2), dataset(3)];
const ids = (...n: number[]) => n.map((i) => dataset(i).id);
const WHERE = '_catalogHarvest(offset: 0, limit: 500) { datasetIds }';

const ROWS: [string, Listing, [string, string, string, string][]][] = [
  ['every id served', listing(page({}, three)), []],
  ['in another order', listing(page({}, three, { datasetIds: ids(3, 1, 2) })), []],
  ['one missing', listing(page({}, three, { datasetIds: ids(1, 3) })),
    [['failure', WHERE, 'every one of the 3 datasets served', '1 missing, e.g. "acme-labs:ds-02"']]],
  ['one more than served', listing(page({}, three, { datasetIds: ids(1, 2, 3, 4) })),
    [['failure', WHERE, 'only the 3 datasets served', '1 more, e.g. "acme-labs:ds-04"']]],
  ['one twice', listing(page({}, three, { datasetIds: ids(1, 2, 3, 3) })), [['warning', WHERE, 'each id once', '1 ids repeated']]],
];

describe('dataset-ids', () => {
  it.each(ROWS)('%s', (_name, whole, expected) => {
    const outcome = judgeDatasetIds(whole);
    expect(Array.isArray(outcome) ? outcome.map((f) => [f.severity, f.where, f.expected, f.found]) : outcome).toEqual(expected);
  });
});
