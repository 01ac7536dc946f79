// Stewards (DESIGN "Who uses it": partner staff who govern their own datasets; schema/policies.ts
// dataset:retention-schedule: scope steward:<partner id>).

import { ALLOW, deny, type Policy } from '../decision.js';
import { stewardScope } from '../principal.js';

export const stewardRule: Policy = ({ principal, facts }) => {
  const scope = stewardScope(facts.partnerId);
  if (principal.scopes.has(scope)) return ALLOW;
  if (!principal.authenticated) {
    return deny('AUTHENTICATION_REQUIRED', `Only stewards of ${facts.partnerId} may see this`, 'Sign in');
  }
  return deny('NOT_A_STEWARD', `Only stewards of ${facts.partnerId} (scope ${scope}) may see this`);
};
