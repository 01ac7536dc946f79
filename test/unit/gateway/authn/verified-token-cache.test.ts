import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createTokenVerifier } from '../../../../gateway/authn/token-verifier.js';
import { mintToken } from '../../../../subgraphs/demo/demo-personas.js';
import type { TokenClaims } from '../../../../schema/identity-claims.js';
import { TEST_AUTHN, TEST_JWT, tokenFor } from '../../../harness/tokens.js';
import type { AuthnConfig } from '../../../../gateway/authn/authn-config.js';

const STRICT: AuthnConfig = { ...(TEST_AUTHN as Extract<AuthnConfig, { configured: true }>), clockToleranceSeconds: 0 };

/** A clock the test moves by hand: no test waits on the real one. */
function manualClock(startMs: number) {
  let now = startMs;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

const token = (claims: TokenClaims, expiresInSeconds: number) =>
  mintToken({ claims, secret: TEST_JWT.secret, issuer: TEST_JWT.issuer, audience: TEST_JWT.audience, expiresInSeconds });

describe('verified token cache', () => {
  it('answers a repeated token with the principal it proved, and never serves a changed token from it', async () => {
    const verifier = createTokenVerifier(TEST_AUTHN);
    const token = await tokenFor({ sub: 'ada', scope: 'consortium:member' });
    const first = await verifier.verify(`Bearer ${token}`);
    expect(await verifier.verify(`Bearer ${token}`)).toBe(first);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(`Bearer ${tampered}`)).rejects.toMatchObject({ reason: 'token signature is invalid' });
  });

  // Each row: a token valid for `expiresIn` seconds, verified once, then presented again `after` ms
  // later. `cached`: the very principal first proved; `verified again`: a fresh verification's
  // principal; `expired`: refused.
  it.each([
    { expiresIn: 10, after: 9_000, outcome: 'cached' },
    { expiresIn: 10, after: 10_000, outcome: 'expired' },
    { expiresIn: 1, after: 2_100, outcome: 'expired' },
    { expiresIn: 600, after: 59_000, outcome: 'cached' },
    { expiresIn: 600, after: 60_000, outcome: 'verified again' },
    { expiresIn: 600, after: 599_000, outcome: 'verified again' },
  ] as const)('a token valid for $expiresIn s, presented again after $after ms: $outcome', async ({ expiresIn, after, outcome }) => {
    const minted = await token({ sub: 'ada' }, expiresIn);
    // The clock starts at the token's own issue time, so no row depends on when the second ticks.
    const clock = manualClock(decodeJwt(minted).iat! * 1000);
    const verifier = createTokenVerifier(STRICT, clock);
    const bearer = `Bearer ${minted}`;
    const first = await verifier.verify(bearer);
    clock.advance(after);
    if (outcome === 'expired') {
      await expect(verifier.verify(bearer)).rejects.toMatchObject({ reason: 'token has expired' });
      return;
    }
    const again = await verifier.verify(bearer);
    expect(again.subject).toBe('ada');
    if (outcome === 'cached') expect(again).toBe(first);
    else expect(again).not.toBe(first);
  });
});
