import type { Grant, Principal } from '../../schema/policy/principal.js';

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

export function granteeKey(grantee: Grant['grantee']): string {
  return grantee.kind === 'person' ? `person:${grantee.subject}` : `organisation:${grantee.organisation}`;
}

export function granteeKeysOf(principal: Principal): string[] {
  const keys: string[] = [];
  if (principal.subject) keys.push(granteeKey({ kind: 'person', subject: principal.subject }));
  if (principal.organisation) keys.push(granteeKey({ kind: 'organisation', organisation: principal.organisation }));
  return keys;
}
