import { describe, expect, it } from 'vitest';
import { acceptedDutyCodes, accessOnceGranted, checkRequestedDataset, requiredDuties, type RefusalReason, type RequestedDataset } from '../../../../subgraphs/governance/request-checks.js';
import type { GovernedDataset } from '../../../../subgraphs/governance/dataset-facts.js';
import { CONSORTIUM_DUA, institutionScope, MEMBER_SCOPE, partnerScope, type Principal, type ResearchPurpose } from '../../../../schema/policy/principal.js';
import type { UseConditionFact } from '../../../../schema/policy/facts.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const LICENCE = 'LicenseRef-NUH-DUA-2.1';

function dataset(overrides: Partial<GovernedDataset> = {}): GovernedDataset {
  return {
    datasetId: 'northbridge-hospital:ds-1', partnerId: 'northbridge-hospital', dataClass: 'PROPRIETARY', licenceId: 'CC-BY-4.0',
    licenceMaxDurationMonths: null, useConditions: [{ code: 'GRU' }], embargoUntil: null, deletionDue: null, ...overrides,
  };
}

function requester(overrides: { purpose?: Partial<ResearchPurpose>; scopes?: string[]; org?: string; acceptedTerms?: string[]; country?: string } = {}): Principal {
  return {
    authenticated: true, subject: 'researcher-1', organisation: overrides.org ?? 'uni-leiden',
    scopes: new Set(overrides.scopes ?? [MEMBER_SCOPE, institutionScope('uni-leiden')]),
    affiliation: 'academic', country: overrides.country ?? 'NL', acceptedTerms: new Set(overrides.acceptedTerms ?? [CONSORTIUM_DUA]),
    purpose: { category: 'general', diseaseId: null, genetic: false, commercial: false, ethicsApproval: false, project: null, ...overrides.purpose },
    grants: [],
  };
}

const terms = (...t: UseConditionFact[]) => t;

function check(overrides: Partial<RequestedDataset> & { facts?: GovernedDataset | undefined }): RefusalReason | 'ok' {
  const input: RequestedDataset = {
    datasetId: overrides.facts?.datasetId ?? 'northbridge-hospital:ds-1',
    facts: 'facts' in overrides ? overrides.facts : dataset(),
    requester: requester(),
    acceptedDuties: new Set(),
    acceptedTerms: new Set(),
    pending: new Map(),
    now: NOW,
    ...overrides,
  };
  return checkRequestedDataset(input)?.reason ?? 'ok';
}

