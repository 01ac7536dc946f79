import { describe, expect, it } from 'vitest';
import { auditCoverage, recordListsRead, type RecordFields } from '../../../bench/soak/audit-coverage.js';
import type { ServedValue } from '../../../bench/soak/visibility.js';

const read = (requestId: string, fields: RecordFields['fields']): RecordFields => ({ action: 'read', requestId, fields });
const allow = (field: string, ...datasetIds: string[]) => ({ field, datasetIds, outcome: 'allow' as const });
const SAMPLES: ServedValue = { datasetId: 'nbh:ds-22', field: 'sampleRecords' };
const URL: ServedValue = { datasetId: 'nbh:ds-22', field: 'accessUrl', distributionId: 'csv' };

describe('recordListsRead', () => {
  it.each<[string, RecordFields['fields'], ServedValue, boolean]>([
    ['the field allowed for the dataset', [allow('NorthbridgeHospitalDataset.sampleRecords', 'nbh:ds-1', 'nbh:ds-22')], SAMPLES, true],
    ['a nested type\'s field, by coordinate', [allow('Distribution.accessUrl', 'nbh:ds-22')], URL, true],
    ['allowed for another dataset only', [allow('NorthbridgeHospitalDataset.sampleRecords', 'nbh:ds-1')], SAMPLES, false],
    ['denied for the dataset', [{ field: 'NorthbridgeHospitalDataset.sampleRecords', datasetIds: ['nbh:ds-22'], outcome: 'deny', reason: 'NO_ACTIVE_GRANT' }], SAMPLES, false],
    ['another field of the dataset', [allow('Distribution.downloadUrl', 'nbh:ds-22')], URL, false],
    ['a field whose name only ends the same', [allow('X.mySampleRecords', 'nbh:ds-22')], SAMPLES, false],
  ])('%s: %s', (_, fields, value, expected) => {
    expect(recordListsRead({ fields }, value)).toBe(expected);
  });
});

describe('auditCoverage', () => {
  it('finds each request\'s read record, names the missing ones and the reads a record does not list', () => {
    const expected = new Map<string, ServedValue[]>([
      ['soak-1-0', [SAMPLES, URL]],
      ['soak-1-1', [SAMPLES]],
      ['soak-2-0', [SAMPLES]],
      ['soak-3-0', [URL]],
    ]);
    const coverage = auditCoverage(expected, [
      read('soak-1-0', [allow('NorthbridgeHospitalDataset.sampleRecords', 'nbh:ds-22'), allow('Distribution.accessUrl', 'nbh:ds-22')]),
      read('soak-1-1', [allow('Distribution.accessUrl', 'nbh:ds-22')]),
      { action: 'decision', requestId: 'soak-2-0', fields: [] }, // a governance act is not a read record
      read('other', [allow('Distribution.accessUrl', 'nbh:ds-22')]),
      { action: 'read', requestId: null, fields: [allow('Distribution.accessUrl', 'nbh:ds-22')] },
      // one operation's decisions split over two records still count
      read('soak-3-0', []),
      read('soak-3-0', [allow('Distribution.accessUrl', 'nbh:ds-22')]),
    ]);
    expect(coverage).toEqual({
      expectedRequests: 4,
      recorded: 3,
      missing: ['soak-2-0'],
      incomplete: [{ requestId: 'soak-1-1', read: SAMPLES }],
    });
  });

  it('has nothing to find when nothing guarded was served', () => {
    expect(auditCoverage(new Map(), [read('x', [])])).toEqual({ expectedRequests: 0, recorded: 0, missing: [], incomplete: [] });
  });
});
