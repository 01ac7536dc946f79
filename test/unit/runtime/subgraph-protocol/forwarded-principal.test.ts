import { describe, expect, it } from 'vitest';
import { decodePrincipal, encodePrincipal } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { principalFromClaims } from '../../../../schema/identity-claims.js';
import type { Grant, Principal } from '../../../../schema/policy/principal.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { forwardedGrants } from '../../../../gateway/subgraph-client/forwarded-grants.js';

// The forwarded principal (ARCHITECTURE.md "Subgraph protocol"): what a subgraph decides on must
// survive the header, a grant's accepted licences included (the licence rule counts them).

function analyst(): Principal {
  const result = principalFromClaims(personaClaims('analyst'));
  if (!result.ok) throw new Error(result.reason);
  return result.principal;
}

const GRANTEE = { kind: 'person', subject: 'demo-analyst' } as const;

describe('forwarded principal', () => {
  it.each<[string, Grant, Grant]>([
    ['a token grant', { datasetId: 'd1', grantee: GRANTEE, expiresAt: 1, source: 'token' }, { datasetId: 'd1', grantee: GRANTEE, expiresAt: 1, source: 'token' }],
    ['a store grant with accepted licences, without its id',
      { id: 'g1', datasetId: 'd2', grantee: GRANTEE, expiresAt: 2, source: 'store', acceptedTerms: ['LicenseRef-X'] },
      { datasetId: 'd2', grantee: GRANTEE, expiresAt: 2, source: 'store', acceptedTerms: ['LicenseRef-X'] }],
    ['a store grant with no accepted licence', { id: 'g2', datasetId: 'd3', grantee: GRANTEE, expiresAt: 3, source: 'store', acceptedTerms: [] },
      { datasetId: 'd3', grantee: GRANTEE, expiresAt: 3, source: 'store' }],
  ])('carries %s', (_name, grant, expected) => {
    const decoded = decodePrincipal(encodePrincipal(analyst(), forwardedGrants([grant])));
    expect(decoded.grants).toEqual([expected]);
  });
});
