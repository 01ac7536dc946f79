// Identity and organisation claims (ARCHITECTURE.md, "Identity and organisation claims"; the clause
// "organisation" of schema/policies.ts).
//
// The one stance on the `org` claim: it names an organisation, but only a scope vouches for it. A
// research token's `org` is what the person's home identity provider asserted, and any institution's
// IdP can write any name there, including a partner's. The consortium IdP issues the scope that
// binds a person to an organisation only after checking that affiliation: `partner:<id>` to a
// partner's staff, `institution:<id>` to the people of an outside institution (like a GA4GH
// AffiliationAndRole visa from a trusted broker). So an `org` claim without its scope counts for
// nothing: not ownership, not stewardship, not a DUO IS (DUO:0000028) institution listing, not a
// grant to an organisation. Outside institutions get a scope of their own, rather than an `org`
// that is never enough, because DUO IS and organisation grants name outside institutions too.
//
// The two scopes vouch for different things: partner:<id> for a partner's staff, institution:<id> for
// an organisation that is not a partner. So an id that names a partner, in a grant or an IS listing,
// is matched only by partner:<id>; an institution:<id> scope carrying a partner's id vouches for
// nothing a partner is given (isMemberOf). isStaffOf is the same rule for the publishing partner.

import { institutionScope, partnerScope, type Principal } from './principal.js';

export interface VerifiedOrganisation {
  id: string;
  /** A consortium partner (scope partner:<id>) or an outside institution (scope institution:<id>). */
  kind: 'partner' | 'institution';
}

/** The organisation the principal's token claims and the consortium IdP vouches for; null otherwise. */
export function verifiedOrganisation(principal: Principal): VerifiedOrganisation | null {
  const id = principal.organisation;
  if (!principal.authenticated || id === null) return null;
  if (principal.scopes.has(partnerScope(id))) return { id, kind: 'partner' };
  if (principal.scopes.has(institutionScope(id))) return { id, kind: 'institution' };
  return null;
}

/** The principal is verified staff of this partner: the owner of its datasets (schema/policies.ts "owner"). */
export function isStaffOf(principal: Principal, partnerId: string): boolean {
  const organisation = verifiedOrganisation(principal);
  return organisation?.kind === 'partner' && organisation.id === partnerId;
}

/**
 * The principal belongs to the organisation a grant or a DUO IS listing names. A name that is one
 * of `partnerIds` is matched only by that partner's verified staff (partner:<id>), never by an
 * institution:<id> scope; any other name is matched by either scope. `partnerIds` are the partners
 * the rule knows of: at least the dataset's publisher (DatasetFacts.partnerId).
 */
export function isMemberOf(principal: Principal, organisationId: string, partnerIds: ReadonlySet<string>): boolean {
  const organisation = verifiedOrganisation(principal);
  if (organisation === null || organisation.id !== organisationId) return false;
  return organisation.kind === 'partner' || !partnerIds.has(organisationId);
}
