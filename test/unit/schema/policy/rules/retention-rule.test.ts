import { describe, expect, it } from 'vitest';
import { isPastDeletion, retentionRule } from '../../../../../schema/policy/rules/retention-rule.js';
import { expectDecision, facts, NOW, OWNER, principal, type Expected } from '../harness.js';

// NOW is 2026-11-24T12:00:00Z.

describe('retentionRule', () => {
  it.each<{ name: string; deletionDue: string | null; owner?: boolean; expected: Expected }>([
    { name: 'no deletion scheduled', deletionDue: null, expected: 'allow' },
    { name: 'deletion due tomorrow', deletionDue: '2026-11-25', expected: 'allow' },
    { name: 'deletion due today', deletionDue: '2026-11-24', expected: 'RETENTION_EXPIRED' },
    { name: 'deletion was due last year', deletionDue: '2025-06-30', expected: 'RETENTION_EXPIRED' },
    { name: 'no exception for the owning partner', deletionDue: '2025-06-30', owner: true, expected: 'RETENTION_EXPIRED' },
    { name: 'an unreadable deletion date', deletionDue: 'soon', expected: 'RETENTION_EXPIRED' },
    { name: 'a date that does not exist', deletionDue: '2027-02-30', expected: 'RETENTION_EXPIRED' },
  ])('$name -> $expected', ({ deletionDue, owner, expected }) => {
    const who = principal(owner ? { organisation: OWNER } : {});
    expectDecision(retentionRule, { principal: who, facts: facts({ deletionDue }) }, expected);
  });

  it('names the deletion date', () => {
    const decision = expectDecision(retentionRule, { facts: facts({ deletionDue: '2025-06-30' }) }, 'RETENTION_EXPIRED');
    expect(decision.allow ? '' : decision.detail).toContain('2025-06-30');
  });
});

describe('isPastDeletion', () => {
  it.each<{ name: string; deletionDue: string | null; now: string; past: boolean }>([
    { name: 'the last millisecond before the date', deletionDue: '2026-11-25', now: '2026-11-24T23:59:59.999Z', past: false },
    { name: '00:00 UTC on the date', deletionDue: '2026-11-25', now: '2026-11-25T00:00:00.000Z', past: true },
    { name: 'no date', deletionDue: null, now: '2099-01-01T00:00:00Z', past: false },
    { name: 'a date with a time is not a calendar date', deletionDue: '2099-01-01T00:00:00Z', now: NOW.toISOString(), past: true },
  ])('$name -> $past', ({ deletionDue, now, past }) => {
    expect(isPastDeletion(deletionDue, new Date(now))).toBe(past);
  });
});
