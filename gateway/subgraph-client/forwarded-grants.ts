import type { Grant } from '../../schema/policy/principal.js';

/**
 * The grants as the forwarded-principal header carries them (runtime/subgraph-protocol/
 * forwarded-principal.ts): its schema knows neither a grant's id nor the terms it records, and
 * refuses a header with fields it does not know. A subgraph deciding on these grants (the index's
 * usableBy) then sees licences accepted through a grant as not accepted: it lists less, never more.
 */
export function forwardedGrants(grants: readonly Grant[]): Grant[] {
  return grants.map(({ datasetId, grantee, expiresAt, source }) => ({ datasetId, grantee, expiresAt, source }));
}
