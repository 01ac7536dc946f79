import { describe, expect, it } from 'vitest';
import { POLICY_DESCRIPTIONS } from '../../../../schema/policies.js';
import { CATALOG_POLICIES } from '../../../../schema/policy/catalog-policies.js';
import type { DatasetFacts } from '../../../../schema/policy/facts.js';
import { decideAlternatives, type AlternativesDecision } from '../../../../schema/policy/policy-alternatives.js';
import { CONSORTIUM_DUA, MEMBER_SCOPE, stewardScope, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import { anonymous, facts, grant, input, OWNER, OWNER_SCOPE, principal, type Expected } from './harness.js';

// The catalog's named policies, decided the way the gateway decides a @policy field: through
// decideAlternatives with CATALOG_POLICIES (gateway/authz/shaping-schema.ts).

const NUH_DUA = 'LicenseRef-NUH-DUA-2.1';
const PAST = '2025-06-30';
const owner = principal({ organisation: OWNER, scopes: [OWNER_SCOPE] });
const member = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA], purpose: { category: 'health' } });
const licensee = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA, NUH_DUA], purpose: { category: 'health' } });
const steward = principal({ organisation: OWNER, scopes: [OWNER_SCOPE, stewardScope(OWNER)] });
/** The steward scope beside an org claim that is not verified: neither steward nor owner. */
const stewardScopeOnly = principal({ scopes: [stewardScope(OWNER)] });
/** Everything a requester can get wrong at once: embargoed, restricted, licensed, purpose-bound. */
const locked = (more: Partial<DatasetFacts> = {}) => facts({
  dataClass: 'PROPRIETARY', licenceId: NUH_DUA, useConditions: [{ code: 'HMB' }], embargoUntil: '2028-03-31', ...more,
});
const shared = locked({ embargoUntil: null, dataClass: 'PARTNER_SHARED' });

interface Row { name: string; who: Principal; dataset: DatasetFacts; grants?: Grant[]; expected: Expected }

/** One @policy field guarded by the named policies, as the gateway decides it. */
function decide(alternatives: string[][], { who, dataset, grants = [] }: Omit<Row, 'name' | 'expected'>): AlternativesDecision {
  return decideAlternatives(alternatives, input({ principal: who, facts: dataset, grants }), CATALOG_POLICIES);
}
const outcome = (decision: AlternativesDecision): Expected => (decision.allow ? 'allow' : decision.decision.reason);

function expectPolicy(name: string, row: Row): AlternativesDecision {
  const decision = decide([[name]], row);
  expect(outcome(decision), decision.allow ? 'allowed' : decision.decision.detail).toBe(row.expected);
  if (!decision.allow) expect(decision.policy).toBe(name);
  return decision;
}

const ACCESS_ROWS: Row[] = [
  { name: 'an open dataset, anonymous', who: anonymous(), dataset: facts({ useConditions: [{ code: 'NRES' }] }), expected: 'allow' },
  { name: 'retention before the owner', who: owner, dataset: locked({ deletionDue: PAST }), expected: 'RETENTION_EXPIRED' },
  { name: 'retention before authentication', who: anonymous(), dataset: locked({ deletionDue: PAST }), expected: 'RETENTION_EXPIRED' },
  { name: 'the owner passes embargo, class, licence and purpose', who: owner, dataset: locked(), expected: 'allow' },
  { name: 'embargo before the data class', who: anonymous(), dataset: locked(), expected: 'EMBARGOED' },
  { name: 'data class before the licence', who: principal(), dataset: shared, expected: 'NOT_A_MEMBER' },
  { name: 'anonymous, non-public data', who: anonymous(), dataset: shared, expected: 'AUTHENTICATION_REQUIRED' },
  { name: 'licence before the purpose', who: principal({ scopes: [MEMBER_SCOPE] }), dataset: shared, expected: 'LICENCE_NOT_ACCEPTED' },
  {
    name: 'purpose after the licence', dataset: shared, expected: 'PURPOSE_INCOMPATIBLE',
    who: principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [NUH_DUA], purpose: { category: 'ancestry' } }),
  },
  { name: 'PROPRIETARY without a grant', who: licensee, dataset: locked({ embargoUntil: null }), expected: 'NO_ACTIVE_GRANT' },
  { name: 'PROPRIETARY with a grant', who: licensee, dataset: locked({ embargoUntil: null }), grants: [grant()], expected: 'allow' },
  { name: 'a grant does not lift an embargo', who: licensee, dataset: locked(), grants: [grant()], expected: 'EMBARGOED' },
  { name: 'a steward scope alone does not make the owner', who: stewardScopeOnly, dataset: locked({ embargoUntil: null }), expected: 'NO_ACTIVE_GRANT' },
  {
    name: 'an ANONYMIZED dataset for a member under the DUA', who: member, expected: 'allow',
    dataset: facts({ dataClass: 'ANONYMIZED', useConditions: [{ code: 'HMB' }] }),
  },
  { name: 'PUBLIC under a partner licence, anonymous', who: anonymous(), dataset: facts({ licenceId: NUH_DUA }), expected: 'LICENCE_NOT_ACCEPTED' },
];

