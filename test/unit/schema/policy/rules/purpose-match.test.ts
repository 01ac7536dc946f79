import { describe, expect, it } from 'vitest';
import { DUO_TERMS } from '../../../../../schema/duo-terms.js';
import type { UseConditionFact as Term } from '../../../../../schema/policy/facts.js';
import type { Grant, Principal, ResearchPurpose } from '../../../../../schema/policy/principal.js';
import type { DataClass, PurposeCategory } from '../../../../../schema/vocabulary.js';
import { DUO_RULES, purposeMatch } from '../../../../../schema/policy/rules/purpose-match.js';
import {
  anonymous, DAY, expectDecision, facts, grant, NOW, organisationGrant, OUTSIDER_ORG, OUTSIDER_SCOPE, OWNER, OWNER_SCOPE,
  principal, RESEARCHER, type Expected, type PrincipalOverrides,
} from '../harness.js';

const T2D = 'MONDO:0005148';
const ALZ = 'MONDO:0004975';
/** A researcher declaring a purpose of this category, with further purpose fields and claims. */
const as = (category: PurposeCategory, more: Partial<ResearchPurpose> = {}, claims: PrincipalOverrides = {}) =>
  principal({ purpose: { category, ...more }, ...claims });
const general = as('general');
/** A general purpose, from the outside institution the token claims, vouched for by its scope. */
const verifiedOutsider = as('general', {}, { scopes: [OUTSIDER_SCOPE] });
const onGru = (...terms: Term[]): Term[] => [{ code: 'GRU' }, ...terms];
/** Twelve calendar months from NOW (2026-11-24T12:00Z) end at 2027-11-24T12:00Z. */
const IN_TWELVE_MONTHS = Date.UTC(2027, 10, 24, 12);

/** `code`: the DUO term the row exercises; every code of duo-terms.csv needs rows (checked below). */
interface Row { code: string; name: string; terms: Term[]; who: Principal; expected: Expected; dataClass?: DataClass; grants?: Grant[] }
const row = (code: string, name: string, terms: Term[], who: Principal, expected: Expected, more: Partial<Row> = {}): Row =>
  ({ code, name, terms, who, expected, ...more });
const proprietary = (grants: Grant[]): Partial<Row> => ({ dataClass: 'PROPRIETARY', grants });
const INCOMPATIBLE = 'PURPOSE_INCOMPATIBLE';

