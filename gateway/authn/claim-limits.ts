import type { JWTPayload } from 'jose';
import type { Principal } from '../../schema/policy/principal.js';
import { encodePrincipal } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { forwardedGrants } from '../subgraph-client/forwarded-grants.js';

// What a verified token may carry and for how long (issue 12). A token is signed by the identity
// provider, yet the gateway still bounds it: a 1,500-character subject with 80 grants made the
// principal header forwarded to the index too large for it (HTTP 431, seen by the caller as
// SUBGRAPH_UNAVAILABLE), and a token expiring in a few centuries could never be withdrawn.

export interface ClaimLimits {
  /** Longest a token may be valid: `exp` counted from `iat`, or from now when there is none. */
  maxLifetimeSeconds: number;
  maxSubjectLength: number;
  /** Grants carried in the token itself (those in the grant store are not the token's). */
  maxGrants: number;
}

export const CLAIM_LIMIT_DEFAULTS: ClaimLimits = {
  maxLifetimeSeconds: 86_400,
  /** OpenID Connect Core 1.0, section 2: a subject "MUST NOT exceed 255 ASCII characters". */
  maxSubjectLength: 255,
  /** Grants are kept in the grant store; a token carries a few at most (each names the subject again once forwarded). */
  maxGrants: 20,
};

/**
 * Node.js refuses a request whose headers pass 16 KiB in all (its --max-http-header-size), and the
 * forwarded principal travels with the signature and the usual headers: three quarters of that is
 * the most a token's own claims may take once encoded, checked on the very header a subgraph would
 * receive, so that no accepted token can be refused by a subgraph for its size.
 */
export const MAX_FORWARDED_PRINCIPAL_BYTES = 12_288;

/** Why an otherwise valid token is refused, or null. `nowSeconds` is the verifier's clock. */
export function claimLimitProblem(
  payload: JWTPayload, principal: Principal, limits: ClaimLimits, nowSeconds: number, clockToleranceSeconds: number,
): string | null {
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + clockToleranceSeconds) return 'token is issued in the future ("iat")';
  const from = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  if (typeof payload.exp === 'number' && payload.exp - from > limits.maxLifetimeSeconds) {
    return `token lifetime is over ${limits.maxLifetimeSeconds} seconds ("exp" counted from "iat", or from now without it)`;
  }
  if ((principal.subject?.length ?? 0) > limits.maxSubjectLength) return `claim "sub": expected at most ${limits.maxSubjectLength} characters`;
  if (principal.grants.length > limits.maxGrants) return `claim "grants": expected at most ${limits.maxGrants} grants`;
  const forwarded = encodePrincipal(principal, forwardedGrants(principal.grants)).length;
  if (forwarded > MAX_FORWARDED_PRINCIPAL_BYTES) {
    return `token claims take ${forwarded} bytes once forwarded to subgraphs; at most ${MAX_FORWARDED_PRINCIPAL_BYTES} are allowed`;
  }
  return null;
}
