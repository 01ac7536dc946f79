import { describe, expect, it } from 'vitest';
import { boundedPrincipalHeader, forwardedGrants } from '../../../../gateway/subgraph-client/forwarded-grants.js';
import { MAX_FORWARDED_PRINCIPAL_BYTES } from '../../../../gateway/authn/claim-limits.js';
import { decodePrincipal, encodePrincipal } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import type { Grant, Principal } from '../../../../schema/policy/principal.js';

// The forwarded principal stays within the header size every accepted token fits (issue 12): a
// person's stored grants are left out, expired ones first, then the latest-expiring, never added.

const NOW = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;
const ada: Principal = {
  authenticated: true, subject: 'ada', organisation: 'northbridge-hospital', scopes: new Set(['consortium:member']),
  affiliation: 'academic', country: 'NL', acceptedTerms: new Set(['concord-dua-1.0']), grants: [],
  purpose: { category: 'health', diseaseId: null, genetic: false, commercial: false, ethicsApproval: true, project: 'cohort-7' },
};
const grant = (dataset: number, expiresInHours: number): Grant => ({
  datasetId: `northbridge-hospital:ds-${String(dataset).padStart(4, '0')}`, grantee: { kind: 'person', subject: 'ada' },
  expiresAt: NOW + expiresInHours * HOUR, source: 'store', id: `grant-${dataset}`, acceptedTerms: ['CC-BY-4.0'],
});
const sizeWith = (grants: Grant[]) => encodePrincipal(ada, forwardedGrants(grants)).length;
const keptIds = (header: string) => decodePrincipal(header).grants.map((g) => g.datasetId.slice(-4));

describe('boundedPrincipalHeader', () => {
  const three = [grant(3, 5), grant(1, 1), grant(2, -1)];
  it.each<[string, Grant[], number, string[], number]>([
    ['no grants', [], 10_000, [], 0],
    ['all fit: forwarded as they are, in their order, expired ones too', three, sizeWith(three), ['0003', '0001', '0002'], 0],
    ['one byte short: the expired one is left out first, the rest soonest-expiring first', three, sizeWith(three) - 1, ['0001', '0003'], 1],
    ['room for one: the soonest-expiring valid grant', three, sizeWith([grant(1, 1)]), ['0001'], 2],
    ['room for none', three, sizeWith([]), [], 3],
    ['ties by expiry keep the lowest dataset ids', [grant(9, 2), grant(7, 2), grant(8, 2)], sizeWith([grant(7, 2), grant(8, 2)]), ['0007', '0008'], 1],
  ])('%s', (_name, grants, maxBytes, kept, leftOut) => {
    const bounded = boundedPrincipalHeader(ada, grants, NOW, maxBytes);
    expect(bounded.header.length).toBeLessThanOrEqual(Math.max(maxBytes, sizeWith([])));
    expect(keptIds(bounded.header)).toEqual(kept);
    expect(bounded).toMatchObject({ forwarded: kept.length, leftOut });
  });

  it('keeps a person with 300 stored grants within the limit, with as many grants as fit and none that was not theirs', () => {
    const grants = Array.from({ length: 300 }, (_, i) => grant(i, 1 + ((i * 37) % 300)));
    expect(sizeWith(grants)).toBeGreaterThan(MAX_FORWARDED_PRINCIPAL_BYTES);
    const bounded = boundedPrincipalHeader(ada, grants, NOW, MAX_FORWARDED_PRINCIPAL_BYTES);
    expect(bounded.header.length).toBeLessThanOrEqual(MAX_FORWARDED_PRINCIPAL_BYTES);
    expect(bounded.forwarded).toBeGreaterThan(0);
    expect(bounded.forwarded + bounded.leftOut).toBe(300);
    const kept = decodePrincipal(bounded.header).grants;
    const soonest = [...grants].sort((a, b) => a.expiresAt - b.expiresAt).slice(0, bounded.forwarded);
    expect(kept.map((g) => g.datasetId)).toEqual(soonest.map((g) => g.datasetId));
    // One more would not have fitted.
    expect(sizeWith([...grants].sort((a, b) => a.expiresAt - b.expiresAt).slice(0, bounded.forwarded + 1))).toBeGreaterThan(MAX_FORWARDED_PRINCIPAL_BYTES);
  });
});