const ROWS: Row[] = [
  row('NRES', 'no purpose declared', [{ code: 'NRES' }], principal(), 'allow'),
  row('NRES', 'clinical care', [{ code: 'NRES' }], as('clinical-care'), 'allow'),
  row('GRU', 'methods research', [{ code: 'GRU' }], as('methods'), 'allow'),
  row('GRU', 'ancestry research', [{ code: 'GRU' }], as('ancestry'), 'allow'),
  row('GRU', 'clinical care', [{ code: 'GRU' }], as('clinical-care'), INCOMPATIBLE),
  row('HMB', 'health research', [{ code: 'HMB' }], as('health'), 'allow'),
  row('HMB', 'disease research', [{ code: 'HMB' }], as('disease', { diseaseId: T2D }), 'allow'),
  row('HMB', 'ancestry research', [{ code: 'HMB' }], as('ancestry'), INCOMPATIBLE),
  row('HMB', 'general research', [{ code: 'HMB' }], general, INCOMPATIBLE),
  row('HMB', 'methods research', [{ code: 'HMB' }], as('methods'), INCOMPATIBLE),
  row('DS', 'the named disease', [{ code: 'DS', diseaseId: T2D }], as('disease', { diseaseId: T2D }), 'allow'),
  row('DS', 'another disease', [{ code: 'DS', diseaseId: T2D }], as('disease', { diseaseId: ALZ }), INCOMPATIBLE),
  row('DS', 'the id in lower case', [{ code: 'DS', diseaseId: T2D }], as('disease', { diseaseId: T2D.toLowerCase() }), INCOMPATIBLE),
  row('DS', 'health research in general', [{ code: 'DS', diseaseId: T2D }], as('health'), INCOMPATIBLE),
  row('DS', 'no disease on either side', [{ code: 'DS', diseaseId: null }], as('disease'), INCOMPATIBLE),
  row('POA', 'ancestry research', [{ code: 'POA' }], as('ancestry'), 'allow'),
  row('POA', 'health research', [{ code: 'POA' }], as('health'), INCOMPATIBLE),
  row('CC', 'clinical care', [{ code: 'CC' }], as('clinical-care'), 'allow'),
  row('CC', 'general research', [{ code: 'CC' }], general, INCOMPATIBLE),
  row('RS', 'an active grant', onGru({ code: 'RS' }), general, 'allow', { grants: [grant()] }),
  row('RS', 'no grant', onGru({ code: 'RS' }), general, 'NO_ACTIVE_GRANT'),
  row('RS', 'an expired grant', onGru({ code: 'RS' }), general, 'NO_ACTIVE_GRANT', { grants: [grant({ expiresInDays: -1 })] }),
  row('NMDS', 'general research', onGru({ code: 'NMDS' }), general, 'allow'),
  row('NMDS', 'methods research', onGru({ code: 'NMDS' }), as('methods'), INCOMPATIBLE),
  row('GSO', 'a genetic study', onGru({ code: 'GSO' }), as('general', { genetic: true }), 'allow'),
  row('GSO', 'not a genetic study', onGru({ code: 'GSO' }), general, INCOMPATIBLE),
  row('NPUNCU', 'academic, non-commercial', onGru({ code: 'NPUNCU' }), general, 'allow'),
  row('NPUNCU', 'a non-profit', onGru({ code: 'NPUNCU' }), as('general', {}, { affiliation: 'nonprofit' }), 'allow'),
  row('NPUNCU', 'a company', onGru({ code: 'NPUNCU' }), as('general', {}, { affiliation: 'commercial' }), INCOMPATIBLE),
  row('NPUNCU', 'academic, commercial purpose', onGru({ code: 'NPUNCU' }), as('general', { commercial: true }), INCOMPATIBLE),
  row('IRB', 'approval held', onGru({ code: 'IRB' }), as('general', { ethicsApproval: true }), 'allow'),
  row('IRB', 'no approval', onGru({ code: 'IRB' }), general, INCOMPATIBLE),
  row('GS', 'inside the region', onGru({ code: 'GS', regions: ['GB', 'IE'] }), general, 'allow'),
  row('GS', 'outside the region', onGru({ code: 'GS', regions: ['GB'] }), as('general', {}, { country: 'CH' }), INCOMPATIBLE),
  row('GS', 'no country claimed', onGru({ code: 'GS', regions: ['GB'] }), as('general', {}, { country: null }), INCOMPATIBLE),
  row('GS', 'no region named', onGru({ code: 'GS' }), general, INCOMPATIBLE),
  row('US', 'an approved user', onGru({ code: 'US', allowed: [RESEARCHER] }), general, 'allow'),
  row('US', 'another user', onGru({ code: 'US', allowed: ['https://orcid.org/0000-0001-0000-0001'] }), general, INCOMPATIBLE),
  row('PS', 'the approved project', onGru({ code: 'PS', allowed: ['WP3'] }), as('general', { project: 'WP3' }), 'allow'),
  row('PS', 'another project', onGru({ code: 'PS', allowed: ['WP3'] }), as('general', { project: 'WP4' }), INCOMPATIBLE),
  row('PS', 'no project declared', onGru({ code: 'PS', allowed: ['WP3'] }), general, INCOMPATIBLE),
  // IS counts only a verified organisation (schema/policy/verified-organisation.ts): an org claim without its scope gets nothing.
  row('IS', 'an approved institution, verified', onGru({ code: 'IS', allowed: [OUTSIDER_ORG] }), verifiedOutsider, 'allow'),
  row('IS', 'an approved institution, org claim alone', onGru({ code: 'IS', allowed: [OUTSIDER_ORG] }), general, INCOMPATIBLE),
  row('IS', 'an approved institution, the scope of another', onGru({ code: 'IS', allowed: [OUTSIDER_ORG] }),
    as('general', {}, { scopes: ['institution:helix-therapeutics'] }), INCOMPATIBLE),
  row('IS', 'a scope without the org claim', onGru({ code: 'IS', allowed: [OUTSIDER_ORG] }),
    as('general', {}, { organisation: null, scopes: [OUTSIDER_SCOPE] }), INCOMPATIBLE),
  row('IS', 'a listed partner, its verified staff', onGru({ code: 'IS', allowed: [OWNER] }),
    as('general', {}, { organisation: OWNER, scopes: [OWNER_SCOPE] }), 'allow'),
  row('IS', 'a listed partner, an institution scope carrying its id', onGru({ code: 'IS', allowed: [OWNER] }),
    as('general', {}, { organisation: OWNER, scopes: [`institution:${OWNER}`] }), INCOMPATIBLE),
  row('IS', 'a listed partner and institution, an institution scope carrying the partner\'s id', onGru({ code: 'IS', allowed: [OUTSIDER_ORG, OWNER] }),
    as('general', {}, { organisation: OWNER, scopes: [`institution:${OWNER}`] }), INCOMPATIBLE),
  row('IS', 'a listed partner, org claim alone', onGru({ code: 'IS', allowed: [OWNER] }),
    as('general', {}, { organisation: OWNER, scopes: ['consortium:member'] }), INCOMPATIBLE),
  row('IS', 'another institution', onGru({ code: 'IS', allowed: ['helix-therapeutics'] }), verifiedOutsider, INCOMPATIBLE),
  row('NPOA', 'health research', onGru({ code: 'NPOA' }), as('health'), 'allow'),
  row('NPOA', 'ancestry research', onGru({ code: 'NPOA' }), as('ancestry'), INCOMPATIBLE),
  row('NPU', 'a non-profit', onGru({ code: 'NPU' }), as('general', {}, { affiliation: 'nonprofit' }), 'allow'),
  row('NPU', 'a company', onGru({ code: 'NPU' }), as('general', {}, { affiliation: 'commercial' }), INCOMPATIBLE),
  row('NPU', 'affiliation unknown', onGru({ code: 'NPU' }), as('general', {}, { affiliation: null }), INCOMPATIBLE),
  row('NCU', 'a company, non-commercial purpose', onGru({ code: 'NCU' }), as('general', {}, { affiliation: 'commercial' }), 'allow'),
  row('NCU', 'a commercial purpose', onGru({ code: 'NCU' }), as('general', { commercial: true }), INCOMPATIBLE),
  // TS bites only where access relies on a grant: PROPRIETARY data or RS.
  row('TS', 'a grant within the limit', onGru({ code: 'TS', months: 12 }), general, 'allow', proprietary([grant()])),
  row('TS', 'a grant ending at the limit', onGru({ code: 'TS', months: 12 }), general, 'allow',
    proprietary([grant({ expiresAt: IN_TWELVE_MONTHS })])),
  row('TS', 'a grant a millisecond too long', onGru({ code: 'TS', months: 12 }), general, 'NO_ACTIVE_GRANT',
    proprietary([grant({ expiresAt: IN_TWELVE_MONTHS + 1 })])),
  row('TS', 'a long grant beside a short one', onGru({ code: 'TS', months: 12 }), verifiedOutsider, 'allow',
    proprietary([grant({ expiresInDays: 1000 }), organisationGrant(OUTSIDER_ORG, { expiresInDays: 90 })])),
  row('TS', 'a short grant to an organisation the token claims without its scope', onGru({ code: 'TS', months: 12 }), general,
    'NO_ACTIVE_GRANT', proprietary([grant({ expiresInDays: 1000 }), organisationGrant(OUTSIDER_ORG, { expiresInDays: 90 })])),
  row('TS', 'with RS, a grant too long', onGru({ code: 'RS' }, { code: 'TS', months: 6 }), general, 'NO_ACTIVE_GRANT',
    { grants: [grant({ expiresInDays: 365 })] }),
  row('TS', 'no length named', onGru({ code: 'TS' }), general, 'NO_ACTIVE_GRANT', proprietary([grant()])),
  row('TS', 'a long grant not relied upon', onGru({ code: 'TS', months: 12 }), general, 'allow',
    { grants: [grant({ expiresInDays: 1000 })] }),
  row('PUB', 'accepted', onGru({ code: 'PUB' }), as('general', {}, { acceptedTerms: ['DUO:0000019'] }), 'allow'),
  row('PUB', 'not accepted', onGru({ code: 'PUB' }), general, 'DUTY_NOT_ACCEPTED'),
  row('PUB', 'accepted by code, not by id', onGru({ code: 'PUB' }), as('general', {}, { acceptedTerms: ['PUB'] }), 'DUTY_NOT_ACCEPTED'),
  row('COL', 'accepted with the grant', onGru({ code: 'COL' }), general, 'allow', { grants: [grant()] }),
  row('COL', 'an expired grant', onGru({ code: 'COL' }), general, 'DUTY_NOT_ACCEPTED', { grants: [grant({ expiresInDays: -1 })] }),
  row('RTN', 'accepted', onGru({ code: 'RTN' }), as('general', {}, { acceptedTerms: ['DUO:0000029'] }), 'allow'),
  row('RTN', 'not accepted', onGru({ code: 'RTN' }), general, 'DUTY_NOT_ACCEPTED'),
  row('MOR', 'accepted', onGru({ code: 'MOR', until: '2026-12-31' }), as('general', {}, { acceptedTerms: ['DUO:0000024'] }), 'allow'),
  row('MOR', 'not accepted', onGru({ code: 'MOR', until: '2026-12-31' }), general, 'DUTY_NOT_ACCEPTED'),
];

