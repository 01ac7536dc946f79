import type { DenialReason, NamedPolicies } from '../../schema/policy/decision.js';
import { bothOf, enforceableAlternatives, isKnownPolicy, type Alternatives } from '../../schema/policy/policy-alternatives.js';
import type { Principal } from '../../schema/policy/principal.js';
import type { RequestAccess } from '../../schema/policy/request-access.js';
import type { FieldRequirements, Requirement } from './requirements.js';

export interface Denial {
  /** The rule that withheld the field: "authenticated", "requiresScopes" or a policy name. */
  policy: string;
  reason: DenialReason;
  /** How to obtain access, in words for people. */
  obtainAccess?: string;
  requiredScopes?: Alternatives;
  /** What to request from the governance subgraph, when a grant would lift the denial (schema/policy/request-access.ts). */
  requestAccess?: RequestAccess;
}

/** Allow, deny now, or decide per entity after fetching (data-dependent @policy). */
export type StaticDecision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; denial: Denial }
  | { outcome: 'per-entity'; /** The @policy alternatives (OR of AND) left to decide per entity. */ alternatives: Alternatives };

/**
 * Decides what the principal alone decides (ARCHITECTURE.md "Static decisions"). The first failing
 * requirement names the denial, so a client learns the first thing to fix.
 */
export function decideStatically(requirements: FieldRequirements, principal: Principal, policies: NamedPolicies): StaticDecision {
  for (const requirement of requirements) {
    const denial = staticDenial(requirement, principal, policies);
    if (denial) return { outcome: 'deny', denial };
  }
  const alternatives = perEntityAlternatives(requirements, policies);
  return alternatives ? { outcome: 'per-entity', alternatives } : { outcome: 'allow' };
}

/**
 * The @policy alternatives of a field that remain to be decided per entity: of each @policy
 * requirement the enforceable ones, and several requirements (the field's own and its type's) all
 * holding, so combined into one OR of ANDs. Null when the field carries no @policy. The second
 * pass's rules are built from this very function, so both stages see the same alternatives.
 */
export function perEntityAlternatives(requirements: FieldRequirements, policies: NamedPolicies): Alternatives | null {
  let combined: Alternatives | null = null;
  for (const requirement of requirements) {
    if (requirement.kind !== 'policy') continue;
    const enforceable = enforceableAlternatives(requirement.anyOf, policies);
    combined = combined === null ? enforceable : bothOf(combined, enforceable);
  }
  return combined;
}

function staticDenial(requirement: Requirement, principal: Principal, policies: NamedPolicies): Denial | null {
  switch (requirement.kind) {
    case 'authenticated':
      return principal.authenticated
        ? null
        : { policy: 'authenticated', reason: 'AUTHENTICATION_REQUIRED', obtainAccess: 'Send a valid bearer token.' };
    case 'requiresScopes':
      return requirement.anyOf.some((all) => all.every((scope) => principal.scopes.has(scope)))
        ? null
        : {
          policy: 'requiresScopes',
          reason: 'MISSING_SCOPES',
          requiredScopes: requirement.anyOf,
          obtainAccess: `Ask for a token with the scopes ${describeScopes(requirement.anyOf)}.`,
        };
    case 'policy':
      // Fail closed: a policy the gateway cannot evaluate is a denial, never an allow. The
      // enforceable alternatives ([[a], [b]] is a or b) are decided per entity.
      return enforceableAlternatives(requirement.anyOf, policies).length > 0
        ? null
        : {
          policy: requirement.anyOf.flat().find((name) => !isKnownPolicy(policies, name)) ?? 'policy',
          reason: 'POLICY_NOT_ENFORCEABLE',
          obtainAccess: 'This field is not available through this gateway yet.',
        };
  }
}

function describeScopes(anyOf: Alternatives): string {
  return anyOf.map((all) => all.join(' and ')).join(', or ');
}
