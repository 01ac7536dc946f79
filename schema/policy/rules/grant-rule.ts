// Grants: a partner's consent, per dataset, to a person or a whole organisation, like a GA4GH
// ControlledAccessGrants visa (ARCHITECTURE.md "Identity and organisation claims"). Ownership is the other way a partner's consent
// reaches a principal, so both live here.

import type { DatasetFacts } from '../facts.js';
import type { Grant, Principal } from '../principal.js';
import { ALLOW, deny, type Policy, type PolicyInput } from '../decision.js';
import { isMemberOf, isStaffOf } from '../verified-organisation.js';

/**
 * The principal acts for the partner that publishes the dataset (schema/policies.ts "owner"): its
 * verified staff, never an `org` claim alone (schema/policy/verified-organisation.ts).
 */
export function isOwningPartner(principal: Principal, facts: DatasetFacts): boolean {
  return isStaffOf(principal, facts.partnerId);
}

function grantedTo(grant: Grant, principal: Principal, facts: DatasetFacts): boolean {
  // A null subject (the anonymous principal) never matches a grantee; a grant to an organisation
  // reaches only people whose membership of it is verified, and a grant to the publishing partner
  // only its staff (schema/policy/verified-organisation.ts isMemberOf).
  if (grant.grantee.kind === 'person') return principal.subject !== null && grant.grantee.subject === principal.subject;
  return isMemberOf(principal, grant.grantee.organisation, new Set([facts.partnerId]));
}

/** The first grant for this dataset, to this person or their organisation, not yet expired at `now`. */
export function activeGrantFor(
  grants: readonly Grant[],
  principal: Principal,
  facts: DatasetFacts,
  now: Date,
): Grant | undefined {
  return grants.find((g) => g.datasetId === facts.datasetId && grantedTo(g, principal, facts) && g.expiresAt > now.getTime());
}

export function hasActiveGrant({ grants, principal, facts, now }: PolicyInput): boolean {
  return activeGrantFor(grants, principal, facts, now) !== undefined;
}

/**
 * An active grant for this dataset records the terms as accepted: the requester accepted them in
 * the request its partner approved, so they hold for this dataset, and only while the grant does.
 */
export function acceptedThroughGrant({ grants, principal, facts, now }: PolicyInput, termsId: string): boolean {
  return grants.some((g) => g.acceptedTerms !== undefined && g.acceptedTerms.includes(termsId)
    && g.datasetId === facts.datasetId && g.expiresAt > now.getTime() && grantedTo(g, principal, facts));
}

export function requestAccessTo(facts: DatasetFacts): string {
  return `Request access to dataset ${facts.datasetId} from ${facts.partnerId}`;
}

/** schema/policies.ts "grant": an active, unexpired grant for this dataset. */
export const grantRule: Policy = (input) =>
  hasActiveGrant(input)
    ? ALLOW
    : deny('NO_ACTIVE_GRANT', `No active grant for dataset ${input.facts.datasetId}`, requestAccessTo(input.facts));
