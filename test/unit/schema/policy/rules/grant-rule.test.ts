import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from '../../../../../schema/policy/principal.js';
import { activeGrantFor, grantRule, isOwningPartner } from '../../../../../schema/policy/rules/grant-rule.js';
import {
  anonymous, DATASET, expectDecision, facts, grant, NOW, organisationGrant, OUTSIDER_ORG, OUTSIDER_SCOPE, OWNER, OWNER_SCOPE,
  principal, type Expected,
} from '../harness.js';

/** The default researcher, their org claim vouched for by the consortium IdP. */
const verified = principal({ scopes: [OUTSIDER_SCOPE] });

interface Row { name: string; grants: Grant[]; who?: Principal; found: boolean }

describe('activeGrantFor', () => {
  it.each<Row>([
    { name: 'a grant to this person', grants: [grant()], found: true },
    { name: 'a grant from the token counts like one from the store', grants: [grant({ source: 'token' })], found: true },
    { name: 'a grant to this person\'s verified organisation', grants: [organisationGrant(OUTSIDER_ORG)], who: verified, found: true },
    { name: 'a grant to the organisation the token claims without its scope', grants: [organisationGrant(OUTSIDER_ORG)], found: false },
    {
      name: 'a grant to a partner the token claims without its partner scope',
      grants: [organisationGrant(OWNER)], who: principal({ organisation: OWNER, scopes: ['consortium:member'] }), found: false,
    },
    {
      name: 'a grant to a partner, for its verified staff',
      grants: [organisationGrant(OWNER)], who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), found: true,
    },
    {
      name: 'a grant to the publishing partner, for an institution scope carrying its id',
      grants: [organisationGrant(OWNER)], who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), found: false,
    },
    {
      name: 'the institution scope of another organisation',
      grants: [organisationGrant(OUTSIDER_ORG)], who: principal({ scopes: ['institution:helix-therapeutics'] }), found: false,
    },
    { name: 'a grant to another person', grants: [grant({ grantee: { kind: 'person', subject: 'someone-else' } })], found: false },
    { name: 'a grant to another organisation', grants: [organisationGrant('helix-therapeutics')], found: false },
    { name: 'a grant for another dataset', grants: [grant({ datasetId: 'northbridge-hospital:ds-002' })], found: false },
    { name: 'an expired grant', grants: [grant({ expiresInDays: -1 })], found: false },
    { name: 'a grant expiring exactly now', grants: [grant({ expiresAt: NOW.getTime() })], found: false },
    { name: 'a grant expiring a millisecond from now', grants: [grant({ expiresAt: NOW.getTime() + 1 })], found: true },
    { name: 'an expired grant beside an active one', grants: [grant({ expiresInDays: -1 }), organisationGrant(OUTSIDER_ORG)], who: verified, found: true },
    { name: 'no grants', grants: [], found: false },
    { name: 'the anonymous principal matches no person', grants: [grant()], who: anonymous(), found: false },
    {
      name: 'a principal without an organisation matches no organisation grant',
      grants: [organisationGrant(OUTSIDER_ORG)], who: principal({ organisation: null, scopes: [OUTSIDER_SCOPE] }), found: false,
    },
  ])('$name -> found: $found', ({ grants, who = principal(), found }) => {
    const match = activeGrantFor(grants, who, facts(), NOW);
    expect(match !== undefined).toBe(found);
    if (match) expect(grants).toContain(match);
  });
});

describe('grantRule', () => {
  it.each<{ name: string; grants: Grant[]; expected: Expected }>([
    { name: 'active grant', grants: [grant()], expected: 'allow' },
    { name: 'expired grant', grants: [grant({ expiresInDays: -30 })], expected: 'NO_ACTIVE_GRANT' },
    { name: 'no grant', grants: [], expected: 'NO_ACTIVE_GRANT' },
  ])('$name -> $expected', ({ grants, expected }) => {
    expectDecision(grantRule, { grants }, expected);
  });

  it.each<{ name: string; who: Principal; expected: Expected }>([
    { name: 'an organisation grant, verified organisation', who: verified, expected: 'allow' },
    { name: 'an organisation grant, org claim alone', who: principal(), expected: 'NO_ACTIVE_GRANT' },
    { name: 'an organisation grant, anonymous with the org claim', who: { ...anonymous(), organisation: OUTSIDER_ORG }, expected: 'NO_ACTIVE_GRANT' },
  ])('$name -> $expected', ({ who, expected }) => {
    expectDecision(grantRule, { principal: who, grants: [organisationGrant(OUTSIDER_ORG)] }, expected);
  });

  // A grant to the publishing partner reaches its staff (partner:<id>), never institution:<id> with its id.
  it.each<{ name: string; who: Principal; expected: Expected }>([
    { name: 'a grant to the partner, its verified staff', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), expected: 'allow' },
    { name: 'a grant to the partner, an institution scope carrying its id', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), expected: 'NO_ACTIVE_GRANT' },
  ])('$name -> $expected', ({ who, expected }) => {
    expectDecision(grantRule, { principal: who, grants: [organisationGrant(OWNER)] }, expected);
  });

  it('tells whom to ask for access', () => {
    const decision = expectDecision(grantRule, { grants: [] }, 'NO_ACTIVE_GRANT');
    expect(decision).toMatchObject({ obtainAccess: `Request access to dataset ${DATASET} from ${OWNER}` });
  });
});

describe('isOwningPartner', () => {
  it.each<{ name: string; who: Principal; owner: boolean }>([
    { name: 'a member of the publishing partner', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), owner: true },
    { name: 'an institution scope naming the partner is not staff', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), owner: false },
    { name: 'the partner scope without the org claim', who: principal({ organisation: OUTSIDER_ORG, scopes: [OWNER_SCOPE] }), owner: false },
    { name: 'an org claim naming the partner, without its partner scope', who: principal({ organisation: OWNER, scopes: ['consortium:member'] }), owner: false },
    { name: 'the partner scope of another partner', who: principal({ organisation: OWNER, scopes: ['partner:helix-therapeutics'] }), owner: false },
    { name: 'a member of another partner', who: principal({ organisation: 'helix-therapeutics' }), owner: false },
    { name: 'an unauthenticated claim of the organisation', who: { ...anonymous(), organisation: OWNER }, owner: false },
    { name: 'anonymous', who: anonymous(), owner: false },
  ])('$name -> $owner', ({ who, owner }) => {
    expect(isOwningPartner(who, facts())).toBe(owner);
  });
});
