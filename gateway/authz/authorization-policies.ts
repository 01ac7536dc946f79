import type { DatasetFacts } from '../../schema/policy/facts.js';
import type { PolicyDecision, PolicyInput } from '../../schema/policy/decision.js';

/** How the gateway finds a governed entity's facts in what it fetched. */
export interface GovernanceFacts {
  /** The interface whose implementations carry the facts, e.g. Dataset. */
  interfaceName: string;
  /** Fields (with reserved aliases) added to every selection set on such an entity. */
  selection: string;
  read(record: Record<string, unknown>): DatasetFacts | null;
  /** Types below a governed entity that carry facts of their own, and the fields that hold them. */
  nested: readonly { typeName: string; selection: string }[];
  /** The facts for an object below a governed entity; null denies everything below it. */
  refine(inherited: DatasetFacts, record: Record<string, unknown>): DatasetFacts | null;
}

/**
 * The named policies the gateway can decide, with their version. A policy not in it is denied
 * before planning (fail closed).
 */
export interface AuthorizationPolicies {
  version: string;
  has(policyName: string): boolean;
  facts: GovernanceFacts | null;
  evaluate(policyName: string, input: PolicyInput): PolicyDecision;
}

export const NO_POLICIES: AuthorizationPolicies = {
  version: 'none',
  has: () => false,
  facts: null,
  evaluate: () => ({ allow: false, reason: 'UNKNOWN_USE_CONDITION', detail: 'no policies are configured' }),
};

export type AlternativesDecision =
  | { allow: true }
  | { allow: false; policy: string; decision: Extract<PolicyDecision, { allow: false }> };

/**
 * @policy(policies: [[a, b], [c]]) means (a and b) or c (Apollo Federation, @policy). The denial
 * reported is the first failing policy of the first alternative: the first thing to fix.
 */
export function decideAlternatives(
  policies: AuthorizationPolicies,
  alternatives: readonly (readonly string[])[],
  input: PolicyInput,
): AlternativesDecision {
  let first: AlternativesDecision | undefined;
  for (const group of alternatives) {
    let failed: AlternativesDecision | undefined;
    for (const name of group) {
      const decision = policies.evaluate(name, input);
      if (!decision.allow) {
        failed = { allow: false, policy: name, decision };
        break;
      }
    }
    if (!failed) return { allow: true };
    first ??= failed;
  }
  return first ?? { allow: false, policy: 'policy', decision: { allow: false, reason: 'UNKNOWN_USE_CONDITION', detail: 'no policy named' } };
}
