import { describe, expect, it } from 'vitest';
import { principalFromClaims, type TokenClaims } from '../../../schema/identity-claims.js';

const FULL: TokenClaims = {
  sub: 'ada',
  org: 'uni-leiden',
  scope: 'consortium:member  steward:northbridge-hospital',
  affiliation: 'academic',
  country: 'NL',
  accepted_terms: ['concord-dua-1.0', 'DUO:0000019'],
  purpose: { category: 'disease', disease_id: 'MONDO:0005148', genetic: true, commercial: false, ethics_approval: true, project: 'p-1' },
  grants: [{ dataset: 'northbridge-hospital:ds-003', expires: 1_900_000_000 }],
};

function principalOf(claims: unknown) {
  const result = principalFromClaims(claims);
  if (!result.ok) throw new Error(`expected a principal, got "${result.reason}"`);
  return result.principal;
}

function reasonOf(claims: unknown): string {
  const result = principalFromClaims(claims);
  if (result.ok) throw new Error('expected the claims to be refused');
  return result.reason;
}

describe('principal from token claims', () => {
  it('maps every claim onto the principal', () => {
    const principal = principalOf(FULL);
    expect(principal).toEqual({
      authenticated: true,
      subject: 'ada',
      organisation: 'uni-leiden',
      scopes: new Set(['consortium:member', 'steward:northbridge-hospital']),
      affiliation: 'academic',
      country: 'NL',
      acceptedTerms: new Set(['concord-dua-1.0', 'DUO:0000019']),
      purpose: { category: 'disease', diseaseId: 'MONDO:0005148', genetic: true, commercial: false, ethicsApproval: true, project: 'p-1' },
      grants: [{
        datasetId: 'northbridge-hospital:ds-003', grantee: { kind: 'person', subject: 'ada' }, expiresAt: 1_900_000_000_000, source: 'token',
      }],
    });
    expect(Object.isFrozen(principal)).toBe(true);
  });

  it('needs only a subject', () => {
    expect(principalOf({ sub: 'ada' })).toEqual({
      authenticated: true, subject: 'ada', organisation: null, scopes: new Set(), affiliation: null, country: null,
      acceptedTerms: new Set(), purpose: null, grants: [],
    });
  });

  it('applies the purpose defaults', () => {
    expect(principalOf({ sub: 'ada', purpose: { category: 'health', commercial: true } }).purpose).toEqual({
      category: 'health', diseaseId: null, genetic: false, commercial: true, ethicsApproval: false, project: null,
    });
  });

  it('keeps a disease id only for disease research', () => {
    const purpose = { category: 'health', disease_id: 'MONDO:0005148', commercial: false };
    expect(principalOf({ sub: 'ada', purpose }).purpose?.diseaseId).toBeNull();
  });

  it('ignores unknown claims, also inside purpose and grants', () => {
    const principal = principalOf({
      ...FULL, iss: 'x', jti: 'y', email: 'ada@example.org', ga4gh_passport_v1: ['...'],
      purpose: { ...FULL.purpose, note: 'n' }, grants: [{ dataset: 'd', expires: 2_000_000_000, by: 'someone' }],
    });
    expect(principal.subject).toBe('ada');
    expect(principal.purpose).not.toHaveProperty('note');
    expect(principal.grants).toEqual([{ datasetId: 'd', grantee: { kind: 'person', subject: 'ada' }, expiresAt: 2_000_000_000_000, source: 'token' }]);
  });

  const CATEGORIES = 'general, health, disease, ancestry, methods, clinical-care';
  it.each<[string, Record<string, unknown>, string]>([
    ['no subject', { sub: undefined }, 'claim "sub": expected a non-empty string'],
    ['an empty subject', { sub: '' }, 'claim "sub": expected a non-empty string'],
    ['a numeric subject', { sub: 42 }, 'claim "sub": expected a non-empty string'],
    ['an organisation that is not a string', { org: ['uni-leiden'] }, 'claim "org": expected a non-empty string'],
    ['a scope list instead of a string', { scope: ['consortium:member'] }, 'claim "scope": expected a space-separated string'],
    ['an unknown affiliation', { affiliation: 'government' }, 'claim "affiliation": expected one of academic, nonprofit, commercial'],
    ['a lower-case country', { country: 'nl' }, 'claim "country": expected an ISO 3166-1 alpha-2 code in upper case, e.g. "NL"'],
    ['an alpha-3 country', { country: 'NLD' }, 'claim "country": expected an ISO 3166-1 alpha-2 code in upper case, e.g. "NL"'],
    ['terms as a string', { accepted_terms: 'concord-dua-1.0' }, 'claim "accepted_terms": expected an array of strings'],
    ['a term that is not a string', { accepted_terms: ['concord-dua-1.0', 7] }, 'claim "accepted_terms[1]": expected a non-empty string'],
    ['a purpose that is not an object', { purpose: 'health' }, 'claim "purpose": expected an object'],
    ['an unknown purpose category', { purpose: { category: 'marketing', commercial: true } }, `claim "purpose.category": expected one of ${CATEGORIES}`],
    ['disease research without a disease', { purpose: { category: 'disease', commercial: false } },
      'claim "purpose.disease_id": required when category is "disease"'],
    ['a numeric disease id', { purpose: { category: 'disease', disease_id: 123, commercial: false } }, 'claim "purpose.disease_id": expected a non-empty string'],
    ['a purpose without commercial', { purpose: { category: 'health' } }, 'claim "purpose.commercial": expected true or false'],
    ['commercial as a string', { purpose: { category: 'health', commercial: 'no' } }, 'claim "purpose.commercial": expected true or false'],
    ['genetic as a number', { purpose: { category: 'health', commercial: false, genetic: 1 } }, 'claim "purpose.genetic": expected true or false'],
    ['ethics approval as a string', { purpose: { category: 'health', commercial: false, ethics_approval: 'yes' } },
      'claim "purpose.ethics_approval": expected true or false'],
    ['an empty project', { purpose: { category: 'health', commercial: false, project: '' } }, 'claim "purpose.project": expected a non-empty string'],
    ['grants as an object', { grants: { dataset: 'd', expires: 1 } }, 'claim "grants": expected an array of grants'],
    ['a grant that is a string', { grants: ['d'] }, 'claim "grants[0]": expected an object with "dataset" and "expires"'],
    ['a grant without a dataset', { grants: [{ expires: 1_900_000_000 }] }, 'claim "grants[0].dataset": expected a non-empty string'],
    ['a grant without expiry', { grants: [{ dataset: 'd' }] }, 'claim "grants[0].expires": expected a whole number of seconds since the epoch'],
    ['a grant expiring as a date string', { grants: [{ dataset: 'd', expires: '2030-01-01' }] },
      'claim "grants[0].expires": expected a whole number of seconds since the epoch'],
    ['a fractional grant expiry', { grants: [{ dataset: 'd', expires: 1.5 }] }, 'claim "grants[0].expires": expected a whole number of seconds since the epoch'],
    ['a grant expiry beyond any date', { grants: [{ dataset: 'd', expires: 1e13 }] }, 'claim "grants[0].expires": expected a whole number of seconds since the epoch'],
    ['the second grant broken', { grants: [{ dataset: 'a', expires: 1_900_000_000 }, { dataset: '', expires: 1_900_000_000 }] },
      'claim "grants[1].dataset": expected a non-empty string'],
  ])('refuses %s', (_, change, reason) => {
    expect(reasonOf({ ...FULL, ...change })).toBe(reason);
  });

  it.each([null, 'ada', ['ada']])('refuses a payload that is not an object: %j', (payload) => {
    expect(reasonOf(payload)).toBe('claims: expected a JSON object');
  });
});
