import { describe, expect, it } from 'vitest';
import { CATALOG_POLICIES } from '../../../../schema/policy/catalog-policies.js';
import type { PolicyDecision } from '../../../../schema/policy/decision.js';
import type { DatasetFacts } from '../../../../schema/policy/facts.js';
import { MAX_GRANT_DAYS } from '../../../../schema/policy/grant-length.js';
import { CONSORTIUM_DUA, MEMBER_SCOPE, type Grant, type Principal } from '../../../../schema/policy/principal.js';
import { requestAccessFor, type RequestAccess } from '../../../../schema/policy/request-access.js';
import { anonymous, DATASET, facts, grant, input, NOW, OWNER, OWNER_SCOPE, principal } from './harness.js';

// Denials that a grant would lift carry what to request, so that a client can prefill requestAccess
// (issue "Governance", item 7); others carry nothing. NOW is 2026-11-24T12:00Z: 12 months from it is
// 2027-11-24, whose start is 364 whole days away; 36 months 2029-11-24, 1095 days (grant-length.ts).

const NUH_DUA = 'LicenseRef-NUH-DUA-2.1';
const member = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA], purpose: { category: 'health' } });
const licensee = principal({ scopes: [MEMBER_SCOPE], acceptedTerms: [CONSORTIUM_DUA, NUH_DUA], purpose: { category: 'health' } });
const proprietary = (more: Partial<DatasetFacts> = {}) => facts({ dataClass: 'PROPRIETARY', useConditions: [{ code: 'HMB' }], ...more });
const offer = (more: Partial<RequestAccess> = {}): RequestAccess => ({
  datasetId: DATASET, partnerId: OWNER, requiredDuties: [], requiredTerms: [], maxGrantDays: MAX_GRANT_DAYS, ...more,
});

describe('requestAccessFor', () => {
  it.each<{ name: string; dataset: DatasetFacts; expected: RequestAccess | null }>([
    { name: 'a proprietary dataset, no limits', dataset: proprietary(), expected: offer() },
    {
      name: 'duties, each once, in the order of the use conditions',
      dataset: proprietary({ useConditions: [{ code: 'HMB' }, { code: 'PUB' }, { code: 'MOR', until: '2027-01-01' }, { code: 'PUB' }, { code: 'RS' }] }),
      expected: offer({ requiredDuties: ['PUB', 'MOR'] }),
    },
    { name: 'a partner licence', dataset: proprietary({ licenceId: NUH_DUA }), expected: offer({ requiredTerms: [NUH_DUA] }) },
    { name: 'an open licence asks for nothing', dataset: proprietary({ licenceId: 'CC-BY-4.0' }), expected: offer() },
    { name: 'DUO TS 12 months', dataset: proprietary({ useConditions: [{ code: 'HMB' }, { code: 'TS', months: 12 }] }), expected: offer({ maxGrantDays: 364 }) },
    { name: 'a licence of at most 36 months', dataset: proprietary({ licenceMaxDurationMonths: 36 }), expected: offer({ maxGrantDays: 1095 }) },
    {
      name: 'the shorter of TS and the licence',
      dataset: proprietary({ useConditions: [{ code: 'TS', months: 12 }], licenceMaxDurationMonths: 36 }), expected: offer({ maxGrantDays: 364 }),
    },
    { name: 'a licence without a maximum', dataset: proprietary({ licenceMaxDurationMonths: null }), expected: offer() },
    { name: 'a TS term without months: nothing can be granted', dataset: proprietary({ useConditions: [{ code: 'TS' }] }), expected: null },
    { name: 'a public dataset: nothing to request', dataset: facts({ licenceId: NUH_DUA }), expected: null },
    {
      name: 'another partner\'s dataset',
      dataset: proprietary({ datasetId: 'helix-therapeutics:ds-004', partnerId: 'helix-therapeutics' }),
      expected: offer({ datasetId: 'helix-therapeutics:ds-004', partnerId: 'helix-therapeutics' }),
    },
  ])('$name', ({ dataset, expected }) => {
    expect(requestAccessFor(dataset, NOW)).toEqual(expected);
  });
});