describe('checkRequestedDataset', () => {
  it.each<[string, Partial<RequestedDataset> & { facts?: GovernedDataset | undefined }, RefusalReason | 'ok']>([
    ['a proprietary dataset for a compatible purpose', {}, 'ok'],
    ['a partner-shared dataset (the grant may carry its licence)', { facts: dataset({ dataClass: 'PARTNER_SHARED' }) }, 'ok'],
    ['no such dataset', { facts: undefined }, 'UNKNOWN_DATASET'],
    ['a public dataset', { facts: dataset({ dataClass: 'PUBLIC' }) }, 'PUBLIC_DATASET'],
    ['the requester is verified staff of its partner', { requester: requester({ org: 'northbridge-hospital', scopes: [MEMBER_SCOPE, partnerScope('northbridge-hospital')] }) }, 'OWN_DATASET'],
    ['an org claim naming the partner, unverified', { requester: requester({ org: 'northbridge-hospital', scopes: [MEMBER_SCOPE] }) }, 'ok'],
    ['already pending for the requester', { pending: new Map([['northbridge-hospital:ds-1', 'request-1']]) }, 'DUPLICATE_PENDING'],
    ['DUO HMB for a general purpose', { facts: dataset({ useConditions: terms({ code: 'HMB' }) }) }, 'PURPOSE_INCOMPATIBLE'],
    ['DUO HMB for a health purpose', { facts: dataset({ useConditions: terms({ code: 'HMB' }) }), requester: requester({ purpose: { category: 'health' } }) }, 'ok'],
    ['DUO GS GB from the Netherlands', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'GS', regions: ['GB'] }) }) }, 'PURPOSE_INCOMPATIBLE'],
    ['DUO NCU for a commercial purpose', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'NCU' }) }), requester: requester({ purpose: { commercial: true } }) }, 'PURPOSE_INCOMPATIBLE'],
    ['DUO RS: met by the grant asked for', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'RS' }) }) }, 'ok'],
    ['DUO TS 12 months: met by the grant asked for', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'TS', months: 12 }) }) }, 'ok'],
    ['DUO TS without months: no grant is ever honoured', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'TS', months: null }) }) }, 'NOT_GRANTABLE'],
    ['a term Concord does not decide', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'XYZ' }) }) }, 'PURPOSE_INCOMPATIBLE'],
    ['DUO COL not accepted', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'COL' }) }) }, 'DUTY_NOT_ACCEPTED'],
    ['DUO COL accepted in the request', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'COL' }) }), acceptedDuties: new Set(['COL']) }, 'ok'],
    ['DUO COL and PUB, PUB only accepted', { facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'COL' }, { code: 'PUB' }) }), acceptedDuties: new Set(['PUB']) }, 'DUTY_NOT_ACCEPTED'],
    ['a LicenseRef licence not accepted', { facts: dataset({ licenceId: LICENCE }) }, 'LICENCE_NOT_ACCEPTED'],
    ['a LicenseRef licence accepted in the request', { facts: dataset({ licenceId: LICENCE }), acceptedTerms: new Set([LICENCE]) }, 'ok'],
    ['a LicenseRef licence accepted in the token', { facts: dataset({ licenceId: LICENCE }), requester: requester({ acceptedTerms: [LICENCE] }) }, 'ok'],
    ['another version of the licence accepted', { facts: dataset({ licenceId: LICENCE }), acceptedTerms: new Set(['LicenseRef-NUH-DUA-2.0']) }, 'LICENCE_NOT_ACCEPTED'],
    ['an open SPDX licence', { facts: dataset({ licenceId: 'CC-BY-4.0' }) }, 'ok'],
    // An embargo lifts by itself: a request made now may be decided before it does.
    ['an embargoed dataset', { facts: dataset({ embargoUntil: '2027-06-01' }) }, 'ok'],
  ])('%s: %s', (_name, overrides, expected) => {
    expect(check(overrides)).toBe(expected);
  });

  it('checks in a fixed order: the dataset, then the requester\'s standing, then the purpose, duties and licence', () => {
    const everything = dataset({ useConditions: terms({ code: 'HMB' }, { code: 'COL' }), licenceId: LICENCE });
    expect(check({ facts: everything })).toBe('PURPOSE_INCOMPATIBLE');
    expect(check({ facts: everything, pending: new Map([['northbridge-hospital:ds-1', 'r']]) })).toBe('DUPLICATE_PENDING');
    expect(check({ facts: everything, requester: requester({ purpose: { category: 'health' } }) })).toBe('DUTY_NOT_ACCEPTED');
  });

  it('names the dataset and what to do', () => {
    const refusal = checkRequestedDataset({
      datasetId: 'northbridge-hospital:ds-1', facts: dataset({ useConditions: terms({ code: 'GRU' }, { code: 'COL' }, { code: 'RTN' }) }), requester: requester(),
      acceptedDuties: new Set(['COL']), acceptedTerms: new Set(), pending: new Map(), now: NOW,
    });
    expect(refusal).toEqual({
      datasetId: 'northbridge-hospital:ds-1', reason: 'DUTY_NOT_ACCEPTED',
      detail: 'Dataset northbridge-hospital:ds-1 comes with the DUO duties RTN (DUO:0000029): accept them in acceptedDuties',
    });
  });
});

describe('acceptedDutyCodes', () => {
  it.each<[string[], string[], string[] | { unknown: string }]>([
    [['COL', 'pub'], [], ['COL', 'PUB']],
    [['DUO:0000024'], [], ['MOR']],
    [[], ['DUO:0000029', CONSORTIUM_DUA, 'DUO:0000006'], ['RTN']],
    [['HMB'], [], { unknown: 'HMB' }],
    [['DUO:0000006'], [], { unknown: 'DUO:0000006' }],
  ])('%j with token terms %j', (requested, tokenTerms, expected) => {
    const result = acceptedDutyCodes(requested, new Set(tokenTerms));
    expect('codes' in result ? [...result.codes].sort() : result).toEqual(expected);
  });
});

describe('requiredDuties', () => {
  it('lists each DUO duty of the dataset once, in its order', () => {
    expect(requiredDuties({ useConditions: terms({ code: 'GRU' }, { code: 'RTN' }, { code: 'COL' }, { code: 'RTN' }, { code: 'NCU' }) })).toEqual(['RTN', 'COL']);
  });
});

describe('accessOnceGranted', () => {
  it.each<[string, GovernedDataset, Principal, boolean]>([
    ['a grant is all a proprietary dataset needs', dataset(), requester(), true],
    ['an embargo still denies', dataset({ embargoUntil: '2027-06-01' }), requester(), false],
    ['an anonymized dataset still needs the data use agreement', dataset({ dataClass: 'ANONYMIZED' }), requester({ acceptedTerms: [] }), false],
    ['the licence accepted in the request counts', dataset({ licenceId: LICENCE }), requester(), true],
  ])('%s', (_name, facts, who, allowed) => {
    expect(accessOnceGranted(who, facts, new Set([LICENCE]), new Set(), NOW.getTime() + 30 * DAY, NOW).allow).toBe(allowed);
  });

  it('does not honour a grant longer than DUO TS allows', () => {
    const facts = dataset({ useConditions: terms({ code: 'GRU' }, { code: 'TS', months: 1 }) });
    expect(accessOnceGranted(requester(), facts, new Set(), new Set(), NOW.getTime() + 20 * DAY, NOW).allow).toBe(true);
    expect(accessOnceGranted(requester(), facts, new Set(), new Set(), NOW.getTime() + 60 * DAY, NOW).allow).toBe(false);
  });
});
