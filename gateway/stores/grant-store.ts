import type { Grantee } from '../../runtime/governance/grant-keys.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../schema/policy/verified-organisation.js';

/** What the store holds for one principal. */
export interface StoredGrants {
  /** Grants to the person or to their verified organisation, expired ones included (policies decide). */
  grants: Grant[];
  /**
   * The person or their verified organisation is suspended (the board's suspendAccess): no grant
   * counts while it lasts, not even one the token carries.
   */
  suspended: boolean;
}

/**
 * Access grants that the partners' stewards issued through the governance subgraph (the token's
 * `grants` claim carries those a passport broker asserts). Read once per request and passed to the
 * policies through the request context (ARCHITECTURE.md "Stores"). A read that fails rejects: the
 * caller denies what needed grants (GRANTS_UNAVAILABLE), never reads a failure as "no grants".
 */
export interface GrantStore {
  grantsFor(principal: Principal): Promise<StoredGrants>;
}

export const NO_STORED_GRANTS: StoredGrants = Object.freeze({ grants: [], suspended: false }) as StoredGrants;

/**
 * A request's grants, the token's and the store's, read from the store at most once and only when a
 * decision first asks for them; none at all while the principal is suspended.
 */
export function lazyGrantsOf(principal: Principal, store: GrantStore): () => Promise<readonly Grant[]> {
  let read: Promise<readonly Grant[]> | undefined;
  return () => (read ??= store.grantsFor(principal).then(({ grants, suspended }) => (suspended ? [] : [...principal.grants, ...grants])));
}

/**
 * The person, and their organisation only when it is verified: an `org` claim alone does not even
 * read the organisation's grants (schema/policy/verified-organisation.ts). None for anonymous callers.
 */
export function granteesOf(principal: Principal): Grantee[] {
  if (!principal.authenticated) return [];
  const grantees: Grantee[] = [];
  if (principal.subject) grantees.push({ kind: 'person', subject: principal.subject });
  const organisation = verifiedOrganisation(principal);
  if (organisation) grantees.push({ kind: 'organisation', organisation: organisation.id });
  return grantees;
}
