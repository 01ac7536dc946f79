import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../../schema/policy/principal.js';
import { embargoRule, isEmbargoed } from '../../../../../schema/policy/rules/embargo-rule.js';
import { anonymous, expectDecision, facts, OWNER, principal, type Expected } from '../harness.js';

// NOW is 2026-11-24T12:00:00Z; an embargo is lifted at 00:00 UTC on its date.

describe('embargoRule', () => {
  it.each<{ name: string; embargoUntil: string | null; who?: Principal; expected: Expected }>([
    { name: 'no embargo', embargoUntil: null, expected: 'allow' },
    { name: 'lifted last year', embargoUntil: '2025-04-30', expected: 'allow' },
    { name: 'lifted at midnight today', embargoUntil: '2026-11-24', expected: 'allow' },
    { name: 'lifted tomorrow', embargoUntil: '2026-11-25', expected: 'EMBARGOED' },
    { name: 'in force for years', embargoUntil: '2028-03-31', expected: 'EMBARGOED' },
    { name: 'in force, for anonymous', embargoUntil: '2028-03-31', who: anonymous(), expected: 'EMBARGOED' },
    { name: 'in force, for the owning partner', embargoUntil: '2028-03-31', who: principal({ organisation: OWNER, scopes: [`partner:${OWNER}`] }), expected: 'allow' },
    {
      name: 'in force, for a steward of the owner from elsewhere',
      embargoUntil: '2028-03-31', who: principal({ scopes: [`steward:${OWNER}`] }), expected: 'EMBARGOED',
    },
    { name: 'an unreadable date keeps the embargo', embargoUntil: 'next spring', expected: 'EMBARGOED' },
  ])('$name -> $expected', ({ embargoUntil, who = principal(), expected }) => {
    expectDecision(embargoRule, { principal: who, facts: facts({ embargoUntil }) }, expected);
  });

  it('names the date and the partner', () => {
    const decision = expectDecision(embargoRule, { facts: facts({ embargoUntil: '2028-03-31' }) }, 'EMBARGOED');
    expect(decision.allow ? '' : decision.detail).toMatch(/2028-03-31.*northbridge-hospital/);
  });
});

describe('isEmbargoed at the boundary', () => {
  it.each([
    { now: '2026-11-24T23:59:59.999Z', embargoed: true },
    { now: '2026-11-25T00:00:00.000Z', embargoed: false },
  ])('until 2026-11-25, at $now -> $embargoed', ({ now, embargoed }) => {
    expect(isEmbargoed('2026-11-25', new Date(now))).toBe(embargoed);
  });
});