const decide = ({ terms, who, dataClass = 'ANONYMIZED', grants = [] }: Omit<Row, 'code' | 'name' | 'expected'>, now = NOW) =>
  purposeMatch({ principal: who, facts: facts({ dataClass, useConditions: terms }), grants, now });
const check = ({ terms, who, dataClass = 'ANONYMIZED', grants = [], expected }: Row) => {
  expectDecision(purposeMatch, { principal: who, facts: facts({ dataClass, useConditions: terms }), grants }, expected);
};

describe('purposeMatch: DUO terms', () => {
  it.each(ROWS)('$code: $name -> $expected', check);
});

describe('purposeMatch: the dataset as a whole', () => {
  it.each([
    row('', 'a PUBLIC dataset without terms, anonymous', [], anonymous(), 'allow', { dataClass: 'PUBLIC' }),
    row('', 'a non-PUBLIC dataset without terms (fail closed)', [], general, INCOMPATIBLE, { dataClass: 'PARTNER_SHARED' }),
    row('', 'modifiers, no permission (fail closed)', [{ code: 'NCU' }, { code: 'COL' }], general, INCOMPATIBLE),
    row('', 'PUBLIC, a modifier only: it applies', [{ code: 'NCU' }], as('general', { commercial: true }), INCOMPATIBLE,
      { dataClass: 'PUBLIC' }),
    row('', 'no purpose declared, HMB', [{ code: 'HMB' }], principal(), 'PURPOSE_NOT_DECLARED'),
    row('', 'no purpose declared, NRES and a duty', [{ code: 'NRES' }, { code: 'PUB' }], principal(), 'PURPOSE_NOT_DECLARED'),
    row('', 'an unknown code', onGru({ code: 'XYZ' }), general, 'UNKNOWN_USE_CONDITION'),
    row('', 'a code in lower case', [{ code: 'gru' }], general, 'UNKNOWN_USE_CONDITION'),
    row('', 'a code named like an Object property', [{ code: 'constructor' }], general, 'UNKNOWN_USE_CONDITION'),
    row('', 'an unknown code beside NRES, no purpose', [{ code: 'NRES' }, { code: 'XYZ' }], principal(), 'UNKNOWN_USE_CONDITION'),
    row('', 'two permissions that both allow', [{ code: 'HMB' }, { code: 'GRU' }], as('health'), 'allow'),
    row('', 'two permissions, one denies', [{ code: 'HMB' }, { code: 'POA' }], as('health'), INCOMPATIBLE),
    row('', 'northbridge-hospital:ds-001, a matching purpose',
      [{ code: 'DS', diseaseId: ALZ }, { code: 'GSO' }, { code: 'NPUNCU' }, { code: 'IS', allowed: [OUTSIDER_ORG] }, { code: 'IRB' }],
      as('disease', { diseaseId: ALZ, genetic: true, ethicsApproval: true }, { scopes: [OUTSIDER_SCOPE] }), 'allow'),
  ])('$name -> $expected', check);

  it('names the failing term in the detail', () => {
    expect(decide({ terms: [{ code: 'DS', diseaseId: T2D }], who: as('disease', { diseaseId: ALZ }) }))
      .toMatchObject({ detail: 'DS DUO:0000007 allows research on MONDO:0005148 only' });
  });

  it('decides the permission before the modifiers', () => {
    expect(decide({ terms: [{ code: 'IRB' }, { code: 'POA' }], who: as('health') })).toMatchObject({ detail: expect.stringMatching(/^POA /) });
  });

  it('returns the duties with the allow, once each', () => {
    const who = as('general', {}, { acceptedTerms: ['DUO:0000019', 'DUO:0000020'] });
    expect(decide({ terms: onGru({ code: 'PUB' }, { code: 'COL' }, { code: 'PUB' }), who })).toEqual({ allow: true, duties: ['PUB', 'COL'] });
  });

  it('lists only the duties still to accept', () => {
    const who = as('general', {}, { acceptedTerms: ['DUO:0000019'] });
    expect(decide({ terms: onGru({ code: 'PUB' }, { code: 'COL' }, { code: 'RTN' }), who })).toMatchObject({
      detail: 'Duties not accepted: COL DUO:0000020, RTN DUO:0000029', obtainAccess: 'Accept the duties COL, RTN',
    });
  });

  it('tells how long a grant under TS may run', () => {
    const decision = decide({ terms: onGru({ code: 'RS' }, { code: 'TS', months: 6 }), who: general, grants: [grant({ expiresInDays: 365 })] });
    expect(decision).toMatchObject({ obtainAccess: expect.stringContaining('for at most 6 months') });
  });

  it('counts TS months in calendar months, clamped to the end of a short month', () => {
    const endOfJanuary = new Date('2027-01-31T00:00:00Z');
    const until = (expiresAt: number) =>
      decide({ terms: onGru({ code: 'TS', months: 1 }), who: general, ...proprietary([grant({ expiresAt })]) }, endOfJanuary).allow;
    expect(until(Date.UTC(2027, 1, 28))).toBe(true);
    expect(until(Date.UTC(2027, 1, 28) + DAY)).toBe(false);
  });
});

