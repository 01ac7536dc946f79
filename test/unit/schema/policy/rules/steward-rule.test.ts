import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../../schema/policy/principal.js';
import { stewardRule } from '../../../../../schema/policy/rules/steward-rule.js';
import { anonymous, expectDecision, OUTSIDER_ORG, OWNER, OWNER_SCOPE, principal, type Expected } from '../harness.js';

const STEWARD_SCOPE = `steward:${OWNER}`;

describe('stewardRule', () => {
  it.each<{ name: string; who: Principal; expected: Expected }>([
    { name: 'a steward of the owning partner, its verified staff', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE, STEWARD_SCOPE] }), expected: 'allow' },
    { name: 'a steward of another partner', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE, 'steward:helix-therapeutics'] }), expected: 'NOT_A_STEWARD' },
    { name: 'staff of the owner without the steward scope', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE, 'consortium:member'] }), expected: 'NOT_A_STEWARD' },
    { name: 'a scope that only starts like it', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE, `steward:${OWNER}-labs`] }), expected: 'NOT_A_STEWARD' },
    // The steward scope counts only for the partner's verified staff: an org claim without its scope gets nothing.
    { name: 'the steward scope beside an org claim alone', who: principal({ organisation: OWNER, scopes: [STEWARD_SCOPE] }), expected: 'NOT_A_STEWARD' },
    { name: 'the steward scope for someone of another organisation', who: principal({ organisation: OUTSIDER_ORG, scopes: [STEWARD_SCOPE, OWNER_SCOPE] }), expected: 'NOT_A_STEWARD' },
    { name: 'the steward scope with an institution scope naming the partner', who: principal({ organisation: OWNER, scopes: [STEWARD_SCOPE, `institution:${OWNER}`] }), expected: 'NOT_A_STEWARD' },
    { name: 'anonymous', who: anonymous(), expected: 'AUTHENTICATION_REQUIRED' },
    { name: 'anonymous with the claims of a steward', who: { ...anonymous(), organisation: OWNER, scopes: new Set([OWNER_SCOPE, STEWARD_SCOPE]) }, expected: 'AUTHENTICATION_REQUIRED' },
  ])('$name -> $expected', ({ who, expected }) => {
    expectDecision(stewardRule, { principal: who }, expected);
  });

  it('names the scopes that are needed', () => {
    const decision = expectDecision(stewardRule, {}, 'NOT_A_STEWARD');
    expect(decision.allow ? '' : decision.detail).toContain(`${OWNER_SCOPE} and ${STEWARD_SCOPE}`);
  });
});
