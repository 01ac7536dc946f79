import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from '../../../../../schema/policy/principal.js';
import { licenceRule } from '../../../../../schema/policy/rules/licence-rule.js';
import {
  anonymous, expectDecision, facts, grant, organisationGrant, OUTSIDER_ORG, OUTSIDER_SCOPE, OWNER, principal, type Expected,
} from '../harness.js';

const NUH_DUA = 'LicenseRef-NUH-DUA-2.1';

describe('licenceRule', () => {
  it.each<{ name: string; licenceId: string; who: Principal; expected: Expected }>([
    { name: 'an open SPDX licence (CC-BY-4.0)', licenceId: 'CC-BY-4.0', who: principal(), expected: 'allow' },
    { name: 'an open SPDX licence (ODbL-1.0), anonymous', licenceId: 'ODbL-1.0', who: anonymous(), expected: 'allow' },
    { name: 'a partner licence, not accepted', licenceId: NUH_DUA, who: principal(), expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'a partner licence, accepted', licenceId: NUH_DUA, who: principal({ acceptedTerms: [NUH_DUA] }), expected: 'allow' },
    {
      name: 'a partner licence, an older version accepted',
      licenceId: NUH_DUA, who: principal({ acceptedTerms: ['LicenseRef-NUH-DUA-2.0'] }), expected: 'LICENCE_NOT_ACCEPTED',
    },
    { name: 'a partner licence, the owning partner', licenceId: NUH_DUA, who: principal({ organisation: OWNER, scopes: [`partner:${OWNER}`] }), expected: 'allow' },
    { name: 'a partner licence, anonymous', licenceId: NUH_DUA, who: anonymous(), expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'a lower-case licenseref- prefix', licenceId: 'licenseref-nuh-dua', who: principal(), expected: 'LICENCE_NOT_ACCEPTED' },
    {
      name: 'a LicenseRef in another SPDX document',
      licenceId: 'DocumentRef-nuh:LicenseRef-DUA', who: principal(), expected: 'LICENCE_NOT_ACCEPTED',
    },
    { name: 'an expression with a LicenseRef', licenceId: `MIT OR ${NUH_DUA}`, who: principal(), expected: 'LICENCE_NOT_ACCEPTED' },
  ])('$name -> $expected', ({ licenceId, who, expected }) => {
    expectDecision(licenceRule, { principal: who, facts: facts({ licenceId }) }, expected);
  });

  // An approved access request records the licences its requester accepted: an active grant for the
  // dataset that records the licence counts as its acceptance, for that dataset only.
  it.each<{ name: string; grants: readonly Grant[]; who?: Principal; expected: Expected }>([
    { name: 'an active grant recording the licence', grants: [grant({ acceptedTerms: [NUH_DUA] })], expected: 'allow' },
    { name: 'an active grant recording it among others', grants: [grant({ acceptedTerms: ['PUB', NUH_DUA] })], expected: 'allow' },
    { name: 'an active grant recording nothing', grants: [grant()], expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'an active grant recording another licence', grants: [grant({ acceptedTerms: ['LicenseRef-NUH-DUA-2.0'] })], expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'an expired grant recording the licence', grants: [grant({ acceptedTerms: [NUH_DUA], expiresInDays: -1 })], expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'a grant expiring this very moment', grants: [grant({ acceptedTerms: [NUH_DUA], expiresInDays: 0 })], expected: 'LICENCE_NOT_ACCEPTED' },
    {
      name: 'a grant of another dataset recording the licence',
      grants: [grant({ datasetId: 'northbridge-hospital:ds-002', acceptedTerms: [NUH_DUA] })], expected: 'LICENCE_NOT_ACCEPTED',
    },
    {
      name: 'a grant to another person recording the licence',
      grants: [grant({ grantee: { kind: 'person', subject: 'someone-else' }, acceptedTerms: [NUH_DUA] })], expected: 'LICENCE_NOT_ACCEPTED',
    },
    {
      name: 'a grant to the verified organisation recording the licence',
      grants: [organisationGrant(OUTSIDER_ORG, { acceptedTerms: [NUH_DUA] })], who: principal({ scopes: [OUTSIDER_SCOPE] }), expected: 'allow',
    },
    {
      name: 'a grant to an organisation the token only claims',
      grants: [organisationGrant(OUTSIDER_ORG, { acceptedTerms: [NUH_DUA] })], expected: 'LICENCE_NOT_ACCEPTED',
    },
    { name: 'a token grant recording the licence', grants: [grant({ source: 'token', acceptedTerms: [NUH_DUA] })], expected: 'allow' },
    {
      name: 'a grant recording the licence, anonymous',
      grants: [grant({ acceptedTerms: [NUH_DUA] })], who: anonymous(), expected: 'LICENCE_NOT_ACCEPTED',
    },
  ])('a partner licence and $name -> $expected', ({ grants, who, expected }) => {
    expectDecision(licenceRule, { principal: who ?? principal(), grants, facts: facts({ licenceId: NUH_DUA }) }, expected);
  });

  it('names the licence to accept', () => {
    const decision = expectDecision(licenceRule, { facts: facts({ licenceId: NUH_DUA }) }, 'LICENCE_NOT_ACCEPTED');
    expect(decision).toMatchObject({ obtainAccess: expect.stringContaining(NUH_DUA) });
  });
});
