import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../../schema/policy/principal.js';
import { isStaffOf, verifiedOrganisation } from '../../../../schema/policy/verified-organisation.js';
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
