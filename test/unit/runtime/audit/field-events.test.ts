import { describe, expect, it } from 'vitest';
import { fieldEvents, type AuditedField } from '../../../../runtime/audit/audit-record.js';

// A record lists each (field, outcome, reason) once with the datasets it was decided for
// (ARCHITECTURE.md "Audit"); readers count per (field, dataset), which fieldEvents expands to.

describe('fieldEvents', () => {
  it.each<{ name: string; fields: AuditedField[]; events: ReturnType<typeof fieldEvents> }>([
    { name: 'a governance act: nothing', fields: [], events: [] },
    { name: 'a static decision: one event without a dataset', fields: [{ field: 'Q.a', datasetIds: [], outcome: 'deny', reason: 'MISSING_SCOPES' }],
      events: [{ field: 'Q.a', datasetId: null, outcome: 'deny', reason: 'MISSING_SCOPES' }] },
    { name: 'an allow has no reason', fields: [{ field: 'Q.a', datasetIds: [], outcome: 'allow' }],
      events: [{ field: 'Q.a', datasetId: null, outcome: 'allow' }] },
    { name: 'one event per dataset, in the order listed', fields: [{ field: 'D.url', datasetIds: ['p:ds-2', 'p:ds-1'], outcome: 'allow' }],
      events: [{ field: 'D.url', datasetId: 'p:ds-2', outcome: 'allow' }, { field: 'D.url', datasetId: 'p:ds-1', outcome: 'allow' }] },
    { name: 'entries in the record\'s order, each with its own outcome and reason',
      fields: [
        { field: 'D.url', datasetIds: ['p:ds-1'], outcome: 'deny', reason: 'NO_ACTIVE_GRANT' },
        { field: 'Q.a', datasetIds: [], outcome: 'allow' },
        { field: 'D.url', datasetIds: ['p:ds-2', 'p:ds-3'], outcome: 'would-deny', reason: 'LICENCE_NOT_ACCEPTED' },
      ],
      events: [
        { field: 'D.url', datasetId: 'p:ds-1', outcome: 'deny', reason: 'NO_ACTIVE_GRANT' },
        { field: 'Q.a', datasetId: null, outcome: 'allow' },
        { field: 'D.url', datasetId: 'p:ds-2', outcome: 'would-deny', reason: 'LICENCE_NOT_ACCEPTED' },
        { field: 'D.url', datasetId: 'p:ds-3', outcome: 'would-deny', reason: 'LICENCE_NOT_ACCEPTED' },
      ] },
  ])('$name', ({ fields, events }) => {
    expect(fieldEvents({ fields })).toStrictEqual(events);
  });
});
