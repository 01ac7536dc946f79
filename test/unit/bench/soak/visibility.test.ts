import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import {
  ANONYMOUS_VIEW, callerViewOf, checkAnswer, datasetFactsOf, forbiddenReason, servedValues,
  type CallerView, type DatasetFacts, type GuardedField,
} from '../../../bench/soak/visibility.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const YEAR_MS = 365 * 86_400_000;

const dataset = (id: string, extra: Partial<DatasetFacts> = {}): DatasetFacts => ({
  id, partnerId: id.split(':')[0]!, dataClass: 'PUBLIC', licenceId: 'CC-BY-4.0', embargoUntil: null, deletionDue: null, distributionLicences: new Map(), ...extra,
});

const DATASETS = {
  public: dataset('boreal:ds-1'),
  shared: dataset('nbh:ds-2', { dataClass: 'PARTNER_SHARED', licenceId: 'LicenseRef-NUH-DUA-2.1' }),
  anonymized: dataset('nbh:ds-3', { dataClass: 'ANONYMIZED', licenceId: 'CC-BY-4.0' }),
  proprietary: dataset('nbh:ds-4', { dataClass: 'PROPRIETARY', licenceId: 'LicenseRef-NUH-DUA-2.1' }),
  embargoed: dataset('nbh:ds-5', { embargoUntil: '2027-09-30' }),
  embargoLifted: dataset('nbh:ds-6', { embargoUntil: '2026-11-30' }),
  deleted: dataset('nbh:ds-7', { deletionDue: '2025-03-31' }),
  ownLicenceDistribution: dataset('boreal:ds-8', { distributionLicences: new Map([['boreal:ds-8:restricted', 'LicenseRef-Boreal-Restricted']]) }),
};

const view = (extra: Partial<CallerView>): CallerView => ({ ...ANONYMOUS_VIEW, authenticated: true, ...extra });
const MEMBER = view({ scopes: new Set(['consortium:member']), acceptedTerms: new Set(['concord-dua-1.0', 'LicenseRef-NUH-DUA-2.1']) });
const MEMBER_NO_DUA = view({ scopes: new Set(['consortium:member']) });
const GRANTEE = view({
  scopes: new Set(['consortium:member']), acceptedTerms: new Set(['concord-dua-1.0']),
  grants: new Map([['nbh:ds-4', { expiresAtMs: NOW + YEAR_MS, acceptedTerms: new Set(['LicenseRef-NUH-DUA-2.1']) }]]),
});
const EXPIRED_GRANTEE = view({
  scopes: new Set(['consortium:member']), acceptedTerms: new Set(['LicenseRef-NUH-DUA-2.1']),
  grants: new Map([['nbh:ds-4', { expiresAtMs: NOW - 1, acceptedTerms: new Set() }]]),
});
const OWNER_STEWARD = view({ organisation: 'nbh', scopes: new Set(['consortium:member', 'partner:nbh', 'steward:nbh']) });
/** Claims the org in the token without the scope that vouches for it: not the owner. */
const ORG_CLAIM_ONLY = view({ organisation: 'nbh', scopes: new Set(['consortium:member', 'steward:nbh']) });

