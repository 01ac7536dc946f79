import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../../schema/policy/principal.js';
import { licenceRule } from '../../../../../schema/policy/rules/licence-rule.js';
import { anonymous, expectDecision, facts, OWNER, principal, type Expected } from '../harness.js';

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

  it('names the licence to accept', () => {
    const decision = expectDecision(licenceRule, { facts: facts({ licenceId: NUH_DUA }) }, 'LICENCE_NOT_ACCEPTED');
    expect(decision).toMatchObject({ obtainAccess: expect.stringContaining(NUH_DUA) });
  });
});