describe('CATALOG_POLICIES', () => {
  it('implements exactly the policies schema/policies.ts describes', () => {
    expect(Object.keys(CATALOG_POLICIES).sort()).toEqual(Object.keys(POLICY_DESCRIPTIONS).sort());
  });

  it.each(ACCESS_ROWS)('dataset:access, $name -> $expected', (row) => {
    expectPolicy('dataset:access', row);
  });

  it.each(ACCESS_ROWS)('dataset:sample-records decides as dataset:access: $name', (row) => {
    const access = decide([['dataset:access']], row);
    const samples = decide([['dataset:sample-records']], row);
    expect(outcome(samples)).toBe(outcome(access));
    expect(samples.allow ? samples.duties : samples.decision).toEqual(access.allow ? access.duties : access.decision);
  });

  it('dataset:access returns the DUO duties with the allow', () => {
    const dataset = facts({ dataClass: 'ANONYMIZED', useConditions: [{ code: 'HMB' }, { code: 'PUB' }] });
    const who = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA, 'DUO:0000019'], purpose: { category: 'health' } });
    expect(decide([['dataset:access']], { who, dataset })).toEqual({ allow: true, duties: ['PUB'] });
  });

  it.each<Row>([
    { name: 'a steward of the owner', who: steward, dataset: facts(), expected: 'allow' },
    { name: 'a steward, past deletion', who: steward, dataset: facts({ deletionDue: PAST }), expected: 'RETENTION_EXPIRED' },
    { name: 'the owner\'s staff without the scope', who: owner, dataset: facts(), expected: 'NOT_A_STEWARD' },
    { name: 'the steward scope beside an unverified org claim', who: stewardScopeOnly, dataset: facts(), expected: 'NOT_A_STEWARD' },
    { name: 'anonymous', who: anonymous(), dataset: facts(), expected: 'AUTHENTICATION_REQUIRED' },
  ])('dataset:retention-schedule, $name -> $expected', (row) => {
    expectPolicy('dataset:retention-schedule', row);
  });

  it.each<Row>([
    { name: 'the owning partner', who: owner, dataset: locked(), expected: 'allow' },
    { name: 'the owning partner, past deletion', who: owner, dataset: locked({ deletionDue: PAST }), expected: 'RETENTION_EXPIRED' },
    { name: 'a grant holder', who: principal(), dataset: locked(), grants: [grant()], expected: 'allow' },
    { name: 'a licensee', who: principal({ acceptedTerms: [NUH_DUA] }), dataset: locked(), expected: 'allow' },
    { name: 'a member who did not accept it', who: member, dataset: locked(), expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'an expired grant', who: principal(), dataset: locked(), grants: [grant({ expiresInDays: -1 })], expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'anonymous', who: anonymous(), dataset: locked(), expected: 'AUTHENTICATION_REQUIRED' },
  ])('licence:royalty-terms, $name -> $expected', (row) => {
    const decision = expectPolicy('licence:royalty-terms', row);
    if (row.expected === 'LICENCE_NOT_ACCEPTED') expect(decision).toMatchObject({ decision: { obtainAccess: expect.stringContaining(NUH_DUA) } });
  });

  it.each<{ name: string; alternatives: string[][]; who: Principal; expected: Expected; policy?: string }>([
    { name: 'access OR steward: a member passes', alternatives: [['dataset:access'], ['dataset:retention-schedule']], who: member, expected: 'allow' },
    { name: 'steward OR access: a member passes', alternatives: [['dataset:retention-schedule'], ['dataset:access']], who: member, expected: 'allow' },
    {
      name: 'access AND steward: a member is no steward', alternatives: [['dataset:access', 'dataset:retention-schedule']], who: member,
      expected: 'NOT_A_STEWARD', policy: 'dataset:retention-schedule',
    },
    {
      name: 'steward OR access, neither: the first alternative is reported', alternatives: [['dataset:retention-schedule'], ['dataset:access']],
      who: principal(), expected: 'NOT_A_STEWARD', policy: 'dataset:retention-schedule',
    },
  ])('combined on one field, $name -> $expected', ({ alternatives, who, expected, policy }) => {
    const decision = decide(alternatives, { who, dataset: facts({ dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'GRU' }] }) });
    expect(outcome(decision)).toBe(expected);
    if (policy) expect(decision).toMatchObject({ policy });
  });
});
