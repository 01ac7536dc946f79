import type { AuditRecord } from '../../../runtime/audit/audit-record.js';
import type { ServedValue } from './visibility.js';

// Oracle 2 of the soak (issue 12, item 7): no audit record lost for an allowed guarded read. Every
// answer that served a value of a @policy field is remembered by its request id (the soak sends its
// own x-request-id, which the gateway keeps, README "Operations"); after the run the trail must hold
// a read record with that request id listing the field as allowed for that dataset (ARCHITECTURE.md
// "Audit": every guarded field once per outcome and reason, with the datasets it was so decided for).

export type RecordFields = Pick<AuditRecord, 'action' | 'requestId' | 'fields'>;

export interface AuditCoverage {
  /** Answers that served at least one @policy value. */
  expectedRequests: number;
  /** Of those, the ones with a read record under their request id. */
  recorded: number;
  /** Request ids with no read record at all. */
  missing: string[];
  /** Reads whose record exists but does not list the field as allowed for the dataset. */
  incomplete: { requestId: string; read: ServedValue }[];
}

/** Whether a record lists this read: its field (by coordinate, any type) allowed for this dataset. */
export function recordListsRead(record: Pick<AuditRecord, 'fields'>, read: ServedValue): boolean {
  return record.fields.some((f) => f.outcome === 'allow' && f.field.endsWith(`.${read.field}`) && f.datasetIds.includes(read.datasetId));
}

export function auditCoverage(expected: ReadonlyMap<string, readonly ServedValue[]>, records: Iterable<RecordFields>): AuditCoverage {
  const byRequest = new Map<string, RecordFields[]>();
  for (const record of records) {
    if (record.action !== 'read' || record.requestId === null) continue;
    const list = byRequest.get(record.requestId);
    if (list) list.push(record);
    else byRequest.set(record.requestId, [record]);
  }
  const missing: string[] = [];
  const incomplete: AuditCoverage['incomplete'] = [];
  let recorded = 0;
  for (const [requestId, reads] of expected) {
    const found = byRequest.get(requestId);
    if (!found) {
      missing.push(requestId);
      continue;
    }
    recorded += 1;
    for (const read of reads) {
      if (!found.some((record) => recordListsRead(record, read))) incomplete.push({ requestId, read });
    }
  }
  return { expectedRequests: expected.size, recorded, missing, incomplete };
}
