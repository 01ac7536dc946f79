// The audit trail (ARCHITECTURE.md "Audit"): one append-only, tamper-evident log of every operation
// that touched a guarded field and every governance act. Each record carries the SHA-256 of the
// previous record's canonical form, so editing or removing one breaks every hash after it.

import { AUDIT_ACTIONS } from '../../schema/audit-contract.js';

// The actions are the audit views' contract (schema/audit-contract.ts): one list for both.
export { AUDIT_ACTIONS };
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'allow' | 'deny' | 'would-deny' | 'done';

/**
 * One guarded field decided in one operation with one outcome and reason, and the datasets it was
 * decided so for: a record lists each (field, outcome, reason) once, which keeps a read of many
 * datasets small to write, store and hash (issue 11's cost target).
 */
export interface AuditedField {
  /** Schema coordinate, e.g. NorthbridgeHospitalDataset.sampleRecords. */
  field: string;
  /** The datasets it was decided for with this outcome and reason, in order of first appearance; empty when decided once for the whole operation (statically). */
  datasetIds: readonly string[];
  outcome: AuditOutcome;
  reason?: string;
}

/** One field decided for one dataset (null: for the whole operation), as readers count them. */
export interface AuditFieldEvent {
  field: string;
  datasetId: string | null;
  outcome: AuditOutcome;
  reason?: string;
}

/**
 * A record's fields expanded to one event per (field, dataset), in the record's order; a field
 * decided statically (no datasets) gives one event with datasetId null. A governance act
 * (`fields: []`) gives none.
 */
export function fieldEvents(record: Pick<AuditEntry, 'fields'>): AuditFieldEvent[] {
  const events: AuditFieldEvent[] = [];
  for (const { field, datasetIds, outcome, reason } of record.fields) {
    const event = (datasetId: string | null): AuditFieldEvent => (reason === undefined ? { field, datasetId, outcome } : { field, datasetId, outcome, reason });
    if (datasetIds.length === 0) events.push(event(null));
    else for (const datasetId of datasetIds) events.push(event(datasetId));
  }
  return events;
}

/** What a service appends: everything but the position in the chain. */
export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  action: AuditAction;
  subject: string | null;
  organisation: string | null;
  purpose: string | null;
  /** The partner whose datasets the entry concerns, for stewards' views; null for consortium-wide acts. */
  partnerIds: readonly string[];
  datasetIds: readonly string[];
  fields: readonly AuditedField[];
  policyVersion: string;
  mode: string | null;
  clientName: string | null;
  requestId: string | null;
  /** Free detail of a governance act (decision outcome, reason); never a token or an e-mail address. */
  detail: Readonly<Record<string, string | number | boolean | null>>;
}

/** A record as stored: the entry, its sequence number and its place in the chain. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3...: gaps mean removed records. */
  seq: number;
  /** SHA-256 (hex) of the previous record's canonical form; 64 zeros for the very first record (after a trim, the first kept record still carries its removed predecessor's hash, which the checkpoint keeps). */
  previousHash: string;
  /** SHA-256 (hex) of this record's canonical form. */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