describe('requestAccess on the catalog policies\' denials', () => {
  const decide = (policy: string, who: Principal, dataset: DatasetFacts, grants: Grant[] = []): PolicyDecision =>
    CATALOG_POLICIES[policy]!(input({ principal: who, facts: dataset, grants }));

  it.each<{ name: string; policy?: string; who: Principal; dataset: DatasetFacts; grants?: Grant[]; reason: string | 'allow'; requestAccess: RequestAccess | null }>([
    { name: 'a proprietary dataset without a grant', who: licensee, dataset: proprietary(), reason: 'NO_ACTIVE_GRANT', requestAccess: offer() },
    {
      name: 'DUO RS without a grant', who: member, reason: 'NO_ACTIVE_GRANT', requestAccess: offer(),
      dataset: facts({ dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'HMB' }, { code: 'RS' }] }),
    },
    {
      name: 'DUO TS with a grant running too long', who: licensee, reason: 'NO_ACTIVE_GRANT',
      dataset: proprietary({ useConditions: [{ code: 'HMB' }, { code: 'TS', months: 12 }] }), grants: [grant({ expiresInDays: 400 })],
      requestAccess: offer({ maxGrantDays: 364 }),
    },
    {
      name: 'a partner licence not accepted', who: member, reason: 'LICENCE_NOT_ACCEPTED',
      dataset: facts({ dataClass: 'PARTNER_SHARED', licenceId: NUH_DUA, useConditions: [{ code: 'HMB' }, { code: 'COL' }] }),
      requestAccess: offer({ requiredTerms: [NUH_DUA], requiredDuties: ['COL'] }),
    },
    {
      name: 'royalty terms of a licence not accepted', policy: 'licence:royalty-terms', who: member, reason: 'LICENCE_NOT_ACCEPTED',
      dataset: facts({ dataClass: 'PARTNER_SHARED', licenceId: NUH_DUA }), requestAccess: offer({ requiredTerms: [NUH_DUA] }),
    },
    {
      name: 'a partner licence on a public dataset: accept it, there is nothing to request', who: member, reason: 'LICENCE_NOT_ACCEPTED',
      dataset: facts({ licenceId: NUH_DUA, useConditions: [{ code: 'NRES' }] }), requestAccess: null,
    },
    { name: 'a grant that lifts the denial', who: licensee, dataset: proprietary(), grants: [grant()], reason: 'allow', requestAccess: null },
    { name: 'not signed in: no grant helps yet', who: anonymous(), dataset: proprietary(), reason: 'AUTHENTICATION_REQUIRED', requestAccess: null },
    {
      name: 'a purpose the dataset never allows', who: principal({ scopes: [MEMBER_SCOPE], purpose: { category: 'ancestry' } }),
      dataset: facts({ dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'HMB' }] }), reason: 'PURPOSE_INCOMPATIBLE', requestAccess: null,
    },
    {
      name: 'an embargo', who: licensee, dataset: proprietary({ embargoUntil: '2028-03-31' }), reason: 'EMBARGOED', requestAccess: null,
    },
    {
      // The licence fails first, but an approved request would still meet a purpose the dataset's
      // DUO DS (disease-specific) term never allows: nothing to offer.
      name: 'a licence not accepted on a dataset whose use conditions never allow the purpose', who: member, reason: 'LICENCE_NOT_ACCEPTED',
      dataset: facts({ dataClass: 'PARTNER_SHARED', licenceId: NUH_DUA, useConditions: [{ code: 'DS', diseaseId: 'MONDO:0004975' }] }),
      requestAccess: null,
    },
    {
      name: 'no grant on a proprietary dataset whose use conditions never allow the purpose', who: licensee, reason: 'NO_ACTIVE_GRANT',
      dataset: proprietary({ useConditions: [{ code: 'DS', diseaseId: 'MONDO:0004975' }] }), requestAccess: null,
    },
    {
      name: 'past deletion', who: licensee, dataset: proprietary({ deletionDue: '2025-06-30' }), reason: 'RETENTION_EXPIRED', requestAccess: null,
    },
    {
      name: 'the owner needs no grant', who: principal({ organisation: OWNER, scopes: [OWNER_SCOPE] }), dataset: proprietary(),
      reason: 'allow', requestAccess: null,
    },
  ])('$name', ({ policy = 'dataset:access', who, dataset, grants, reason, requestAccess }) => {
    const decision = decide(policy, who, dataset, grants);
    expect(decision.allow ? 'allow' : decision.reason).toBe(reason);
    expect(decision.allow ? null : decision.requestAccess ?? null).toEqual(requestAccess);
  });
});
