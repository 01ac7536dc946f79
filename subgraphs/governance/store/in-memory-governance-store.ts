import { granteeId, type Grantee } from '../../../runtime/governance/grant-keys.js';
import type {
  AccessRequest,
  ChangeResult,
  Decision,
  GovernanceStore,
  Page,
  PartStatus,
  RequestPart,
  StoredGrant,
  Suspension,
  TrustMark,
} from './governance-store.js';
import { checkPageSize, decodeCursor, grantSortKey, pageOf, partSortKey, requestSortKey } from './order.js';
import {
  appealPart,
  checkNewRequest,
  decideAppeal,
  decidePart,
  duplicatePending,
  hasPendingAppeal,
  ok,
  pendingDatasetsOf,
  revokeGrant,
  withdrawRequest,
} from './transitions.js';

type Listed = { request: AccessRequest; part: RequestPart };

/**
 * The governance store of one process (`npm start` without REDIS_URL): nothing survives a restart
 * and replicas do not share it, so it says durable = false and the subgraph logs that at start.
 * Every method runs to completion without awaiting, which makes each state change one step.
 * Values are copied in and out: a caller holding a returned object cannot change stored state.
 */
export class InMemoryGovernanceStore implements GovernanceStore {
  readonly durable = false;
  readonly #requests = new Map<string, AccessRequest>();
  readonly #grants = new Map<string, StoredGrant>();
  /** partner -> organisation NUL data class -> mark. */
  readonly #trust = new Map<string, Map<string, TrustMark>>();
  /** granteeId -> suspension. */
  readonly #suspensions = new Map<string, Suspension>();
  #closed = false;

