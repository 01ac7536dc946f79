import {
  decodeGrantEntry,
  DEFAULT_KEY_PREFIX,
  encodeGrantEntry,
  encodeSuspension,
  type Grantee,
  type SuspensionEntry,
} from '../../../runtime/governance/grant-keys.js';
import { openRedisConnection, withTimeout, type RedisClient, type RedisConnection } from '../../../runtime/redis-connection.js';
import {
  GovernanceStoreUnavailableError,
  type AccessRequest,
  type ChangeResult,
  type Decision,
  type GovernanceStore,
  type Page,
  type PartStatus,
  type RequestPart,
  type StoredGrant,
  type Suspension,
  type TrustMark,
} from './governance-store.js';
import { checkPageSize, decodeCursor, encodeCursor, grantSortKey, idOfSortKey, parsePartSortKey, partSortKey, requestSortKey, timeKey } from './order.js';
import { GovernanceKeys, trustField } from './redis-keys.js';
import { Step, STEP_SCRIPT, STEP_SCRIPT_SHA } from './redis-step.js';
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

export interface RedisGovernanceStoreOptions {
  /** In front of every key (default DEFAULT_KEY_PREFIX); the store's own keys under `<prefix>governance:`. */
  prefix?: string;
  /** Each Redis call fails after this long instead of waiting on a Redis that does not answer. */
  timeoutMs?: number;
  /** How often a state change is recomputed when concurrent changes keep overtaking it. */
  maxAttempts?: number;
  /** close() also closes the client (a store made by RedisGovernanceStore.connect). */
  ownsClient?: boolean;
}

/**
 * The governance store for REDIS_URL (ARCHITECTURE.md "Stores"): durable, shared by every replica
 * of the governance subgraph, and the writer of the grant hashes and suspension keys each gateway
 * replica reads per request.
 *
 * Every state change is one Step (./redis-step.ts): the store reads what the change depends on,
 * computes the new state with the same transitions as the in-memory store, and runs one script
 * that writes the record, its indexes and the gateway's grant hash only if everything read is
 * still as it was read. When a concurrent change got there first, the store reads again and
 * recomputes: of twenty concurrent decisions on one part, one writes and nineteen then find the
 * part decided (NOT_PENDING).
 */
export class RedisGovernanceStore implements GovernanceStore {
  readonly durable = true;
  readonly #client: RedisClient;
  readonly #keys: GovernanceKeys;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #ownsClient: boolean;
  #connection: RedisConnection | null = null;
  /** Whether the listings of every request and grant are known to be complete (see #completeListings). */
  #listedAll = false;

  constructor(client: RedisClient, options: RedisGovernanceStoreOptions = {}) {
    this.#client = client;
    this.#keys = new GovernanceKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#maxAttempts = options.maxAttempts ?? 64;
    this.#ownsClient = options.ownsClient ?? false;
  }

  /**
   * A store over a connection of its own, opened in the background: until Redis answers, every
   * call is rejected with GovernanceStoreUnavailableError (nothing waits for it).
   */
  static connect(url: string, options: Omit<RedisGovernanceStoreOptions, 'ownsClient'> & { connectTimeoutMs?: number } = {}): RedisGovernanceStore {
    const connection = openRedisConnection(url, { timeoutMs: options.connectTimeoutMs ?? 1000 });
    const store = new RedisGovernanceStore(connection.client, { ...options, ownsClient: true });
    store.#connection = connection;
    return store;
  }

