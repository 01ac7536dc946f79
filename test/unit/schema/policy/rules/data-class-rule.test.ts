import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from '../../../../../schema/policy/principal.js';
import type { DataClass } from '../../../../../schema/vocabulary.js';
import { CONSORTIUM_DUA, MEMBER_SCOPE } from '../../../../../schema/policy/principal.js';
import { dataClassRule } from '../../../../../schema/policy/rules/data-class-rule.js';
import {
  anonymous, expectDecision, facts, grant, organisationGrant, OUTSIDER_ORG, OUTSIDER_SCOPE, OWNER, OWNER_SCOPE, principal, type Expected,
} from '../harness.js';

const member = principal({ scopes: [MEMBER_SCOPE] });
const memberUnderDua = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA] });

interface Row { name: string; dataClass: DataClass; who: Principal; grants?: Grant[]; expected: Expected }

describe('dataClassRule', () => {
  it.each<Row>([
    { name: 'PUBLIC, anonymous', dataClass: 'PUBLIC', who: anonymous(), expected: 'allow' },
    { name: 'PARTNER_SHARED, anonymous', dataClass: 'PARTNER_SHARED', who: anonymous(), expected: 'AUTHENTICATION_REQUIRED' },
    { name: 'PARTNER_SHARED, outsider', dataClass: 'PARTNER_SHARED', who: principal(), expected: 'NOT_A_MEMBER' },
    { name: 'PARTNER_SHARED, member', dataClass: 'PARTNER_SHARED', who: member, expected: 'allow' },
    { name: 'ANONYMIZED, anonymous', dataClass: 'ANONYMIZED', who: anonymous(), expected: 'AUTHENTICATION_REQUIRED' },
    { name: 'ANONYMIZED, member without the DUA', dataClass: 'ANONYMIZED', who: member, expected: 'DATA_USE_AGREEMENT_NOT_ACCEPTED' },
    { name: 'ANONYMIZED, member under the DUA', dataClass: 'ANONYMIZED', who: memberUnderDua, expected: 'allow' },
    {
      name: 'ANONYMIZED, outsider who accepted the DUA',
      dataClass: 'ANONYMIZED', who: principal({ acceptedTerms: [CONSORTIUM_DUA] }), expected: 'NOT_A_MEMBER',
    },
    {
      name: 'ANONYMIZED, member who accepted another DUA version',
      dataClass: 'ANONYMIZED', who: principal({ scopes: [MEMBER_SCOPE], acceptedTerms: ['concord-dua-0.9'] }),
      expected: 'DATA_USE_AGREEMENT_NOT_ACCEPTED',
    },
    { name: 'PROPRIETARY, anonymous', dataClass: 'PROPRIETARY', who: anonymous(), expected: 'AUTHENTICATION_REQUIRED' },
    { name: 'PROPRIETARY, the owning partner', dataClass: 'PROPRIETARY', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), expected: 'allow' },
    // Ownership and organisation grants need a verified organisation: an org claim without its scope gets nothing.
    {
      name: 'PROPRIETARY, org claim of the owner alone',
      dataClass: 'PROPRIETARY', who: principal({ organisation: OWNER, scopes: [MEMBER_SCOPE] }), expected: 'NO_ACTIVE_GRANT',
    },
    {
      name: 'PROPRIETARY, org claim of the owner with another partner\'s scope',
      dataClass: 'PROPRIETARY', who: principal({ organisation: OWNER, scopes: ['partner:helix-therapeutics'] }), expected: 'NO_ACTIVE_GRANT',
    },
    {
      name: 'PROPRIETARY, organisation grant, org claim alone',
      dataClass: 'PROPRIETARY', who: principal(), grants: [organisationGrant(OUTSIDER_ORG)], expected: 'NO_ACTIVE_GRANT',
    },
    { name: 'PROPRIETARY, member without a grant', dataClass: 'PROPRIETARY', who: memberUnderDua, expected: 'NO_ACTIVE_GRANT' },
    { name: 'PROPRIETARY, personal grant', dataClass: 'PROPRIETARY', who: principal(), grants: [grant()], expected: 'allow' },
    {
      name: 'PROPRIETARY, organisation grant, verified organisation',
      dataClass: 'PROPRIETARY', who: principal({ scopes: [OUTSIDER_SCOPE] }), grants: [organisationGrant(OUTSIDER_ORG)], expected: 'allow',
    },
    {
      name: 'PROPRIETARY, grant to the owning partner, an institution scope carrying its id',
      dataClass: 'PROPRIETARY', who: principal({ organisation: OWNER, scopes: [`institution:${OWNER}`] }), grants: [organisationGrant(OWNER)],
      expected: 'NO_ACTIVE_GRANT',
    },
    {
      name: 'PROPRIETARY, expired grant',
      dataClass: 'PROPRIETARY', who: principal(), grants: [grant({ expiresInDays: -1 })], expected: 'NO_ACTIVE_GRANT',
    },
    {
      name: 'PROPRIETARY, grant for another dataset',
      dataClass: 'PROPRIETARY', who: principal(), grants: [grant({ datasetId: 'helix-therapeutics:ds-001' })],
      expected: 'NO_ACTIVE_GRANT',
    },
    {
      name: 'a class this model does not know is treated as PROPRIETARY',
      dataClass: 'RESTRICTED' as DataClass, who: memberUnderDua, expected: 'NO_ACTIVE_GRANT',
    },
  ])('$name -> $expected', ({ dataClass, who, grants, expected }) => {
    expectDecision(dataClassRule, { principal: who, facts: facts({ dataClass }), grants: grants ?? [] }, expected);
  });

  it('tells a member which agreement to accept', () => {
    const decision = expectDecision(dataClassRule, { principal: member, facts: facts({ dataClass: 'ANONYMIZED' }) },
      'DATA_USE_AGREEMENT_NOT_ACCEPTED');
    expect(decision).toMatchObject({ obtainAccess: expect.stringContaining(CONSORTIUM_DUA) });
  });

  it('tells a non-holder of a PROPRIETARY dataset whom to ask', () => {
    const decision = expectDecision(dataClassRule, { facts: facts({ dataClass: 'PROPRIETARY' }) }, 'NO_ACTIVE_GRANT');
    expect(decision).toMatchObject({ obtainAccess: expect.stringContaining(OWNER) });
  });
});
