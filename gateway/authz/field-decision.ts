import type { DenialReason as PolicyDenialReason } from '../../schema/policy/decision.js';
import type { Principal } from './principal.js';
import type { FieldRequirements, Requirement } from './requirements.js';

/** Stable reason codes of a denial (extensions.reason): the static ones, and the policies'. */
export type DenialReason =
  | 'AUTHENTICATION_REQUIRED'
  | 'MISSING_SCOPES'
  | 'POLICY_NOT_ENFORCEABLE'
  | 'POLICY_ERROR'
  | 'NO_GOVERNANCE_FACTS'
  | PolicyDenialReason;

export interface Denial {
  /** The rule that withheld the field: "authenticated", "requiresScopes" or a policy name. */
  policy: string;
  reason: DenialReason;
  /** How to obtain access, in words for people. */
  obtainAccess?: string;
  requiredScopes?: readonly (readonly string[])[];
}

/** Allow, deny now, or decide per entity after fetching (data-dependent @policy). */
export type StaticDecision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; denial: Denial }
  | { outcome: 'per-entity'; /** The @policy alternatives (OR of AND) left to decide per entity. */ alternatives: readonly (readonly string[])[] };

/** The named policies the gateway can evaluate; a policy not in it is denied before planning. */
export interface PolicyRegistry {
  has(policyName: string): boolean;
}

/**
 * Decides what the principal alone decides (DESIGN "Authorization", step 2). The first failing
 * requirement names the denial, so a client learns the first thing to fix.
 */
export function decideStatically(
  requirements: FieldRequirements,
  principal: Principal,
  policies: PolicyRegistry,
): StaticDecision {
  // Several @policy requirements on one field must all hold: their alternatives are combined
  // (each alternative of one with each of the other) into a single OR of ANDs.
  let deferred: (readonly string[])[] | null = null;
  for (const requirement of requirements) {
    const result = decideRequirement(requirement, principal, policies);
    if (result.outcome === 'deny') return result;
    if (result.outcome === 'per-entity') {
      deferred = deferred === null
        ? [...result.alternatives]
        : deferred.flatMap((a) => result.alternatives.map((b) => [...new Set([...a, ...b])]));
    }
  }
  return deferred ? { outcome: 'per-entity', alternatives: deferred } : { outcome: 'allow' };
}

function decideRequirement(requirement: Requirement, principal: Principal, policies: PolicyRegistry): StaticDecision {
  switch (requirement.kind) {
    case 'authenticated':
      return principal.authenticated
        ? { outcome: 'allow' }
        : deny({ policy: 'authenticated', reason: 'AUTHENTICATION_REQUIRED', obtainAccess: 'Send a valid bearer token.' });
    case 'requiresScopes':
      return requirement.anyOf.some((all) => all.every((scope) => principal.scopes.has(scope)))
        ? { outcome: 'allow' }
        : deny({
          policy: 'requiresScopes',
          reason: 'MISSING_SCOPES',
          requiredScopes: requirement.anyOf,
          obtainAccess: `Ask for a token with the scopes ${describeScopes(requirement.anyOf)}.`,
        });
    case 'policy': {
      // Fail closed: a policy the gateway cannot evaluate is a denial, never an allow. Among the
      // alternatives ([[a], [b]] is a or b), those that are enforceable remain to be decided.
      const enforceable = requirement.anyOf.filter((all) => all.every((name) => policies.has(name)));
      if (enforceable.length === 0) {
        return deny({
          policy: requirement.anyOf.flat().find((name) => !policies.has(name)) ?? 'policy',
          reason: 'POLICY_NOT_ENFORCEABLE',
          obtainAccess: 'This field is not available through this gateway yet.',
        });
      }
      return { outcome: 'per-entity', alternatives: enforceable };
    }
  }
}

function deny(denial: Denial): StaticDecision {
  return { outcome: 'deny', denial };
}

function describeScopes(anyOf: readonly (readonly string[])[]): string {
  return anyOf.map((all) => all.join(' and ')).join(', or ');
}
