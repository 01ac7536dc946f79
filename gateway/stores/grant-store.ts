import type { Grant, Principal } from '../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../schema/policy/verified-organisation.js';

/**
 * Access grants a partner's stewards issued (the token's `grants` claim carries those a passport
 * broker asserts). Read once per request and passed to the policies through the request context.
 */
export interface GrantStore {
  /** Grants to the person or to their organisation, expired ones included (policies decide). */
  grantsFor(principal: Principal): Promise<Grant[]>;
  put(grant: Grant): Promise<void>;
  revoke(datasetId: string, grantee: Grant['grantee']): Promise<void>;
}

/**
 * A request's grants, the token's and the store's, read from the store at most once and only when a
 * decision first asks for them.
 */
export function lazyGrantsOf(principal: Principal, store: GrantStore): () => Promise<readonly Grant[]> {
  let read: Promise<readonly Grant[]> | undefined;
  return () => (read ??= store.grantsFor(principal).then((stored) => [...principal.grants, ...stored]));
}

export function granteeKey(grantee: Grant['grantee']): string {
  return grantee.kind === 'person' ? `person:${grantee.subject}` : `organisation:${grantee.organisation}`;
}

/**
 * The person, and their organisation only when it is verified: an `org` claim alone does not even
 * read the organisation's grants (schema/policy/verified-organisation.ts).
 */
export function granteeKeysOf(principal: Principal): string[] {
  const keys: string[] = [];
  if (principal.subject) keys.push(granteeKey({ kind: 'person', subject: principal.subject }));
  const organisation = verifiedOrganisation(principal);
  if (organisation) keys.push(granteeKey({ kind: 'organisation', organisation: organisation.id }));
  return keys;
}
