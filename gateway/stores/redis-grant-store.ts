import {
  decodeGrantEntry, DEFAULT_KEY_PREFIX, grantsKey, suspensionKey, type Grantee,
} from '../../runtime/governance/grant-keys.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { granteesOf, NO_STORED_GRANTS, type GrantStore, type StoredGrants } from './grant-store.js';
import type { RedisClient } from './redis-connection.js';

export interface RedisGrantStoreOptions {
  /** In front of every key; the governance store must write under the same one (REDIS_KEY_PREFIX). */
  prefix?: string;
  /** Longest wait for one read; then it fails, and the fields that needed grants are denied. */
  timeoutMs?: number;
}

/**
 * Reads the keys the governance store writes in the same atomic step as its own records
 * (runtime/governance/grant-keys.ts): one hash of grants per grantee and one suspension key per
 * grantee, for the person and their verified organisation. One MULTI per request, so one round trip
 * and one consistent view of grants and suspensions; no key scans on the request path.
 */
export class RedisGrantStore implements GrantStore {
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(private readonly client: RedisClient, options: RedisGrantStoreOptions = {}) {
    this.#prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
    this.#timeoutMs = options.timeoutMs ?? 1000;
  }

  async grantsFor(principal: Principal): Promise<StoredGrants> {
    const grantees = granteesOf(principal);
    if (grantees.length === 0) return NO_STORED_GRANTS;
    const read = this.client.multi();
    for (const grantee of grantees) read.hGetAll(grantsKey(this.#prefix, grantee));
    read.exists(grantees.map((grantee) => suspensionKey(this.#prefix, grantee)));
    const replies = await withTimeout(read.exec(), this.#timeoutMs) as unknown[];
    const hashes = replies.slice(0, grantees.length) as Record<string, string>[];
    return storedGrantsOf(grantees, hashes, Number(replies[grantees.length]));
  }
}

/**
 * The grants of the grantees' hashes (field = dataset id, value = a grant entry or, as written
 * before grants had ids, a bare expiry), none when any grantee is suspended. A value that decodes
 * to nothing grants nothing.
 */
export function storedGrantsOf(grantees: readonly Grantee[], hashes: readonly Record<string, string>[], suspendedKeys: number): StoredGrants {
  if (suspendedKeys !== 0) return { grants: [], suspended: true };
  const grants: Grant[] = [];
  grantees.forEach((grantee, i) => {
    for (const [datasetId, value] of Object.entries(hashes[i] ?? {})) {
      const entry = decodeGrantEntry(value);
      if (!entry) continue;
      grants.push({
        datasetId,
        grantee,
        expiresAt: entry.expiresAt,
        source: 'store',
        ...(entry.id !== undefined ? { id: entry.id } : {}),
        ...(entry.acceptedTerms !== undefined ? { acceptedTerms: entry.acceptedTerms } : {}),
      });
    }
  });
  return { grants, suspended: false };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`grant read took longer than ${ms} ms`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
