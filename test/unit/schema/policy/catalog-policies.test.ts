import { describe, expect, it } from 'vitest';
import { CATALOG_POLICIES as DESCRIBED } from '../../../../schema/policies.js';
import { CATALOG_POLICIES, evaluatePolicies } from '../../../../schema/policy/catalog-policies.js';
import { deny, type Policy } from '../../../../schema/policy/decision.js';
import type { DatasetFacts } from '../../../../schema/policy/facts.js';
import { CONSORTIUM_DUA, MEMBER_SCOPE, stewardScope, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import { anonymous, expectDecision, facts, grant, input, outcome, OWNER, principal, type Expected } from './harness.js';

const NUH_DUA = 'LicenseRef-NUH-DUA-2.1';
const owner = principal({ organisation: OWNER, scopes: [`partner:${OWNER}`] });
const member = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA], purpose: { category: 'health' } });
const licensee = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA, NUH_DUA], purpose: { category: 'health' } });
const steward = principal({ organisation: OWNER, scopes: [`partner:${OWNER}`, stewardScope(OWNER)] });
/** The steward scope beside an org claim that is not verified: neither steward nor owner. */
const stewardScopeOnly = principal({ scopes: [stewardScope(OWNER)] });
/** Everything a requester can get wrong at once: deleted, embargoed, restricted, licensed, purpose-bound. */
const locked = (more: Partial<DatasetFacts> = {}) => facts({
  dataClass: 'PROPRIETARY', licenceId: NUH_DUA, useConditions: [{ code: 'HMB' }], embargoUntil: '2028-03-31', ...more,
});
const shared = locked({ embargoUntil: null, dataClass: 'PARTNER_SHARED' });

interface Row { name: string; who: Principal; dataset: DatasetFacts; grants?: Grant[]; expected: Expected }

const ACCESS_ROWS: Row[] = [
  { name: 'an open dataset, anonymous', who: anonymous(), dataset: facts({ useConditions: [{ code: 'NRES' }] }), expected: 'allow' },
  { name: 'retention before the owner', who: owner, dataset: locked({ deletionDue: '2025-06-30' }), expected: 'RETENTION_EXPIRED' },
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
    expect(Object.keys(CATALOG_POLICIES).sort()).toEqual(Object.keys(DESCRIBED).sort());
  });

  it.each(ACCESS_ROWS)('dataset:access, $name -> $expected', ({ who, dataset, grants = [], expected }) => {
    expectDecision(CATALOG_POLICIES['dataset:access']!, { principal: who, facts: dataset, grants }, expected);
  });

  it.each(ACCESS_ROWS)('dataset:sample-records decides as dataset:access: $name', ({ who, dataset, grants = [] }) => {
    const row = input({ principal: who, facts: dataset, grants });
    expect(CATALOG_POLICIES['dataset:sample-records']!(row)).toEqual(CATALOG_POLICIES['dataset:access']!(row));
  });

  it('dataset:access returns the DUO duties with the allow', () => {
    const dataset = facts({ dataClass: 'ANONYMIZED', useConditions: [{ code: 'HMB' }, { code: 'PUB' }] });
    const who = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA, 'DUO:0000019'], purpose: { category: 'health' } });
    expect(CATALOG_POLICIES['dataset:access']!(input({ principal: who, facts: dataset }))).toEqual({ allow: true, duties: ['PUB'] });
  });

  it.each<Row>([
    { name: 'a steward of the owner', who: steward, dataset: facts(), expected: 'allow' },
    { name: 'a steward, past deletion', who: steward, dataset: facts({ deletionDue: '2025-06-30' }), expected: 'RETENTION_EXPIRED' },
    { name: 'the owner\'s staff without the scope', who: owner, dataset: facts(), expected: 'NOT_A_STEWARD' },
    { name: 'the steward scope beside an unverified org claim', who: stewardScopeOnly, dataset: facts(), expected: 'NOT_A_STEWARD' },
    { name: 'anonymous', who: anonymous(), dataset: facts(), expected: 'AUTHENTICATION_REQUIRED' },
  ])('dataset:retention-schedule, $name -> $expected', ({ who, dataset, expected }) => {
    expectDecision(CATALOG_POLICIES['dataset:retention-schedule']!, { principal: who, facts: dataset }, expected);
  });

  it.each<Row>([
    { name: 'the owning partner', who: owner, dataset: locked(), expected: 'allow' },
    { name: 'the owning partner, past deletion', who: owner, dataset: locked({ deletionDue: '2025-06-30' }), expected: 'RETENTION_EXPIRED' },
    { name: 'a grant holder', who: principal(), dataset: locked(), grants: [grant()], expected: 'allow' },
    { name: 'a licensee', who: principal({ acceptedTerms: [NUH_DUA] }), dataset: locked(), expected: 'allow' },
    { name: 'a member who did not accept it', who: member, dataset: locked(), expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'an expired grant', who: principal(), dataset: locked(), grants: [grant({ expiresInDays: -1 })], expected: 'LICENCE_NOT_ACCEPTED' },
    { name: 'anonymous', who: anonymous(), dataset: locked(), expected: 'AUTHENTICATION_REQUIRED' },
  ])('licence:royalty-terms, $name -> $expected', ({ who, dataset, grants = [], expected }) => {
    const decision = expectDecision(CATALOG_POLICIES['licence:royalty-terms']!, { principal: who, facts: dataset, grants }, expected);
    if (expected === 'LICENCE_NOT_ACCEPTED') expect(decision).toMatchObject({ obtainAccess: expect.stringContaining(NUH_DUA) });
  });
});