  async createRequest(request: AccessRequest): Promise<ChangeResult<AccessRequest>> {
    this.#open();
    checkNewRequest(request);
    if (this.#requests.has(request.id)) throw new TypeError(`access request ${request.id} exists already`);
    const pending = new Map<string, string>();
    for (const other of this.#requests.values()) {
      if (other.requester.subject !== request.requester.subject) continue;
      for (const datasetId of pendingDatasetsOf(other)) pending.set(datasetId, other.id);
    }
    for (const datasetId of pendingDatasetsOf(request)) {
      const other = pending.get(datasetId);
      if (other !== undefined) return duplicatePending(datasetId, other);
    }
    this.#requests.set(request.id, copy(request));
    return ok(copy(request));
  }

  async getRequest(id: string): Promise<AccessRequest | null> {
    this.#open();
    const request = this.#requests.get(id);
    return request ? copy(request) : null;
  }

  async requestsOf(subject: string): Promise<AccessRequest[]> {
    this.#open();
    return [...this.#requests.values()]
      .filter((request) => request.requester.subject === subject)
      .map((request) => ({ key: requestSortKey(request), request }))
      .sort(byKey)
      .map(({ request }) => copy(request));
  }

  async partsOf(partnerId: string, status: PartStatus, first: number, after?: string | null): Promise<Page<Listed>> {
    return this.#list(first, after, (request, part) => (part.partnerId === partnerId && part.status === status ? request.createdAt : null));
  }

  async overdueParts(createdBefore: string, first: number, after?: string | null): Promise<Page<Listed>> {
    const before = Date.parse(createdBefore);
    if (!Number.isFinite(before)) throw new TypeError(`not an ISO 8601 time: ${JSON.stringify(createdBefore)}`);
    return this.#list(first, after, (request, part) => (part.status === 'PENDING' && Date.parse(request.createdAt) < before ? request.createdAt : null));
  }

  async pendingAppeals(first: number, after?: string | null): Promise<Page<Listed>> {
    return this.#list(first, after, (_request, part) => (hasPendingAppeal(part) ? part.appeal!.at : null));
  }

  async allRequests(first: number, after?: string | null): Promise<Page<AccessRequest>> {
    return this.#page([...this.#requests.values()].map((request) => ({ key: requestSortKey(request), item: request })), first, after);
  }

  async withdraw(requestId: string, at: string): Promise<ChangeResult<AccessRequest>> {
    this.#open();
    return this.#commit(withdrawRequest(this.#requests.get(requestId) ?? null, requestId, at), []);
  }

  async decide(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>> {
    this.#open();
    return this.#commit(decidePart(this.#requests.get(requestId) ?? null, requestId, partnerId, decision, grants), grants);
  }

  async appeal(requestId: string, partnerId: string, statement: string, at: string): Promise<ChangeResult<AccessRequest>> {
    this.#open();
    return this.#commit(appealPart(this.#requests.get(requestId) ?? null, requestId, partnerId, statement, at), []);
  }

  async decideAppeal(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>> {
    this.#open();
    return this.#commit(decideAppeal(this.#requests.get(requestId) ?? null, requestId, partnerId, decision, grants), grants);
  }

  async getGrant(id: string): Promise<StoredGrant | null> {
    this.#open();
    const grant = this.#grants.get(id);
    return grant ? copy(grant) : null;
  }

  async grantsOf(grantee: Grantee): Promise<StoredGrant[]> {
    this.#open();
    const id = granteeId(grantee);
    return [...this.#grants.values()]
      .filter((grant) => granteeId(grant.grantee) === id)
      .map((grant) => ({ key: grantSortKey(grant), grant }))
      .sort(byKey)
      .map(({ grant }) => copy(grant));
  }

  /** By the time each was granted, then id: the order of grantsOf, over every grantee. */
  async allGrants(first: number, after?: string | null): Promise<Page<StoredGrant>> {
    return this.#page([...this.#grants.values()].map((grant) => ({ key: grantSortKey(grant), item: grant })), first, after);
  }

  async revokeGrant(id: string, revocation: NonNullable<StoredGrant['revoked']>): Promise<ChangeResult<StoredGrant>> {
    this.#open();
    const result = revokeGrant(this.#grants.get(id) ?? null, id, revocation);
    if (!result.ok) return result;
    this.#grants.set(id, copy(result.value));
    return ok(copy(result.value));
  }

  async setTrust(mark: TrustMark): Promise<void> {
    this.#open();
    let marks = this.#trust.get(mark.partnerId);
    if (!marks) this.#trust.set(mark.partnerId, (marks = new Map()));
    marks.set(trustField(mark.organisation, mark.dataClass), copy(mark));
  }

  async removeTrust(partnerId: string, organisation: string, dataClass: string): Promise<boolean> {
    this.#open();
    return this.#trust.get(partnerId)?.delete(trustField(organisation, dataClass)) ?? false;
  }

  async trustMarksOf(partnerId: string): Promise<TrustMark[]> {
    this.#open();
    return [...(this.#trust.get(partnerId)?.entries() ?? [])]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, mark]) => copy(mark));
  }

  async isTrusted(partnerId: string, organisation: string, dataClass: string): Promise<boolean> {
    this.#open();
    return this.#trust.get(partnerId)?.has(trustField(organisation, dataClass)) ?? false;
  }

  async suspend(suspension: Suspension): Promise<void> {
    this.#open();
    this.#suspensions.set(granteeId(suspension.grantee), copy(suspension));
  }

  async reinstate(grantee: Grantee): Promise<boolean> {
    this.#open();
    return this.#suspensions.delete(granteeId(grantee));
  }

  async suspensionOf(grantee: Grantee): Promise<Suspension | null> {
    this.#open();
    const suspension = this.#suspensions.get(granteeId(grantee));
    return suspension ? copy(suspension) : null;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #open(): void {
    if (this.#closed) throw new Error('the governance store is closed');
  }

  /** Writes a changed request and the grants it approved, or nothing when the change met a conflict. */
  #commit(result: ChangeResult<AccessRequest>, grants: readonly StoredGrant[]): ChangeResult<AccessRequest> {
    if (!result.ok) return result;
    for (const grant of grants) {
      if (this.#grants.has(grant.id)) throw new TypeError(`grant ${grant.id} exists already`);
    }
    this.#requests.set(result.value.id, copy(result.value));
    for (const grant of grants) this.#grants.set(grant.id, copy(grant));
    return ok(copy(result.value));
  }

  /** Whole requests or grants in sort key order, after the cursor. */
  #page<T>(entries: { key: string; item: T }[], first: number, after: string | null | undefined): Page<T> {
    this.#open();
    checkPageSize(first);
    const afterKey = after ? decodeCursor(after, 'records') : null;
    const following = entries.filter(({ key }) => afterKey === null || key > afterKey).sort(byKey);
    const page = pageOf(following.slice(0, first + 1), first);
    return { ...page, items: page.items.map(copy) };
  }

  /** Parts listed by `listedAt` (null: not listed), in sort key order, after the cursor. */
  #list(first: number, after: string | null | undefined, listedAt: (request: AccessRequest, part: RequestPart) => string | null): Page<Listed> {
    this.#open();
    checkPageSize(first);
    const afterKey = after ? decodeCursor(after) : null;
    const entries: { key: string; item: Listed }[] = [];
    for (const request of this.#requests.values()) {
      for (const part of request.parts) {
        const at = listedAt(request, part);
        if (at === null) continue;
        const key = partSortKey(at, request.id, part.partnerId);
        if (afterKey === null || key > afterKey) entries.push({ key, item: { request, part } });
      }
    }
    entries.sort(byKey);
    const page = pageOf(entries.slice(0, first + 1), first);
    return { ...page, items: page.items.map(({ request, part }) => ({ request: copy(request), part: copy(part) })) };
  }
}

function trustField(organisation: string, dataClass: string): string {
  return `${organisation}\u0000${dataClass}`;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
