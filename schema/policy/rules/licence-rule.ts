// Licence acceptance (schema/policies.ts "licence"; partner.graphql Licence: an SPDX id or a
// LicenseRef- id with the partner's own terms).

import { ALLOW, deny, type Policy } from '../decision.js';
import { acceptedThroughGrant, isOwningPartner } from './grant-rule.js';

/**
 * A partner's own licence (SPDX `LicenseRef-`, also inside `DocumentRef-x:LicenseRef-y` or a licence
 * expression) must be accepted explicitly; a listed SPDX licence is an open one whose terms travel
 * with the data. Matched case-insensitively so that a misspelt prefix is not mistaken for an open licence.
 */
export function needsExplicitAcceptance(licenceId: string): boolean {
  return /licenseref-/i.test(licenceId);
}

/**
 * Accepted in the token (accepted_terms, for every dataset) or in an approved access request (an
 * active grant for this dataset that records it).
 */
export const licenceRule: Policy = (input) => {
  const { principal, facts } = input;
  const { licenceId } = facts;
  if (!needsExplicitAcceptance(licenceId)) return ALLOW;
  // The owning partner wrote the licence; it does not accept its own terms.
  if (isOwningPartner(principal, facts) || principal.acceptedTerms.has(licenceId)) return ALLOW;
  if (acceptedThroughGrant(input, licenceId)) return ALLOW;
  return deny('LICENCE_NOT_ACCEPTED', `Licence ${licenceId} has not been accepted`, `Accept the licence ${licenceId}`);
};
