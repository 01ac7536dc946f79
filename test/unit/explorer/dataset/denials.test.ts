import { describe, expect, it } from 'vitest';
import { denialsBelow, reasonInWords, requestableDenial, requestAccessOf, unlockInWords } from '../../../../explorer/src/dataset/denials.js';

const REQUEST_ACCESS = { datasetId: 'northbridge-hospital:ds-022', partnerId: 'northbridge-hospital', requiredDuties: ['COL'], requiredTerms: ['LicenseRef-NUH-DUA-2.1'], maxGrantDays: 364 };

describe('denials on the dataset page', () => {
  const errors = [
    { message: 'Not authorized to read Distribution.accessUrl', path: ['dataset', 'distributions', 0, 'accessUrl'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', policy: 'dataset:access', reason: 'NO_ACTIVE_GRANT', requestAccess: REQUEST_ACCESS } },
    { message: 'Not authorized to read PartnerDataset.contactPoint', path: ['dataset', 'contactPoint'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'MISSING_SCOPES', requiredScopes: [['consortium:member']] } },
    { message: 'partner down', path: ['dataset', 'title'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
    { message: 'elsewhere', path: ['search', 'edges'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'NO_ACTIVE_GRANT' } },
  ];

  it('keys each denial by its path below the dataset, ignoring other errors and other roots', () => {
    const denials = denialsBelow(errors, 'dataset');
    expect([...denials.keys()]).toEqual(['distributions.0.accessUrl', 'contactPoint']);
    expect(denials.get('distributions.0.accessUrl')?.requestAccess).toEqual(REQUEST_ACCESS);
    expect(denials.get('contactPoint')?.requiredScopes).toEqual([['consortium:member']]);
    expect(requestableDenial(denials.values())?.path).toBe('distributions.0.accessUrl');
  });

  it.each([
    { reason: 'AUTHENTICATION_REQUIRED', why: /signed-in members/, unlock: 'Sign in.' },
    { reason: 'NO_ACTIVE_GRANT', why: /granted access/, unlock: /Request access/ },
    { reason: 'EMBARGOED', why: /embargo/, unlock: /embargo lifts/ },
    { reason: 'SOMETHING_NEW', why: /SOMETHING_NEW/, unlock: /publishing partner/ },
  ])('says $reason in plain words', ({ reason, why, unlock }) => {
    expect(reasonInWords(reason)).toMatch(why);
    expect(unlockInWords({ reason, obtainAccess: null, requiredScopes: null })).toMatch(unlock);
  });

  it('names the scopes a MISSING_SCOPES denial needs', () => {
    expect(unlockInWords({ reason: 'MISSING_SCOPES', obtainAccess: null, requiredScopes: [['consortium:member'], ['a', 'b']] }))
      .toBe('Sign in with consortium:member, or a and b.');
  });

  it.each([
    { name: 'missing', value: undefined },
    { name: 'duties not a list', value: { ...REQUEST_ACCESS, requiredDuties: 'COL' } },
    { name: 'a negative length', value: { ...REQUEST_ACCESS, maxGrantDays: -1 } },
    { name: 'no partner', value: { ...REQUEST_ACCESS, partnerId: 7 } },
  ])('reads no request form from a malformed requestAccess: $name', ({ value }) => {
    expect(requestAccessOf(value)).toBeNull();
  });
});
