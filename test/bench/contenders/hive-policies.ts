import { CONSORTIUM_DUA, MEMBER_SCOPE } from '../../../schema/policy/principal.js';

// Hive Gateway's @policy support (@envelop/generic-auth) asks once per request which policy names
// the caller holds, and checks fields against that list while validating the operation, before any
// subgraph is called. A policy is therefore a property of the caller alone: it cannot look at the
// dataset a field belongs to. This maps each Concord policy to the part of its rule that depends on
// the caller only, which is as close as Hive can come (see the benchmark report for what is lost).

export const HIVE_POLICY_MAPPING: Readonly<Record<string, string>> = {
  'dataset:access': 'a consortium member who accepted the consortium DUA and declared a purpose (data class, licence, DUO terms, embargo, owner and per-dataset grants cannot be checked)',
  'dataset:sample-records': 'as dataset:access',
  'dataset:retention-schedule': 'a steward of any partner (not necessarily the dataset\'s owner)',
  'licence:royalty-terms': 'holds at least one grant, or accepted at least one LicenseRef- licence (not necessarily this dataset\'s)',
};

interface CallerClaims {
  scope?: unknown;
  accepted_terms?: unknown;
  purpose?: unknown;
  grants?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The policy names a verified token's claims earn, decided without any dataset. */
export function callerPolicies(claims: CallerClaims): string[] {
  const scopes = new Set(typeof claims.scope === 'string' ? claims.scope.split(' ') : []);
  const accepted = strings(claims.accepted_terms);
  const policies: string[] = [];
  if (scopes.has(MEMBER_SCOPE) && accepted.includes(CONSORTIUM_DUA) && claims.purpose !== undefined) {
    policies.push('dataset:access', 'dataset:sample-records');
  }
  if ([...scopes].some((s) => s.startsWith('steward:'))) policies.push('dataset:retention-schedule');
  const holdsGrant = Array.isArray(claims.grants) && claims.grants.length > 0;
  if (holdsGrant || accepted.some((t) => t.startsWith('LicenseRef-'))) policies.push('licence:royalty-terms');
  return policies;
}
