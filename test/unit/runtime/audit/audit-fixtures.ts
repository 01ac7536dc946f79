import type { AuditEntry } from '../../../../runtime/audit/audit-record.js';

/** An entry with every field set; `overrides` changes some. */
export function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: '2026-03-01T10:00:00.000Z',
    action: 'read',
    subject: 'ada',
    organisation: 'uni-leiden',
    purpose: 'disease:MONDO:0005148',
    partnerIds: ['helix'],
    datasetIds: ['helix:ds-1'],
    fields: [
      { field: 'HelixDataset.sampleRecords', datasetIds: ['helix:ds-1'], outcome: 'allow' },
      { field: 'HelixDataset.contact', datasetIds: ['helix:ds-1'], outcome: 'deny', reason: 'NO_GRANT' },
    ],
    policyVersion: 'policy-7',
    mode: 'enforce',
    clientName: 'notebook',
    requestId: 'req-1',
    detail: {},
    ...overrides,
  };
}
