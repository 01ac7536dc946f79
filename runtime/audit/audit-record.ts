// The audit trail (ARCHITECTURE.md "Audit"): one append-only, tamper-evident log of every operation
// that touched a guarded field and every governance act. Each record carries the SHA-256 of the
// previous record's canonical form, so editing or removing one breaks every hash after it.

export const AUDIT_ACTIONS = [
  'read', 'request', 'withdrawal', 'decision', 'appeal', 'appeal-decision', 'revocation', 'trust-change', 'suspension', 'reinstatement', 'policy-version',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'allow' | 'deny' | 'would-deny' | 'done';

/** One guarded field decided in one operation. */
export interface AuditedField {
  /** Schema coordinate, e.g. NorthbridgeHospitalDataset.sampleRecords. */
  field: string;
  datasetId: string | null;
  outcome: AuditOutcome;
  reason?: string;
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
