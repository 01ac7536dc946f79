// The named policies of the catalog contract (schema/policies.ts describes what each checks) and
// the @policy evaluation the gateway applies to them (DESIGN "Authorization", step 3).

import { ALLOW, deny, type Policy, type PolicyDecision, type PolicyInput } from './decision.js';
import { dataClassRule } from './rules/data-class-rule.js';
import { embargoRule } from './rules/embargo-rule.js';
import { hasActiveGrant, isOwningPartner } from './rules/grant-rule.js';
import { licenceRule } from './rules/licence-rule.js';
import { purposeMatch } from './rules/purpose-match.js';
import { retentionRule } from './rules/retention-rule.js';
import { stewardRule } from './rules/steward-rule.js';

/** Runs the rules in order: the first denial wins; on allow, the DUO duties of every rule are kept. */
export function allOf(...rules: readonly Policy[]): Policy {
  return (input) => {
    const duties: string[] = [];
    for (const rule of rules) {
      const decision = rule(input);
      if (!decision.allow) return decision;
      duties.push(...decision.duties);
    }
    return { allow: true, duties: [...new Set(duties)] };
  };
}

/** The owning partner uses its own data on its own terms (DESIGN: PROPRIETARY, embargo). */
function unlessOwningPartner(rule: Policy): Policy {
  return (input) => (isOwningPartner(input.principal, input.facts) ? ALLOW : rule(input));
}

/**
 * Retention first and for everyone, in every named policy: past its deletion date nothing guarded
 * of a dataset is served, not even to its owner or its stewards (schema/policies.ts "retention").
 * The partner kit stops serving such a dataset altogether; the gateway enforces the date for
 * partners on other stacks, which may not.
 */
const retained = (policy: Policy): Policy => allOf(retentionRule, policy);

/**
 * The grant check of schema/policies.ts has no step of its own: a grant is needed for PROPRIETARY
 * data, checked by the data class rule, and for DUO RS (and capped by TS), checked by the purpose
 * match, so a separate grant step could never be the first to fail.
 */
const datasetAccess: Policy = retained(unlessOwningPartner(allOf(embargoRule, dataClassRule, licenceRule, purposeMatch)));

/** Royalty terms are commercial terms of the licence: shown to whoever is bound by, or party to, it. */
const royaltyTerms: Policy = (input) => {
  const { principal, facts } = input;
  if (isOwningPartner(principal, facts) || hasActiveGrant(input) || principal.acceptedTerms.has(facts.licenceId)) {
    return ALLOW;
  }
  if (!principal.authenticated) {
    return deny('AUTHENTICATION_REQUIRED', `Royalty terms of ${facts.licenceId} are shown to its licensees`, 'Sign in');
  }
  return deny(
    'LICENCE_NOT_ACCEPTED',
    `Royalty terms of ${facts.licenceId} are shown to its licensees`,
    `Accept the licence ${facts.licenceId}`,
  );
};

export const CATALOG_POLICIES: Readonly<Record<string, Policy>> = Object.freeze({
  'dataset:access': datasetAccess,
  // Sample records are content: exactly the same decision as the distribution URLs.
  'dataset:sample-records': datasetAccess,
  'dataset:retention-schedule': retained(stewardRule),
  'licence:royalty-terms': retained(royaltyTerms),
});

function policyNamed(name: string, policies: Readonly<Record<string, Policy>>): Policy {
  // Own properties only: a name such as "constructor" must not resolve to Object.prototype.
  const policy = Object.hasOwn(policies, name) ? policies[name] : undefined;
  if (!policy) throw new Error(`@policy names "${name}", which is not a known policy`);
  return policy;
}

/**
 * Federation's @policy(policies: [[...]]): the field is allowed when every policy of at least one
 * inner list allows (OR of ANDs). An unknown name or an empty list is a configuration error, thrown
 * rather than read as a vacuous allow; the gateway's shield turns a thrown rule into a denial.
 */
export function evaluatePolicies(
  names: readonly (readonly string[])[],
  input: PolicyInput,
  policies: Readonly<Record<string, Policy>> = CATALOG_POLICIES,
): PolicyDecision {
  if (names.length === 0 || names.some((all) => all.length === 0)) {
    throw new Error('@policy needs at least one policy in every list');
  }
  const alternatives = names.map((all) => allOf(...all.map((name) => policyNamed(name, policies))));
  let firstDenial: PolicyDecision | undefined;
  for (const alternative of alternatives) {
    const decision = alternative(input);
    if (decision.allow) return decision;
    firstDenial ??= decision;
  }
  // Every list ran and denied (there is at least one): report the first.
  return firstDenial!;
}
