// The named policies of the catalog contract, as schema/policies.ts describes them. The gateway
// decides each @policy field with them through decideAlternatives (policy-alternatives.ts), and the
// catalog index's usableBy: ME runs dataset:access on the same facts.

import { ALLOW, deny, type NamedPolicies, type Policy } from './decision.js';
import { dataClassRule } from './rules/data-class-rule.js';
import { embargoRule } from './rules/embargo-rule.js';
import { hasActiveGrant, isOwningPartner } from './rules/grant-rule.js';
import { licenceRule } from './rules/licence-rule.js';
import { purposeMatch } from './rules/purpose-match.js';
import { retentionRule } from './rules/retention-rule.js';
import { stewardRule } from './rules/steward-rule.js';
import { offeringAccessRequest } from './request-access.js';

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

/** The owning partner uses its own data on its own terms (schema/policies.ts "owner"). */
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
 * A denial that a grant would lift carries what to request (request-access.ts).
 * The grant check of schema/policies.ts has no step of its own: a grant is needed for PROPRIETARY
 * data, checked by the data class rule, and for DUO RS (and capped by TS), checked by the purpose
 * match, so a separate grant step could never be the first to fail.
 */
const datasetAccess: Policy = offeringAccessRequest(retained(unlessOwningPartner(allOf(embargoRule, dataClassRule, licenceRule, purposeMatch))));

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

export const CATALOG_POLICIES: NamedPolicies = Object.freeze({
  'dataset:access': datasetAccess,
  // Sample records are content: exactly the same decision as the distribution URLs.
  'dataset:sample-records': datasetAccess,
  'dataset:retention-schedule': retained(stewardRule),
  'licence:royalty-terms': offeringAccessRequest(retained(royaltyTerms)),
});
