import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../../schema/policy/principal.js';
import { isMemberOf, isStaffOf, verifiedOrganisation } from '../../../../schema/policy/verified-organisation.js';
import { OUTSIDER_ORG, OUTSIDER_SCOPE, OWNER, OWNER_SCOPE, principal } from './harness.js';

// The one stance on the org claim: it counts only with the scope the consortium IdP issues for it.
describe('verifiedOrganisation', () => {
  it.each<{ name: string; who: Principal; verified: ReturnType<typeof verifiedOrganisation>; staff: boolean }>([
    { name: 'a partner with its partner scope', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), verified: { id: OWNER, kind: 'partner' }, staff: true },
    { name: 'an institution with its institution scope', who: principal({ scopes: [OUTSIDER_SCOPE] }), verified: { id: OUTSIDER_ORG, kind: 'institution' }, staff: false },
    { name: 'an institution scope naming a partner', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), verified: { id: OWNER, kind: 'institution' }, staff: false },
    { name: 'both scopes: the partner wins', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`, OWNER_SCOPE] }), verified: { id: OWNER, kind: 'partner' }, staff: true },
    { name: 'an org claim alone', who: principal({ organisation: OWNER, scopes: ['consortium:member', `steward:${OWNER}`] }), verified: null, staff: false },
    { name: 'the scope of another organisation', who: principal({ organisation: OWNER, scopes: ['partner:helix-therapeutics', OUTSIDER_SCOPE] }), verified: null, staff: false },
    { name: 'a scope without an org claim', who: principal({ organisation: null, scopes: [OWNER_SCOPE] }), verified: null, staff: false },
    { name: 'a scope that only starts like it', who: principal({ organisation: OWNER, scopes: [`${OWNER_SCOPE}-labs`] }), verified: null, staff: false },
    { name: 'an unauthenticated principal with both', who: { ...ANONYMOUS, organisation: OWNER, scopes: new Set([OWNER_SCOPE]) }, verified: null, staff: false },
  ])('$name', ({ who, verified, staff }) => {
    expect(verifiedOrganisation(who)).toEqual(verified);
    expect(isStaffOf(who, OWNER)).toBe(staff);
  });
});

// A grant or a DUO IS listing that names a partner reaches only that partner's staff.
describe('isMemberOf', () => {
  const PARTNERS = new Set([OWNER]);
  it.each<{ name: string; who: Principal; named: string; member: boolean }>([
    { name: 'a partner named, its staff', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), named: OWNER, member: true },
    { name: 'a partner named, an institution scope carrying its id', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), named: OWNER, member: false },
    { name: 'an institution named, its verified member', who: principal({ scopes: [OUTSIDER_SCOPE] }), named: OUTSIDER_ORG, member: true },
    { name: 'an institution named, a partner scope with its id', who: principal({ organisation: OUTSIDER_ORG, scopes: [`partner:${OUTSIDER_ORG}`] }), named: OUTSIDER_ORG, member: true },
    { name: 'an institution named, an org claim alone', who: principal({ scopes: ['consortium:member'] }), named: OUTSIDER_ORG, member: false },
    { name: 'another organisation named', who: principal({ scopes: [OUTSIDER_SCOPE] }), named: 'helix-therapeutics', member: false },
    { name: 'anonymous', who: ANONYMOUS, named: OWNER, member: false },
  ])('$name -> $member', ({ who, named, member }) => {
    expect(isMemberOf(who, named, PARTNERS)).toBe(member);
  });
});
