import type { Grant, Principal } from '../../schema/policy/principal.js';
import { encodePrincipal } from '../../runtime/subgraph-protocol/forwarded-principal.js';

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

export interface BoundedPrincipalHeader {
  header: string;
  /** Grants in the header. */
  forwarded: number;
  /** Grants left out: expired ones, then those that did not fit. */
  leftOut: number;
}

/**
 * The forwarded principal with as many of its grants as fit in `maxBytes` (issue 12): the token's
 * claims are bounded when it is verified, but grants read from the store are added afterwards, and a
 * person holding hundreds of them made the index refuse the header (HTTP 431, seen as
 * SUBGRAPH_UNAVAILABLE). When they do not all fit, expired grants are dropped (the index would not
 * count them), then the rest go soonest-expiring first, ties by dataset id, so the same grants are
 * kept from one request to the next. The index then counts usableBy over fewer grants than the
 * person holds: its counts may be lower for them, never higher.
 */
export function boundedPrincipalHeader(principal: Principal, grants: readonly Grant[], nowMs: number, maxBytes: number): BoundedPrincipalHeader {
  const all = forwardedGrants(grants);
  const header = encodePrincipal(principal, all);
  if (header.length <= maxBytes) return { header, forwarded: all.length, leftOut: 0 };
  const usable = all
    .filter((grant) => grant.expiresAt > nowMs)
    .sort((a, b) => a.expiresAt - b.expiresAt || (a.datasetId < b.datasetId ? -1 : a.datasetId > b.datasetId ? 1 : 0));
  // The most grants whose header fits: the header grows with every grant, so a binary search over
  // the count finds it with a dozen encodings for a few thousand grants.
  let fits = 0;
  let fitting = encodePrincipal(principal, []);
  for (let low = 1, high = usable.length; low <= high;) {
    const count = (low + high) >> 1;
    const candidate = encodePrincipal(principal, usable.slice(0, count));
    if (candidate.length <= maxBytes) {
      fits = count;
      fitting = candidate;
      low = count + 1;
    } else {
      high = count - 1;
    }
  }
  return { header: fitting, forwarded: fits, leftOut: all.length - fits };
}