describe('evaluatePolicies: @policy OR of ANDs', () => {
  const ok = (...duties: string[]): Policy => () => ({ allow: true, duties });
  const no = (detail: string): Policy => () => deny('NOT_A_MEMBER', detail);
  const STUBS: Record<string, Policy> = { a: ok('PUB'), b: ok('COL'), x: no('x'), y: no('y') };
  const evaluate = (names: string[][]) => evaluatePolicies(names, input(), STUBS);

  it.each([
    { name: 'one list, all allow', names: [['a', 'b']], result: { allow: true, duties: ['PUB', 'COL'] } },
    { name: 'one list, one denies', names: [['a', 'x']], result: { allow: false, detail: 'x' } },
    { name: 'the second list allows', names: [['x'], ['a']], result: { allow: true, duties: ['PUB'] } },
    { name: 'only the allowing list brings duties', names: [['a', 'x'], ['b']], result: { allow: true, duties: ['COL'] } },
    { name: 'no list allows: the first denial of the first list', names: [['a', 'y', 'x'], ['x']], result: { allow: false, detail: 'y' } },
  ])('$name', ({ names, result }) => {
    expect(evaluate(names)).toMatchObject(result);
  });

  it.each([
    { name: 'an unknown policy', names: [['a', 'nope']] },
    { name: 'a name from Object.prototype', names: [['constructor']] },
    { name: 'no lists', names: [] },
    { name: 'an empty list', names: [[], ['a']] },
  ])('rejects $name rather than allowing', ({ names }) => {
    expect(() => evaluate(names)).toThrow(/@policy/);
  });

  it.each<{ name: string; names: string[][]; expected: Expected }>([
    { name: 'access OR steward: a member passes', names: [['dataset:access'], ['dataset:retention-schedule']], expected: 'allow' },
    { name: 'access AND steward: a member is no steward', names: [['dataset:access', 'dataset:retention-schedule']], expected: 'NOT_A_STEWARD' },
  ])('with the catalog policies, $name', ({ names, expected }) => {
    const dataset = facts({ dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'GRU' }] });
    expect(outcome(evaluatePolicies(names, input({ principal: member, facts: dataset })))).toBe(expected);
  });
});