describe('forbiddenReason', () => {
  it.each<[string, CallerView, DatasetFacts, GuardedField, RegExp | null, string?]>([
    ['anonymous: public content', ANONYMOUS_VIEW, DATASETS.public, 'sampleRecords', null],
    ['anonymous: member-only contact', ANONYMOUS_VIEW, DATASETS.public, 'contactPoint', /members only/],
    ['anonymous: partner-shared content', ANONYMOUS_VIEW, DATASETS.shared, 'accessUrl', /PARTNER_SHARED and not signed in/],
    ['anonymous: royalty terms', ANONYMOUS_VIEW, DATASETS.public, 'royalty', /for its licensees/],
    ['member: partner-shared content, licence accepted', MEMBER, DATASETS.shared, 'sampleRecords', null],
    ['member without the licence: partner-shared content', MEMBER_NO_DUA, DATASETS.shared, 'sampleRecords', /licence LicenseRef-NUH-DUA-2.1 not accepted/],
    ['member: anonymized content under the DUA', MEMBER, DATASETS.anonymized, 'downloadUrl', null],
    ['member without the DUA: anonymized content', MEMBER_NO_DUA, DATASETS.anonymized, 'downloadUrl', /data use agreement not accepted/],
    ['member: proprietary content without a grant', MEMBER, DATASETS.proprietary, 'sampleRecords', /PROPRIETARY and no grant/],
    ['grantee: proprietary content, licence accepted through the grant', GRANTEE, DATASETS.proprietary, 'sampleRecords', null],
    ['grantee: royalty terms of the granted dataset', GRANTEE, DATASETS.proprietary, 'royalty', null],
    ['expired grant: proprietary content', EXPIRED_GRANTEE, DATASETS.proprietary, 'accessUrl', /PROPRIETARY and no grant/],
    ['member who accepted the licence: royalty terms', MEMBER, DATASETS.shared, 'royalty', null],
    ['member: embargoed content', MEMBER, DATASETS.embargoed, 'sampleRecords', /under embargo until 2027-09-30/],
    ['member: embargo lifted at 00:00 UTC that day', MEMBER, DATASETS.embargoLifted, 'sampleRecords', null],
    ['owner: embargoed content', OWNER_STEWARD, DATASETS.embargoed, 'sampleRecords', null],
    ['owner: proprietary content without a grant', OWNER_STEWARD, DATASETS.proprietary, 'accessUrl', null],
    ['owner: content past its deletion date', OWNER_STEWARD, DATASETS.deleted, 'sampleRecords', /past its deletion date 2025-03-31/],
    ['steward: retention of their partner', OWNER_STEWARD, DATASETS.shared, 'retention', null],
    ['steward: retention past the deletion date', OWNER_STEWARD, DATASETS.deleted, 'retention', /past its deletion date/],
    ['member: retention', MEMBER, DATASETS.shared, 'retention', /for stewards of nbh/],
    ['org claim without its scope: retention', ORG_CLAIM_ONLY, DATASETS.shared, 'retention', /for stewards of nbh/],
    ['org claim without its scope: proprietary content', ORG_CLAIM_ONLY, DATASETS.proprietary, 'sampleRecords', /PROPRIETARY and no grant/],
    ['anonymous: a distribution under its own licence', ANONYMOUS_VIEW, DATASETS.ownLicenceDistribution, 'accessUrl', /LicenseRef-Boreal-Restricted not accepted/, 'boreal:ds-8:restricted'],
    ['anonymous: the same dataset\'s other distribution', ANONYMOUS_VIEW, DATASETS.ownLicenceDistribution, 'accessUrl', null, 'boreal:ds-8:open'],
  ])('%s', (_, caller, facts, field, expected, distributionId) => {
    const reason = forbiddenReason(caller, facts, field, NOW, distributionId);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('callerViewOf', () => {
  it('reads scopes, organisation, accepted terms and token grants, and adds stored grants', () => {
    const claims = personaClaims('researcher', NOW)!;
    const stored = new Map([['helix:ds-1', { expiresAtMs: NOW + 1000, acceptedTerms: new Set(['LicenseRef-X']) }]]);
    const caller = callerViewOf(claims, stored);
    expect(caller.authenticated).toBe(true);
    expect(caller.organisation).toBe('uni-leiden');
    expect([...caller.scopes]).toEqual(['consortium:member', 'institution:uni-leiden']);
    expect(caller.acceptedTerms.has('LicenseRef-NUH-DUA-2.1')).toBe(true);
    expect([...caller.grants.keys()]).toEqual(['northbridge-hospital:ds-022', 'helix:ds-1']);
    expect(caller.grants.get('northbridge-hospital:ds-022')!.expiresAtMs).toBeGreaterThan(NOW);
  });

  it('gives anonymous callers nothing', () => {
    expect(callerViewOf(null)).toBe(ANONYMOUS_VIEW);
  });
});

describe('datasetFactsOf', () => {
  it('reads each dataset\'s class, licence, dates and distributions\' own licences from the catalog files', () => {
    const catalog = {
      partner: { id: 'nbh' },
      datasets: [{
        id: 'nbh:ds-1', dataClass: 'ANONYMIZED', licence: { id: 'LicenseRef-A' }, embargoUntil: '2027-01-01', retention: { retainUntil: '2030-01-01', deletionDue: '2031-01-01' },
        distributions: [{ id: 'd1', licence: { id: 'CC0-1.0' } }, { id: 'd2' }],
      }],
    } as unknown as CatalogFile;
    expect(datasetFactsOf([catalog]).get('nbh:ds-1')).toEqual({
      id: 'nbh:ds-1', partnerId: 'nbh', dataClass: 'ANONYMIZED', licenceId: 'LicenseRef-A', embargoUntil: '2027-01-01', deletionDue: '2031-01-01',
      distributionLicences: new Map([['d1', 'CC0-1.0']]),
    });
  });
});

const FACTS = new Map(Object.values(DATASETS).map((d) => [d.id, d]));

describe('servedValues', () => {
  it('finds the guarded values that came back non-null wherever a known dataset sits, and nothing else', () => {
    const data = {
      search: { edges: [{ node: { id: 'boreal:ds-1', title: 'T', contactPoint: { email: 'x@y' }, sampleRecords: ['{}'] } }] },
      datasets: { edges: [{ node: { id: 'nbh:ds-4', sampleRecords: null, licence: { id: 'L', royalty: { ratePercent: 2 } }, distributions: [{ id: 'nbh:ds-4:csv', accessUrl: 'https://a', downloadUrl: null }, { accessUrl: 'https://b' }] } }] },
      myGrants: [{ id: 'grant-1', datasetId: 'nbh:ds-2', dataset: { id: 'nbh:ds-2', retention: { retainUntil: '2030-01-01' }, qualityReport: null } }],
      unknown: { id: 'not-a-dataset', sampleRecords: ['{}'] },
    };
    expect(servedValues(data, FACTS)).toEqual([
      { datasetId: 'boreal:ds-1', field: 'contactPoint' },
      { datasetId: 'boreal:ds-1', field: 'sampleRecords' },
      { datasetId: 'nbh:ds-4', field: 'royalty' },
      { datasetId: 'nbh:ds-4', field: 'accessUrl', distributionId: 'nbh:ds-4:csv' },
      { datasetId: 'nbh:ds-4', field: 'accessUrl' },
      { datasetId: 'nbh:ds-2', field: 'retention' },
    ]);
  });

  it('finds nothing in data that is null or carries no dataset', () => {
    expect(servedValues(null, FACTS)).toEqual([]);
    expect(servedValues({ policy: { version: '1' } }, FACTS)).toEqual([]);
  });
});

describe('checkAnswer', () => {
  it('counts a served value the caller may not see as a violation, and every served @policy value as a read to audit', () => {
    const data = { a: { id: 'nbh:ds-4', sampleRecords: ['{}'], contactPoint: { email: 'x' } }, b: { id: 'boreal:ds-1', sampleRecords: ['{}'] } };
    const check = checkAnswer(ANONYMOUS_VIEW, data, FACTS, NOW);
    expect(check.checked).toBe(3);
    expect(check.violations.map((v) => [v.datasetId, v.field])).toEqual([['nbh:ds-4', 'contactPoint'], ['nbh:ds-4', 'sampleRecords']]);
    expect(check.allowedReads).toEqual([{ datasetId: 'nbh:ds-4', field: 'sampleRecords' }, { datasetId: 'boreal:ds-1', field: 'sampleRecords' }]);
  });

  it('finds no violation when the gateway withheld what it had to', () => {
    const data = { a: { id: 'nbh:ds-4', sampleRecords: null, contactPoint: null, distributions: [{ id: 'd', accessUrl: null }] } };
    expect(checkAnswer(ANONYMOUS_VIEW, data, FACTS, NOW)).toEqual({ checked: 0, violations: [], allowedReads: [] });
  });
});
