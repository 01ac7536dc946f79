// Stewards (schema/policies.ts dataset:retention-schedule): partner staff who govern their own
// partner's datasets. A steward acts for the partner, so the steward scope counts only for its
// verified staff (schema/policy/verified-organisation.ts), never beside an `org` claim alone.

import { ALLOW, deny, type Policy } from '../decision.js';
import { partnerScope, stewardScope } from '../principal.js';
import { isStaffOf } from '../verified-organisation.js';

export const stewardRule: Policy = ({ principal, facts }) => {
  const scope = stewardScope(facts.partnerId);
  if (principal.scopes.has(scope) && isStaffOf(principal, facts.partnerId)) return ALLOW;
  if (!principal.authenticated) {
    return deny('AUTHENTICATION_REQUIRED', `Only stewards of ${facts.partnerId} may see this`, 'Sign in');
  }
  return deny(
    'NOT_A_STEWARD',
    `Only stewards of ${facts.partnerId} (org ${facts.partnerId}, scopes ${partnerScope(facts.partnerId)} and ${scope}) may see this`,
  );
};
