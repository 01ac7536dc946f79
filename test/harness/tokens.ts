import { mintToken } from '../../subgraphs/demo/demo-personas.js';
import type { TokenClaims } from '../../schema/identity-claims.js';
import type { AuthnConfig } from '../../gateway/authn/authn-config.js';

/** Tests only: an HS256 identity provider for in-process gateways. */
export const TEST_JWT = {
  secret: 'test-only-jwt-secret-0123456789abcdefghij',
  issuer: 'https://issuer.test',
  audience: 'concord-test',
};

export const TEST_AUTHN: AuthnConfig = {
  configured: true,
  issuer: TEST_JWT.issuer,
  audience: TEST_JWT.audience,
  keys: { kind: 'hs256-secret', secret: TEST_JWT.secret },
  algorithms: ['HS256'],
  clockToleranceSeconds: 30,
  maxTokenBytes: 8192,
};

export function tokenFor(claims: TokenClaims, expiresInSeconds = 600): Promise<string> {
  return mintToken({ claims, secret: TEST_JWT.secret, issuer: TEST_JWT.issuer, audience: TEST_JWT.audience, expiresInSeconds });
}

export async function bearer(claims: TokenClaims | null): Promise<Record<string, string>> {
  return claims ? { authorization: `Bearer ${await tokenFor(claims)}` } : {};
}
