import { describe, expect, it } from 'vitest';
import { granteeFor, grantState, grantStateWords, stillSuspended } from '../../../../explorer/src/governance/grant-words.js';

describe('a grant\'s state', () => {
  it.each([
    { grant: { active: true, revoked: false, expiresAt: '2027-06-01T00:00:00.000Z', revocation: null }, state: 'active', words: 'Active until 2027-06-01' },
    { grant: { active: false, revoked: false, expiresAt: '2026-01-01T00:00:00.000Z', revocation: null }, state: 'expired', words: 'Expired on 2026-01-01' },
    {
      grant: { active: false, revoked: true, expiresAt: '2027-06-01T00:00:00.000Z', revocation: { by: 'demo-steward', at: '2026-11-30T08:00:00.000Z', reason: 'Project ended' } },
      state: 'revoked', words: 'Revoked by demo-steward on 2026-11-30: Project ended',
    },
    { grant: { active: false, revoked: true, expiresAt: '2027-06-01T00:00:00.000Z', revocation: null }, state: 'revoked', words: 'Revoked' },
  ])('$state', ({ grant, state, words }) => {
    expect(grantState(grant)).toBe(state);
    expect(grantStateWords(grant)).toBe(words);
  });

  it.each([
    { grantee: { kind: 'PERSON' as const, id: 'demo-analyst' }, me: 'demo-analyst', words: 'you' },
    { grantee: { kind: 'PERSON' as const, id: 'someone-else' }, me: 'demo-analyst', words: 'someone-else' },
    { grantee: { kind: 'ORGANISATION' as const, id: 'acme-analytics' }, me: 'demo-analyst', words: 'your organisation, acme-analytics' },
  ])('is for $words', ({ grantee, me, words }) => {
    expect(granteeFor(grantee, me)).toBe(words);
  });
});

describe('who is suspended now, from the audit trail', () => {
  const ev = (seq: number, kind: string, grantee: string) => ({ seq, detail: [{ key: 'granteeKind', value: kind }, { key: 'grantee', value: grantee }] });
  const page = <T>(items: T[], hasNextPage = false) => ({ items, hasNextPage });
  it.each([
    { name: 'nobody', s: [], r: [], suspended: [], complete: true },
    { name: 'a suspension not lifted', s: [ev(3, 'organisation', 'acme')], r: [], suspended: [3], complete: true },
    { name: 'a suspension lifted after', s: [ev(3, 'organisation', 'acme')], r: [ev(5, 'organisation', 'acme')], suspended: [], complete: true },
    { name: 'suspended again after a lifting', s: [ev(7, 'organisation', 'acme'), ev(3, 'organisation', 'acme')], r: [ev(5, 'organisation', 'acme')], suspended: [7], complete: true },
    { name: 'a person and an organisation of the same id apart', s: [ev(3, 'person', 'acme')], r: [ev(5, 'organisation', 'acme')], suspended: [3], complete: true },
    { name: 'newest first', s: [ev(2, 'person', 'a'), ev(9, 'person', 'b')], r: [], suspended: [9, 2], complete: true },
    { name: 'a cut list', s: [ev(3, 'person', 'a')], r: [], sMore: true, suspended: [3], complete: false },
    { name: 'a cut list of liftings', s: [], r: [ev(3, 'person', 'a')], rMore: true, suspended: [], complete: false },
  ])('$name', ({ s, r, sMore, rMore, suspended, complete }) => {
    const result = stillSuspended(page(s, sMore), page(r, rMore));
    expect(result.suspended.map((e) => e.seq)).toEqual(suspended);
    expect(result.complete).toBe(complete);
  });
});
