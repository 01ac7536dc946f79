import type { ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { Logger } from '../../runtime/logger.js';
import type { AuthnConfig } from '../authn/authn-config.js';
import { createTokenVerifier } from '../authn/token-verifier.js';
import type { AuthorizedRequestContext } from '../authz/authorizing-gateway.js';
import { lazyGrantsOf, type GrantStore } from '../stores/grant-store.js';

/**
 * Each request's context: the principal from its bearer token, and its grants (the token's and the
 * store's), read at most once and only if a decision needs them (ARCHITECTURE.md, "Identity and
 * organisation claims"). A refused token answers HTTP 401 (AuthenticationError carries the status),
 * never anonymous.
 */
export function createAuthentication(
  authn: AuthnConfig, grants: GrantStore, logger: Logger,
): ContextFunction<[ExpressContextFunctionArgument], AuthorizedRequestContext> {
  const tokens = createTokenVerifier(authn);
  if (authn.configured && authn.keys.kind === 'hs256-secret') {
    logger.warn('tokens are verified with a shared HS256 secret: fit for the local demo only, not for production');
  }
  logger.info({ authentication: authn.configured ? authn.keys.kind : 'not configured' }, 'authentication ready');
  return async ({ req }) => {
    const principal = await tokens.verify(req.headers.authorization);
    return { principal, grants: lazyGrantsOf(principal, grants) };
  };
}
