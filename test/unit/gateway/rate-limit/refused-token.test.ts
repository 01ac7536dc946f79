import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUTHN_REASONS } from '../../../../gateway/authn/token-verifier.js';
import { isRefusedToken } from '../../../../gateway/rate-limit/rate-limit-plugin.js';

// Which failures of the authentication step count against the sender's bucket of refused tokens
// (README, "Rate limits"): a token the caller sent and the gateway refused; never the gateway's own
// outage in fetching its signing keys.
const unauthenticated = (reason: string) => new GraphQLError(`Authentication failed: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', reason } });

describe('isRefusedToken', () => {
  it.each<[string, unknown, boolean]>([
    ['a bad signature', unauthenticated(AUTHN_REASONS.badSignature), true],
    ['an expired token', unauthenticated(AUTHN_REASONS.expired), true],
    ['not a bearer token', unauthenticated(AUTHN_REASONS.notBearer), true],
    ['the signing keys could not be fetched', unauthenticated(AUTHN_REASONS.keysUnavailable), false],
    ['another code', new GraphQLError('x', { extensions: { code: 'BAD_REQUEST' } }), false],
    ['not a GraphQL error', new Error('UNAUTHENTICATED'), false],
    ['an object of that shape', { extensions: { code: 'UNAUTHENTICATED' } }, false],
  ])('%s: %s', (_name, error, expected) => {
    expect(isRefusedToken(error)).toBe(expected);
  });
});
