import { MEMBER_SCOPE, stewardScope, type Principal } from '../../schema/policy/principal.js';
import { isStaffOf } from '../../schema/policy/verified-organisation.js';
import { BOARD_SCOPE } from '../../schema/governance-contract.js';

// Who may do what in the governance workflow (issue "Governance": requests, decisions, escalation,
// trust, revocation). The principal is the one the gateway signed (runtime/subgraph-protocol), and
// every organisation is read through verifiedOrganisation, never from an `org` claim alone
// (ARCHITECTURE.md "Identity and organisation claims").

/** A consortium member who may ask for access. */
export function isMember(principal: Principal): boolean {
  return principal.authenticated && principal.subject !== null && principal.scopes.has(MEMBER_SCOPE);
}

/** Verified staff of the partner holding its steward scope, as the retention schedule's steward rule asks. */
export function isStewardOf(principal: Principal, partnerId: string): boolean {
  return principal.authenticated && principal.scopes.has(stewardScope(partnerId)) && isStaffOf(principal, partnerId);
}

/** A member of the consortium's governance board. */
export function isBoardMember(principal: Principal): boolean {
  return principal.authenticated && principal.subject !== null && principal.scopes.has(BOARD_SCOPE);
}
