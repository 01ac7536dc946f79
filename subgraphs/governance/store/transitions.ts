import { granteeId } from '../../../runtime/governance/grant-keys.js';
import { timeKey } from './order.js';
import type {
  AccessRequest,
  ChangeResult,
  Decision,
  DecisionOutcome,
  PartStatus,
  RequestPart,
  StoredGrant,
} from './governance-store.js';

// The rules of every state change, as pure functions from the state met to the state written (or
// the conflict that stops the change). Both stores apply the same functions, the in-memory one to
// its maps and the Redis one inside a compare-and-set step, so they cannot disagree on a rule
// (ARCHITECTURE.md "Stores").

export type Conflict = Extract<ChangeResult<never>, { ok: false }>;
export type ConflictKind = Conflict['conflict'];

export function conflict(kind: ConflictKind, detail: string): Conflict {
  return { ok: false, conflict: kind, detail };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export const STATUS_AFTER: Readonly<Record<DecisionOutcome, PartStatus>> = {
  APPROVE: 'APPROVED',
  DENY: 'DENIED',
  NEEDS_CHANGES: 'NEEDS_CHANGES',
};

/**
 * A new request is all pending, one part per partner, each dataset in one part. Anything else is
 * a mistake of the caller, not a state the store met, so it throws rather than returning a conflict.
 */
export function checkNewRequest(request: AccessRequest): void {
  const invalid = (why: string) => new TypeError(`access request ${JSON.stringify(request.id)}: ${why}`);
  if (typeof request.id !== 'string' || request.id === '') throw invalid('needs an id');
  if (!request.requester?.subject) throw invalid('needs a requester subject');
  timeKey(request.createdAt);
  if (request.parts.length === 0) throw invalid('has no parts');
  const partners = new Set<string>();
  const datasets = new Set<string>();
  for (const part of request.parts) {
    if (!part.partnerId) throw invalid('has a part without a partner');
    if (partners.has(part.partnerId)) throw invalid(`has two parts for partner ${part.partnerId}`);
    partners.add(part.partnerId);
    if (part.status !== 'PENDING' || part.decision || part.appeal) throw invalid(`part ${part.partnerId} is not a new pending part`);
    if (part.datasetIds.length === 0) throw invalid(`part ${part.partnerId} names no dataset`);
    for (const datasetId of part.datasetIds) {
      if (datasets.has(datasetId)) throw invalid(`names dataset ${datasetId} twice`);
      datasets.add(datasetId);
    }
  }
}

/** The datasets of a request's pending parts: a second pending request by its requester may not name them. */
export function pendingDatasetsOf(request: AccessRequest): string[] {
  return request.parts.filter((part) => part.status === 'PENDING').flatMap((part) => [...part.datasetIds]);
}

/** The conflict of a new request with a pending one of the same requester, naming the dataset. */
export function duplicatePending(datasetId: string, pendingRequestId: string): Conflict {
  return conflict('DUPLICATE_PENDING', `dataset ${datasetId} is already requested in pending request ${pendingRequestId}`);
}

function findPart(request: AccessRequest | null, requestId: string, partnerId: string): Conflict | RequestPart {
  if (!request) return conflict('NOT_FOUND', `no access request ${requestId}`);
  const part = request.parts.find((p) => p.partnerId === partnerId);
  return part ?? conflict('NOT_FOUND', `access request ${requestId} has no part for partner ${partnerId}`);
}

function isConflict(value: Conflict | RequestPart): value is Conflict {
  return 'ok' in value;
}

function replacePart(request: AccessRequest, partnerId: string, change: (part: RequestPart) => RequestPart): AccessRequest {
  return { ...request, parts: request.parts.map((part) => (part.partnerId === partnerId ? change(part) : part)) };
}

/** Every pending part withdrawn at `at`; NOT_PENDING when none is pending any more. */
export function withdrawRequest(request: AccessRequest | null, requestId: string, at: string): ChangeResult<AccessRequest> {
  if (!request) return conflict('NOT_FOUND', `no access request ${requestId}`);
  timeKey(at);
  if (!request.parts.some((part) => part.status === 'PENDING')) {
    return conflict('NOT_PENDING', `access request ${requestId} has no pending part to withdraw`);
  }
  return ok({
    ...request,
    parts: request.parts.map((part) => (part.status === 'PENDING' ? { ...part, status: 'WITHDRAWN' as const, withdrawnAt: at } : part)),
  });
}

/**
 * Grants come only with an approval, each for a dataset of the part being approved. A mismatch is
 * the caller's mistake and throws: writing it would give access nobody decided.
 */
export function checkGrants(request: AccessRequest, part: RequestPart, decision: Decision, grants: readonly StoredGrant[]): void {
  if (decision.outcome !== 'APPROVE' && grants.length > 0) {
    throw new TypeError(`a ${decision.outcome} decision on ${request.id}/${part.partnerId} comes with grants`);
  }
  const ids = new Set<string>();
  const granted = new Set<string>();
  for (const grant of grants) {
    if (!grant.id || ids.has(grant.id)) throw new TypeError(`grant ids must be present and distinct (${JSON.stringify(grant.id)})`);
    ids.add(grant.id);
    if (grant.requestId !== request.id || grant.partnerId !== part.partnerId || !part.datasetIds.includes(grant.datasetId)) {
      throw new TypeError(`grant ${grant.id} is not for a dataset of ${request.id}/${part.partnerId}`);
    }
    const datasetOfGrantee = `${granteeId(grant.grantee)}\u0000${grant.datasetId}`;
    if (granted.has(datasetOfGrantee)) throw new TypeError(`two grants of dataset ${grant.datasetId} to one grantee in one decision`);
    granted.add(datasetOfGrantee);
    timeKey(grant.grantedAt);
    if (grant.revoked) throw new TypeError(`grant ${grant.id} is revoked before it is written`);
    if (!Number.isFinite(grant.expiresAt)) throw new TypeError(`grant ${grant.id} has no expiry`);
  }
}

function checkDecision(decision: Decision): void {
  timeKey(decision.at);
  if (!(decision.outcome in STATUS_AFTER)) throw new TypeError(`unknown decision outcome ${JSON.stringify(decision.outcome)}`);
}

/** A steward's (or a trusted organisation's automatic) decision on a pending part. */
export function decidePart(
  request: AccessRequest | null,
  requestId: string,
  partnerId: string,
  decision: Decision,
  grants: readonly StoredGrant[],
): ChangeResult<AccessRequest> {
  checkDecision(decision);
  const part = findPart(request, requestId, partnerId);
  if (isConflict(part)) return part;
  if (part.status !== 'PENDING') {
    return conflict('NOT_PENDING', `part ${partnerId} of access request ${requestId} is ${part.status}, not PENDING`);
  }
  checkGrants(request!, part, decision, grants);
  return ok(replacePart(request!, partnerId, (p) => ({ ...p, status: STATUS_AFTER[decision.outcome], decision })));
}

/** One appeal per part, only against a denial. */
export function appealPart(request: AccessRequest | null, requestId: string, partnerId: string, statement: string, at: string): ChangeResult<AccessRequest> {
  timeKey(at);
  const part = findPart(request, requestId, partnerId);
  if (isConflict(part)) return part;
  if (part.appeal) return conflict('ALREADY_APPEALED', `part ${partnerId} of access request ${requestId} was appealed on ${part.appeal.at}`);
  if (part.status !== 'DENIED') {
    return conflict('NOT_DENIED', `part ${partnerId} of access request ${requestId} is ${part.status}; only a denial can be appealed`);
  }
  return ok(replacePart(request!, partnerId, (p) => ({ ...p, appeal: { statement, at } })));
}

/** The board's final decision on an appeal; the steward's decision stays on the part. */
export function decideAppeal(
  request: AccessRequest | null,
  requestId: string,
  partnerId: string,
  decision: Decision,
  grants: readonly StoredGrant[],
): ChangeResult<AccessRequest> {
  checkDecision(decision);
  const part = findPart(request, requestId, partnerId);
  if (isConflict(part)) return part;
  if (!part.appeal || part.appeal.decision) {
    return conflict('NO_PENDING_APPEAL', `part ${partnerId} of access request ${requestId} has ${part.appeal ? 'an appeal decided already' : 'no appeal'}`);
  }
  checkGrants(request!, part, decision, grants);
  return ok(replacePart(request!, partnerId, (p) => ({ ...p, status: STATUS_AFTER[decision.outcome], appeal: { ...p.appeal!, decision } })));
}

export function revokeGrant(grant: StoredGrant | null, grantId: string, revocation: NonNullable<StoredGrant['revoked']>): ChangeResult<StoredGrant> {
  timeKey(revocation.at);
  if (!grant) return conflict('NOT_FOUND', `no grant ${grantId}`);
  if (grant.revoked) return conflict('ALREADY_REVOKED', `grant ${grantId} was revoked on ${grant.revoked.at}`);
  return ok({ ...grant, revoked: { ...revocation } });
}

/** Whether a part is listed among the board's pending appeals. */
export function hasPendingAppeal(part: RequestPart): boolean {
  return part.appeal !== undefined && part.appeal.decision === undefined;
}
