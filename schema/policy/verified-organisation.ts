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
