import type { ResearchPurpose } from '../../../schema/policy/principal.js';
import type { Grantee } from '../../../runtime/governance/grant-keys.js';

// The governance subgraph's state (ARCHITECTURE.md "Governance"): access requests split into one
// part per partner, each partner's decisions, appeals to the board, the grants approvals create,
// organisations a partner trusts, and suspensions. Every state change is one method here and one
// atomic step in each implementation, so several replicas may share one store.

export const PART_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'NEEDS_CHANGES', 'WITHDRAWN'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

export const DECISION_OUTCOMES = ['APPROVE', 'DENY', 'NEEDS_CHANGES'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Who decided: a steward's or board member's subject, or "auto:trusted-organisation". */
export const AUTO_TRUSTED = 'auto:trusted-organisation';

export interface Decision {
  by: string;
  /** ISO 8601. */
  at: string;
  outcome: DecisionOutcome;
  reason: string;
  /** The policy set version in force when the decision was made. */
  policyVersion: string;
  /** Approved grant length in days, after capping. */
  grantDays?: number;
}

export interface Appeal {
  statement: string;
  at: string;
  /** The board's decision, final. */
  decision?: Decision;
}

export interface RequestPart {
  partnerId: string;
  datasetIds: readonly string[];
  status: PartStatus;
  decision?: Decision;
  appeal?: Appeal;
  /** ISO 8601; set when the requester withdrew the part while it was pending. */
  withdrawnAt?: string;
}

export interface Requester {
  subject: string;
  /** The verified organisation, or null. */
  organisation: string | null;
}

export interface AccessRequest {
  id: string;
  requester: Requester;
  purpose: ResearchPurpose;
  projectTitle: string;
  justification: string;
  acceptedDuties: readonly string[];
  acceptedTerms: readonly string[];
  /** ISO 8601. */
  createdAt: string;
  parts: readonly RequestPart[];
}

export interface StoredGrant {
  id: string;
  datasetId: string;
  partnerId: string;
  grantee: Grantee;
  requestId: string;
  /** ISO 8601. */
  grantedAt: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  acceptedTerms: readonly string[];
  acceptedDuties: readonly string[];
  revoked?: { by: string; at: string; reason: string };
}

export interface TrustMark {
  partnerId: string;
  organisation: string;
  dataClass: string;
  by: string;
  at: string;
}

export interface Suspension {
  grantee: Grantee;
  reason: string;
  by: string;
  at: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass as `after` for the next page. Null at the end. */
  endCursor: string | null;
}

/** What a state change did: it happened, or the state it met did not allow it (nothing was written). */
export type ChangeResult<T = void> =
  | { ok: true; value: T }
  | { ok: false; conflict: 'NOT_FOUND' | 'NOT_PENDING' | 'DUPLICATE_PENDING' | 'NOT_DENIED' | 'ALREADY_APPEALED' | 'NO_PENDING_APPEAL' | 'ALREADY_REVOKED'; detail: string };

/**
 * The store could not be read or written (Redis unreachable, not answering in time, or refusing the
 * step). A state change that fails with it was not made: each is one atomic step. The subgraph
 * reports it to the caller as a clear error; the gateway denies per-entity fields (GRANTS_UNAVAILABLE).
 */
export class GovernanceStoreUnavailableError extends Error {
  override readonly name = 'GovernanceStoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`governance store unavailable: ${message}`, options);
  }
}

export interface GovernanceStore {
  /** Whether state survives a restart (false for the in-memory store, logged at start). */
  readonly durable: boolean;

  /**
   * Records a new request. Refused (DUPLICATE_PENDING, naming the dataset) when the same requester
   * already has a pending part for any of its datasets; the check and the write are one step.
   */
  createRequest(request: AccessRequest): Promise<ChangeResult<AccessRequest>>;
  getRequest(id: string): Promise<AccessRequest | null>;
  requestsOf(subject: string): Promise<AccessRequest[]>;
  /** Parts of one partner in one status, oldest first, with their request. */
  partsOf(partnerId: string, status: PartStatus, first: number, after?: string | null): Promise<Page<{ request: AccessRequest; part: RequestPart }>>;
  /** Pending parts created before `createdBefore` (ISO), oldest first, every partner. */
  overdueParts(createdBefore: string, first: number, after?: string | null): Promise<Page<{ request: AccessRequest; part: RequestPart }>>;
  /** Denied parts with an appeal the board has not decided, oldest first. */
  pendingAppeals(first: number, after?: string | null): Promise<Page<{ request: AccessRequest; part: RequestPart }>>;

  /** Every access request, oldest first (by createdAt, then id), a page at a time: reports (ARCHITECTURE.md "Audit"). */
  allRequests(first: number, after?: string | null): Promise<Page<AccessRequest>>;

  /** Withdraws every pending part of the request; only its requester may (checked by the caller). */
  withdraw(requestId: string, at: string): Promise<ChangeResult<AccessRequest>>;
  /**
   * Decides a pending part; on APPROVE the grants are written in the same step (and readable by
   * every gateway at once). NOT_PENDING when it was decided or withdrawn meanwhile: one of several
   * concurrent deciders wins.
   */
  decide(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>>;
  /** Appeals a DENIED part, once. */
  appeal(requestId: string, partnerId: string, statement: string, at: string): Promise<ChangeResult<AccessRequest>>;
  /** The board decides an appeal; APPROVE writes grants and sets the part APPROVED. Final. */
  decideAppeal(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>>;

  getGrant(id: string): Promise<StoredGrant | null>;
  /** Grants of the grantee, revoked and expired ones included. */
  grantsOf(grantee: Grantee): Promise<StoredGrant[]>;
  /** Every grant, revoked and expired ones included, a page at a time, in a stable order: reports. */
  allGrants(first: number, after?: string | null): Promise<Page<StoredGrant>>;
  revokeGrant(id: string, revocation: NonNullable<StoredGrant['revoked']>): Promise<ChangeResult<StoredGrant>>;

  setTrust(mark: TrustMark): Promise<void>;
  removeTrust(partnerId: string, organisation: string, dataClass: string): Promise<boolean>;
  trustMarksOf(partnerId: string): Promise<TrustMark[]>;
  isTrusted(partnerId: string, organisation: string, dataClass: string): Promise<boolean>;

  suspend(suspension: Suspension): Promise<void>;
  reinstate(grantee: Grantee): Promise<boolean>;
  suspensionOf(grantee: Grantee): Promise<Suspension | null>;

  close(): Promise<void>;
}
