import { describe, expect, it } from 'vitest';
import { checkDecision, MAX_GRANT_DAYS } from '../../../../explorer/src/governance/decision-check.js';

describe('a steward\'s decision', () => {
  it.each([
    { values: { decision: 'APPROVE' as const, reason: ' Within the DUA ', grantDays: '400' }, expected: { decision: 'APPROVE', reason: 'Within the DUA', grantDays: 400 } },
    { values: { decision: 'APPROVE' as const, reason: 'ok', grantDays: '' }, expected: { decision: 'APPROVE', reason: 'ok', grantDays: null } },
    { values: { decision: 'DENY' as const, reason: 'Out of scope', grantDays: 'abc' }, expected: { decision: 'DENY', reason: 'Out of scope', grantDays: null } },
    { values: { decision: 'NEEDS_CHANGES' as const, reason: 'Name the cohort', grantDays: '' }, expected: { decision: 'NEEDS_CHANGES', reason: 'Name the cohort', grantDays: null } },
  ])('accepts $values.decision', ({ values, expected }) => {
    expect(checkDecision(values)).toEqual({ ok: true, variables: expected });
  });

  it.each([
    { values: { decision: 'DENY' as const, reason: '  ', grantDays: '' }, errors: ['reason'] },
    { values: { decision: 'APPROVE' as const, reason: 'ok', grantDays: '0' }, errors: ['grantDays'] },
    { values: { decision: 'APPROVE' as const, reason: 'ok', grantDays: String(MAX_GRANT_DAYS + 1) }, errors: ['grantDays'] },
    { values: { decision: 'APPROVE' as const, reason: '', grantDays: '1.5' }, errors: ['reason', 'grantDays'] },
  ])('refuses $values', ({ values, errors }) => {
    const check = checkDecision(values);
    expect(check.ok ? [] : Object.keys(check.errors)).toEqual(errors);
  });
});
