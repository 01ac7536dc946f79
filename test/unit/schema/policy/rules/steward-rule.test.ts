import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../../schema/policy/principal.js';
import { stewardRule } from '../../../../../schema/policy/rules/steward-rule.js';
import { anonymous, expectDecision, OWNER, principal, type Expected } from '../harness.js';

describe('stewardRule', () => {
  it.each<{ name: string; who: Principal; expected: Expected }>([
    { name: 'a steward of the owning partner', who: principal({ organisation: OWNER, scopes: [`steward:${OWNER}`] }), expected: 'allow' },
    { name: 'a steward of another partner', who: principal({ scopes: ['steward:helix-therapeutics'] }), expected: 'NOT_A_STEWARD' },
    { name: 'staff of the owner without the scope', who: principal({ organisation: OWNER, scopes: ['consortium:member'] }), expected: 'NOT_A_STEWARD' },
    { name: 'a scope that only starts like it', who: principal({ scopes: [`steward:${OWNER}-labs`] }), expected: 'NOT_A_STEWARD' },
    { name: 'anonymous', who: anonymous(), expected: 'AUTHENTICATION_REQUIRED' },
  ])('$name -> $expected', ({ who, expected }) => {
    expectDecision(stewardRule, { principal: who }, expected);
  });

  it('names the scope that is missing', () => {
    const decision = expectDecision(stewardRule, {}, 'NOT_A_STEWARD');
    expect(decision.allow ? '' : decision.detail).toContain(`steward:${OWNER}`);
  });
});
