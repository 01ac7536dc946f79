import type { Grant } from '../../schema/policy/principal.js';

/**
 * The grants as the forwarded-principal header carries them (runtime/subgraph-protocol/
 * forwarded-principal.ts): what a subgraph's decision reads (the index's usableBy counts a licence
 * a grant's request accepted), without the grant's id, which no subgraph decides on and which only
 * makes a header that already grows with every grant longer.
 */
export function forwardedGrants(grants: readonly Grant[]): Grant[] {
  return grants.map(({ datasetId, grantee, expiresAt, source, acceptedTerms }) => ({
    datasetId, grantee, expiresAt, source, ...(acceptedTerms && acceptedTerms.length > 0 ? { acceptedTerms: [...acceptedTerms] } : {}),
  }));
}
