import type { AuditEntry, AuditOutcome } from '../../../runtime/audit/audit-record.js';

// The audit entry Concord writes for one request of `npm run bench` workload (b) (a page of 50
// datasets from three partners, the guarded selection, grants on half the page), as read from a
// run's trail: which datasets each (field, outcome, reason) was decided for, by their place on the
// page. About 10 KB in canonical form.

const PAGE = [
  ...Array.from({ length: 17 }, (_, i) => `boreal-climate-institute:ds-${String(i + 1).padStart(3, '0')}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => `helix-therapeutics:ds-${String(n).padStart(3, '0')}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17].map((n) => `northbridge-hospital:ds-${String(n).padStart(3, '0')}`),
];

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const even = range(0, 32).filter((i) => i % 2 === 0);
const odd = range(0, 33).filter((i) => i % 2 === 1);

/** [field, outcome, reason, places on the page] as the gateway listed them. */
const DECIDED: readonly [string, AuditOutcome, string | undefined, readonly number[]][] = [
  ['Dataset.contactPoint', 'allow', undefined, []],
  ['Dataset.dataDictionary', 'allow', undefined, []],
  ['Dataset.qualityReport', 'allow', undefined, []],
  ['BorealClimateInstituteDataset.sampleRecords', 'allow', undefined, range(0, 16)],
  ['Distribution.accessUrl', 'allow', undefined, [...range(0, 16), 37, 40, 42]],
  ['Distribution.downloadUrl', 'allow', undefined, [...range(0, 16), 37, 40, 42]],
  ['Licence.royalty', 'allow', undefined, [...even, ...range(34, 49)]],
  ['Licence.royalty', 'deny', 'LICENCE_NOT_ACCEPTED', odd],
  ['HelixTherapeuticsDataset.sampleRecords', 'deny', 'NO_ACTIVE_GRANT', [17, 19, 23, 25, 29, 31]],
  ['Distribution.accessUrl', 'deny', 'NO_ACTIVE_GRANT', [17, 19, 23, 25, 29, 31, 35]],
  ['Distribution.downloadUrl', 'deny', 'NO_ACTIVE_GRANT', [17, 19, 23, 25, 29, 31, 35]],
  ['HelixTherapeuticsDataset.sampleRecords', 'deny', 'LICENCE_NOT_ACCEPTED', [18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 33]],
  ['Distribution.accessUrl', 'deny', 'LICENCE_NOT_ACCEPTED', [18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 33]],
  ['Distribution.downloadUrl', 'deny', 'LICENCE_NOT_ACCEPTED', [18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 33]],
  ['NorthbridgeHospitalDataset.sampleRecords', 'deny', 'PURPOSE_INCOMPATIBLE', [34, 36, 38, 41, ...range(43, 49)]],
  ['Distribution.accessUrl', 'deny', 'PURPOSE_INCOMPATIBLE', [34, 36, 38, 41, ...range(43, 49)]],
  ['Distribution.downloadUrl', 'deny', 'PURPOSE_INCOMPATIBLE', [34, 36, 38, 41, ...range(43, 49)]],
  ['NorthbridgeHospitalDataset.sampleRecords', 'deny', 'NO_ACTIVE_GRANT', [35]],
  ['NorthbridgeHospitalDataset.sampleRecords', 'allow', undefined, [37, 40, 42]],
  ['NorthbridgeHospitalDataset.sampleRecords', 'deny', 'EMBARGOED', [39]],
  ['Distribution.accessUrl', 'deny', 'EMBARGOED', [39]],
  ['Distribution.downloadUrl', 'deny', 'EMBARGOED', [39]],
];

/** Workload (b)'s entry for the request made at `at`. */
export function bSizedEntry(at: string, requestId: string): AuditEntry {
  return {
    at,
    action: 'read',
    subject: 'demo-researcher',
    organisation: 'uni-leiden',
    purpose: 'health',
    partnerIds: ['boreal-climate-institute', 'helix-therapeutics', 'northbridge-hospital'],
    datasetIds: [...PAGE],
    fields: DECIDED.map(([field, outcome, reason, places]) => ({
      field, datasetIds: places.map((i) => PAGE[i]!), outcome, ...(reason === undefined ? {} : { reason }),
    })),
    policyVersion: '1.1.1',
    mode: 'filter',
    clientName: null,
    requestId,
    detail: {},
  };
}