describe('the DUO vocabulary (schema/duo-terms.csv)', () => {
  it.each(DUO_TERMS)('$shorthand ($id) is decided or a duty, under its own id', ({ id, shorthand }) => {
    expect(DUO_RULES.get(shorthand)).toMatchObject({ id, role: expect.stringMatching(/^(permission|modifier|duty)$/) });
  });

  it('decides no code outside the vocabulary', () => {
    expect([...DUO_RULES.keys()].sort()).toEqual(DUO_TERMS.map((t) => t.shorthand).sort());
  });

  it.each(DUO_TERMS)('$shorthand has an allowing row and, unless it allows everything, a denying one', ({ shorthand }) => {
    const outcomes = new Set(ROWS.filter((r) => r.code === shorthand).map((r) => r.expected === 'allow'));
    expect(outcomes.has(true)).toBe(true);
    if (shorthand !== 'NRES') expect(outcomes.has(false)).toBe(true);
  });

  it.each(DUO_TERMS.filter((t) => t.shorthand !== 'NRES'))('$shorthand changes a decision (no silent fall-through)', ({ shorthand }) => {
    const denials = ROWS.filter((r) => r.code === shorthand && r.expected !== 'allow');
    const changed = denials.some((r) => {
      const without = r.terms.filter((t) => t.code !== shorthand);
      return decide(r).allow !== decide({ ...r, terms: without.length > 0 ? without : [{ code: 'NRES' }] }).allow;
    });
    expect(changed).toBe(true);
  });
});
