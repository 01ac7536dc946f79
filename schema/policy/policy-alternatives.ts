// Federation's @policy(policies: [[...]]): the field is allowed when every policy of at least one
// inner list allows (an OR of ANDs; Apollo Federation directives, @policy). This is the one
// evaluation of named policies: the gateway decides every @policy field with it, per entity
// (ARCHITECTURE.md "Per-entity decisions"), for the catalog's policies or any other supergraph's.

import { deny, type NamedPolicies, type PolicyDenial, type PolicyInput } from './decision.js';

/** Outer list OR, inner lists AND: [["a", "b"], ["c"]] is (a and b) or c. */
export type Alternatives = readonly (readonly string[])[];

export type AlternativesDecision =
  | { allow: true; /** The DUO duties of the alternative that allowed. */ duties: readonly string[] }
  | { allow: false; /** The policy that denied, as extensions.policy. */ policy: string; decision: PolicyDenial };

/** Own properties only: a name such as "constructor" must not resolve to Object.prototype. */
export function isKnownPolicy(policies: NamedPolicies, name: string): boolean {
  return Object.hasOwn(policies, name);
}

/**
 * The alternatives whose every policy is known. An alternative naming a policy this gateway cannot
 * evaluate can never allow (fail closed), so it is dropped; none left means the field is denied.
 */
export function enforceableAlternatives(anyOf: Alternatives, policies: NamedPolicies): Alternatives {
  return anyOf.filter((all) => all.length > 0 && all.every((name) => isKnownPolicy(policies, name)));
}

/** Two @policy requirements that must both hold, as one OR of ANDs: each alternative of one with each of the other. */
export function bothOf(first: Alternatives, second: Alternatives): Alternatives {
  return first.flatMap((a) => second.map((b) => [...new Set([...a, ...b])]));
}

/**
 * Runs the alternatives in order and each one's policies in order. On allow, the duties of the
 * alternative that allowed; on denial, the first failing policy of the first alternative: the first
 * thing to fix. No alternative, or a name that is not a known policy, denies (POLICY_NOT_ENFORCEABLE):
 * a configuration error is never read as a vacuous allow. A policy that throws is not caught here.
 */
export function decideAlternatives(alternatives: Alternatives, input: PolicyInput, policies: NamedPolicies): AlternativesDecision {
  let first: AlternativesDecision | undefined;
  for (const all of alternatives) {
    const decision = decideAll(all, input, policies);
    if (decision.allow) return decision;
    first ??= decision;
  }
  return first ?? unenforceable('policy', 'no @policy alternative names a policy');
}

function decideAll(all: readonly string[], input: PolicyInput, policies: NamedPolicies): AlternativesDecision {
  if (all.length === 0) return unenforceable('policy', 'an empty @policy list');
  const duties: string[] = [];
  for (const name of all) {
    if (!isKnownPolicy(policies, name)) return unenforceable(name, `@policy names "${name}", which is not a known policy`);
    const decision = policies[name]!(input);
    if (!decision.allow) return { allow: false, policy: name, decision };
    duties.push(...decision.duties);
  }
  return { allow: true, duties: [...new Set(duties)] };
}

function unenforceable(policy: string, detail: string): AlternativesDecision {
  return { allow: false, policy, decision: deny('POLICY_NOT_ENFORCEABLE', detail) as PolicyDenial };
}