  /** True when Redis answers now (waiting for a connection still being made, within its timeout): for /ready and start-up logs. */
  async ping(): Promise<boolean> {
    if (this.#connection) return this.#connection.ping();
    try {
      return (await this.#call('ping', (c) => c.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  async createRequest(request: AccessRequest): Promise<ChangeResult<AccessRequest>> {
    checkNewRequest(request);
    const keys = this.#keys;
    const pendingKey = keys.pendingDatasets(request.requester.subject);
    const datasets = pendingDatasetsOf(request);
    return this.#attempt('record the access request', async () => {
      const [existing, pendingIn] = await this.#call('read pending requests', async (c) => Promise.all([
        c.exists(keys.request(request.id)),
        c.hmGet(pendingKey, datasets),
      ]));
      if (existing > 0) throw new TypeError(`access request ${request.id} exists already`);
      const taken = datasets.findIndex((_, i) => pendingIn[i] != null);
      if (taken >= 0) return duplicatePending(datasets[taken]!, pendingIn[taken]!);
      const step = new Step().expect(keys.request(request.id), null);
      for (const datasetId of datasets) step.expectField(pendingKey, datasetId, null);
      step.set(keys.request(request.id), JSON.stringify(request));
      this.#reindex(step, null, request);
      return (await this.#run(step)) ? ok(structuredClone(request)) : null;
    });
  }

  async getRequest(id: string): Promise<AccessRequest | null> {
    const raw = await this.#call('read the access request', (c) => c.get(this.#keys.request(id)));
    return raw === null ? null : parse<AccessRequest>(raw);
  }

  async requestsOf(subject: string): Promise<AccessRequest[]> {
    const members = await this.#call('list the requester\'s requests', (c) => c.zRange(this.#keys.requestsOf(subject), 0, -1));
    return (await this.#requests(members.map(idOfSortKey))).filter((r): r is AccessRequest => r !== null);
  }

  async partsOf(partnerId: string, status: PartStatus, first: number, after?: string | null): Promise<Page<Listed>> {
    return this.#list(this.#keys.parts(partnerId, status), first, after, '+', (_r, part) => part.partnerId === partnerId && part.status === status);
  }

  async overdueParts(createdBefore: string, first: number, after?: string | null): Promise<Page<Listed>> {
    return this.#list(this.#keys.pending(), first, after, `(${timeKey(createdBefore)}`, (_r, part) => part.status === 'PENDING');
  }

  async pendingAppeals(first: number, after?: string | null): Promise<Page<Listed>> {
    return this.#list(this.#keys.appeals(), first, after, '+', (_r, part) => hasPendingAppeal(part));
  }

  async allRequests(first: number, after?: string | null): Promise<Page<AccessRequest>> {
    return this.#listAll(this.#keys.allRequests(), first, after, 'every access request', (ids) => this.#requests(ids));
  }

  async withdraw(requestId: string, at: string): Promise<ChangeResult<AccessRequest>> {
    return this.#changeRequest('withdraw the access request', requestId, (request) => withdrawRequest(request, requestId, at), []);
  }

  async decide(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>> {
    return this.#changeRequest('record the decision', requestId, (request) => decidePart(request, requestId, partnerId, decision, grants), grants);
  }

  async appeal(requestId: string, partnerId: string, statement: string, at: string): Promise<ChangeResult<AccessRequest>> {
    return this.#changeRequest('record the appeal', requestId, (request) => appealPart(request, requestId, partnerId, statement, at), []);
  }

  async decideAppeal(requestId: string, partnerId: string, decision: Decision, grants: readonly StoredGrant[]): Promise<ChangeResult<AccessRequest>> {
    return this.#changeRequest('record the board\'s decision', requestId, (request) => decideAppeal(request, requestId, partnerId, decision, grants), grants);
  }

  async getGrant(id: string): Promise<StoredGrant | null> {
    const raw = await this.#call('read the grant', (c) => c.get(this.#keys.grant(id)));
    return raw === null ? null : parse<StoredGrant>(raw);
  }

  async grantsOf(grantee: Grantee): Promise<StoredGrant[]> {
    const members = await this.#call('list the grants', (c) => c.zRange(this.#keys.grantsOf(grantee), 0, -1));
    return (await this.#grants(members.map(idOfSortKey))).filter((g): g is StoredGrant => g !== null);
  }

  /** By the time each was granted, then id, as the in-memory store lists them. */
  async allGrants(first: number, after?: string | null): Promise<Page<StoredGrant>> {
    return this.#listAll(this.#keys.allGrants(), first, after, 'every grant', (ids) => this.#grants(ids));
  }

  async revokeGrant(id: string, revocation: NonNullable<StoredGrant['revoked']>): Promise<ChangeResult<StoredGrant>> {
    const keys = this.#keys;
    return this.#attempt('revoke the grant', async () => {
      const raw = await this.#call('read the grant', (c) => c.get(keys.grant(id)));
      const result = revokeGrant(raw === null ? null : parse<StoredGrant>(raw), id, revocation);
      if (!result.ok) return result;
      const grant = result.value;
      const hash = keys.gatewayGrants(grant.grantee);
      const version = keys.grantsVersion(grant.grantee);
      const [entry, versionNow] = await this.#call('read the gateway\'s grant', async (c) => Promise.all([c.hGet(hash, grant.datasetId), c.get(version)]));
      const step = new Step()
        .expect(keys.grant(id), raw)
        .expectField(hash, grant.datasetId, entry ?? null)
        .expect(version, versionNow)
        .set(keys.grant(id), JSON.stringify(grant))
        .incr(version);
      // The gateway's field names one grant per dataset; when it names this one, another live grant
      // of the same grantee and dataset (if any) takes its place, else the field goes.
      if (entry != null && decodeGrantEntry(entry)?.id === id) {
        const now = Date.now();
        const successor = (await this.grantsOf(grant.grantee))
          .filter((g) => g.id !== id && g.datasetId === grant.datasetId && !g.revoked && g.expiresAt > now)
          .sort((a, b) => b.expiresAt - a.expiresAt)[0];
        if (successor) step.hset(hash, grant.datasetId, gatewayEntry(successor));
        else step.hdel(hash, grant.datasetId);
      }
      return (await this.#run(step)) ? ok(grant) : null;
    });
  }

  async setTrust(mark: TrustMark): Promise<void> {
    await this.#call('record the trust mark', (c) => c.hSet(this.#keys.trust(mark.partnerId), trustField(mark.organisation, mark.dataClass), JSON.stringify(mark)));
  }

  async removeTrust(partnerId: string, organisation: string, dataClass: string): Promise<boolean> {
    return (await this.#call('remove the trust mark', (c) => c.hDel(this.#keys.trust(partnerId), trustField(organisation, dataClass)))) > 0;
  }

  async trustMarksOf(partnerId: string): Promise<TrustMark[]> {
    const marks = await this.#call('list the trust marks', (c) => c.hGetAll(this.#keys.trust(partnerId)));
    return Object.keys(marks).sort().map((field) => parse<TrustMark>(marks[field]!));
  }

  async isTrusted(partnerId: string, organisation: string, dataClass: string): Promise<boolean> {
    return (await this.#call('read the trust mark', (c) => c.hExists(this.#keys.trust(partnerId), trustField(organisation, dataClass)))) === 1;
  }

  async suspend(suspension: Suspension): Promise<void> {
    const entry: SuspensionEntry = { reason: suspension.reason, by: suspension.by, at: suspension.at };
    await this.#call('record the suspension', (c) => c.set(this.#keys.suspension(suspension.grantee), encodeSuspension(entry)));
  }

  async reinstate(grantee: Grantee): Promise<boolean> {
    return (await this.#call('lift the suspension', (c) => c.del(this.#keys.suspension(grantee)))) > 0;
  }

  async suspensionOf(grantee: Grantee): Promise<Suspension | null> {
    const raw = await this.#call('read the suspension', (c) => c.get(this.#keys.suspension(grantee)));
    if (raw === null) return null;
    const entry = parse<Partial<SuspensionEntry>>(raw);
    return { grantee: structuredClone(grantee), reason: String(entry.reason ?? ''), by: String(entry.by ?? ''), at: String(entry.at ?? '') };
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.isOpen) this.#client.destroy();
  }

  /** A change of one request (and the grants it approves): read, recompute, write if unchanged. */
  #changeRequest(
    what: string,
    requestId: string,
    transition: (request: AccessRequest | null) => ChangeResult<AccessRequest>,
    grants: readonly StoredGrant[],
  ): Promise<ChangeResult<AccessRequest>> {
    const keys = this.#keys;
    return this.#attempt(what, async () => {
      const raw = await this.#call('read the access request', (c) => c.get(keys.request(requestId)));
      const before = raw === null ? null : parse<AccessRequest>(raw);
      const result = transition(before);
      if (!result.ok) return result;
      const step = new Step().expect(keys.request(requestId), raw).set(keys.request(requestId), JSON.stringify(result.value));
      this.#reindex(step, before, result.value);
      await this.#addGrants(step, grants);
      return (await this.#run(step)) ? ok(result.value) : null;
    });
  }

  /** Grant records, their grantees' listings, and the gateway's hash, in the step that approves them. */
  async #addGrants(step: Step, grants: readonly StoredGrant[]): Promise<void> {
    if (grants.length === 0) return;
    const keys = this.#keys;
    const [existing, entries] = await this.#call('read the gateway\'s grants', async (c) => Promise.all([
      c.exists(grants.map((g) => keys.grant(g.id))),
      Promise.all(grants.map((g) => c.hGet(keys.gatewayGrants(g.grantee), g.datasetId))),
    ]));
    if (existing > 0) throw new TypeError(`a grant id of ${grants.map((g) => g.id).join(', ')} exists already`);
    grants.forEach((grant, i) => {
      const hash = keys.gatewayGrants(grant.grantee);
      const entry = entries[i] ?? null;
      step
        .expect(keys.grant(grant.id), null)
        .expectField(hash, grant.datasetId, entry)
        .set(keys.grant(grant.id), JSON.stringify(grant))
        .zadd(keys.grantsOf(grant.grantee), grantSortKey(grant))
        .zadd(keys.allGrants(), grantSortKey(grant))
        .incr(keys.grantsVersion(grant.grantee));
      // One field per dataset: a grant that lasts longer than the one there (an earlier approval
      // not yet expired) leaves it in place, so a new approval never shortens access.
      const current = entry === null ? null : decodeGrantEntry(entry);
      if (current === null || grant.expiresAt >= current.expiresAt) step.hset(hash, grant.datasetId, gatewayEntry(grant));
    });
  }

  /** Index entries the request leaves and enters, so that every listing follows the record. */
  #reindex(step: Step, before: AccessRequest | null, after: AccessRequest): void {
    const old = before ? this.#indexOf(before) : { members: new Map<string, [string, string]>(), fields: new Map<string, [string, string]>() };
    const now = this.#indexOf(after);
    for (const [id, [key, member]] of old.members) if (!now.members.has(id)) step.zrem(key, member);
    for (const [id, [key, member]] of now.members) if (!old.members.has(id)) step.zadd(key, member);
    const fieldsKey = this.#keys.pendingDatasets(after.requester.subject);
    for (const [id, [field]] of old.fields) if (!now.fields.has(id)) step.hdel(fieldsKey, field);
    for (const [id, [field, value]] of now.fields) if (!old.fields.has(id)) step.hset(fieldsKey, field, value);
  }

  #indexOf(request: AccessRequest): { members: Map<string, [string, string]>; fields: Map<string, [string, string]> } {
    const keys = this.#keys;
    const members = new Map<string, [string, string]>();
    const add = (key: string, member: string) => members.set(JSON.stringify([key, member]), [key, member]);
    add(keys.requestsOf(request.requester.subject), requestSortKey(request));
    add(keys.allRequests(), requestSortKey(request));
    for (const part of request.parts) {
      const byCreation = partSortKey(request.createdAt, request.id, part.partnerId);
      add(keys.parts(part.partnerId, part.status), byCreation);
      if (part.status === 'PENDING') add(keys.pending(), byCreation);
      if (hasPendingAppeal(part)) add(keys.appeals(), partSortKey(part.appeal!.at, request.id, part.partnerId));
    }
    const fields = new Map<string, [string, string]>();
    for (const datasetId of pendingDatasetsOf(request)) fields.set(JSON.stringify([datasetId, request.id]), [datasetId, request.id]);
    return { members, fields };
  }

  /** Parts listed in a sorted set, after the cursor, up to `max`; those changed since listing are left out. */
  async #list(key: string, first: number, after: string | null | undefined, max: string, stillListed: (request: AccessRequest, part: RequestPart) => boolean): Promise<Page<Listed>> {
    checkPageSize(first);
    const min = after ? `(${decodeCursor(after)}` : '-';
    const members = await this.#call('list access requests', (c) => c.zRange(key, min, max, { BY: 'LEX', LIMIT: { offset: 0, count: first + 1 } }));
    const scanned = members.slice(0, first);
    const positions = scanned.map((member) => parsePartSortKey(member)).filter((p) => p !== null);
    const requests = await this.#requests(positions.map((p) => p.requestId));
    const items: Listed[] = [];
    positions.forEach((position, i) => {
      const request = requests[i];
      const part = request?.parts.find((p) => p.partnerId === position.partnerId);
      if (request && part && stillListed(request, part)) items.push({ request, part: structuredClone(part) });
    });
    return { items, endCursor: members.length > first ? encodeCursor(scanned[scanned.length - 1]!) : null };
  }

  /**
   * A page of one of the listings of every request or grant, after the cursor. Members are sort
   * keys, so a page is one ZRANGE BYLEX and one MGET however large the store: nothing is loaded whole.
   */
  async #listAll<T>(key: string, first: number, after: string | null | undefined, what: string, read: (ids: string[]) => Promise<(T | null)[]>): Promise<Page<T>> {
    checkPageSize(first);
    const min = after ? `(${decodeCursor(after, 'records')}` : '-';
    await this.#completeListings();
    const members = await this.#call(`list ${what}`, (c) => c.zRange(key, min, '+', { BY: 'LEX', LIMIT: { offset: 0, count: first + 1 } }));
    const scanned = members.slice(0, first);
    const items = (await read(scanned.map(idOfSortKey))).filter((item): item is T => item !== null);
    return { items, endCursor: members.length > first ? encodeCursor(scanned[scanned.length - 1]!) : null };
  }

  /**
   * The listings of every request and grant are written with each request and grant; records
   * written before those listings existed are added to them once, found by SCAN (never KEYS), and
   * a marker then says the listings are whole. Adding a member already there changes nothing, so
   * two stores filling them in at once, or a change written meanwhile, do no harm.
   */
  async #completeListings(): Promise<void> {
    if (this.#listedAll) return;
    const keys = this.#keys;
    if ((await this.#call('read whether the listings are whole', (c) => c.exists(keys.allListed()))) === 0) {
      await this.#listOlder(keys.requestRecords(), keys.allRequests(), (raw) => requestSortKey(parse<AccessRequest>(raw)));
      await this.#listOlder(keys.grantRecords(), keys.allGrants(), (raw) => grantSortKey(parse<StoredGrant>(raw)));
      await this.#call('mark the listings whole', (c) => c.set(keys.allListed(), new Date().toISOString()));
    }
    this.#listedAll = true;
  }

  async #listOlder(pattern: string, listing: string, sortKey: (raw: string) => string): Promise<void> {
    let cursor = '0';
    do {
      const reply = await this.#call('find older records', (c) => c.scan(cursor, { MATCH: pattern, COUNT: 1000, TYPE: 'string' }));
      cursor = String(reply.cursor);
      if (reply.keys.length === 0) continue;
      const raws = await this.#call('read older records', (c) => c.mGet(reply.keys));
      const members = raws.filter((raw): raw is string => raw !== null).map((raw) => ({ score: 0, value: sortKey(raw) }));
      if (members.length > 0) await this.#call('list older records', (c) => c.zAdd(listing, members), true);
    } while (cursor !== '0');
  }

  async #grants(ids: readonly string[]): Promise<(StoredGrant | null)[]> {
    if (ids.length === 0) return [];
    const raws = await this.#call('read grants', (c) => c.mGet(ids.map((id) => this.#keys.grant(id))));
    return raws.map((raw) => (raw === null ? null : parse<StoredGrant>(raw)));
  }

  async #requests(ids: readonly string[]): Promise<(AccessRequest | null)[]> {
    if (ids.length === 0) return [];
    const raws = await this.#call('read access requests', (c) => c.mGet(ids.map((id) => this.#keys.request(id))));
    return raws.map((raw) => (raw === null ? null : parse<AccessRequest>(raw)));
  }

  /** Runs one step; false when a guard failed (a concurrent change came first) and nothing was written. */
  async #run(step: Step): Promise<boolean> {
    const options = { keys: step.keys, arguments: [step.program()] };
    const reply = await this.#call('write the change', async (c) => {
      try {
        return await c.evalSha(STEP_SCRIPT_SHA, options);
      } catch (error) {
        // A Redis that restarted or flushed its script cache: send the script itself once.
        if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return c.eval(STEP_SCRIPT, options);
        throw error;
      }
    }, true);
    return reply === 0;
  }

  /** Recomputes a change until its step is written or it meets a conflict. */
  async #attempt<T>(what: string, once: () => Promise<ChangeResult<T> | null>): Promise<ChangeResult<T>> {
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const result = await once();
      if (result !== null) return result;
    }
    throw new GovernanceStoreUnavailableError(`could not ${what}: ${this.#maxAttempts} concurrent changes overtook it; nothing was written`);
  }

  /** One Redis round trip, bounded in time, its failure reported as the store being unavailable. */
  async #call<T>(what: string, run: (client: RedisClient) => Promise<T>, writes = false): Promise<T> {
    // A step sent but not answered in time may still run later, whole: say so rather than "not made".
    const late = writes ? '; if Redis runs it later, it runs whole' : '';
    try {
      return await withTimeout(run(this.#client), this.#timeoutMs, () => new Error(`no answer within ${this.#timeoutMs} ms${late}`));
    } catch (error) {
      const reason = error instanceof Error ? error.message || error.name : String(error);
      throw new GovernanceStoreUnavailableError(`could not ${what}: Redis: ${reason}`, { cause: error });
    }
  }
}

function gatewayEntry(grant: StoredGrant): string {
  return encodeGrantEntry({ id: grant.id, expiresAt: grant.expiresAt, acceptedTerms: [...grant.acceptedTerms], partnerId: grant.partnerId });
}

function parse<T>(raw: string): T {
  return JSON.parse(raw) as T;
}
