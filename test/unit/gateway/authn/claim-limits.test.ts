import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { readAuthnConfig } from '../../../../gateway/authn/authn-config.js';
import { CLAIM_LIMIT_DEFAULTS, claimLimitProblem, MAX_FORWARDED_PRINCIPAL_BYTES } from '../../../../gateway/authn/claim-limits.js';
import { AuthenticationError, createTokenVerifier } from '../../../../gateway/authn/token-verifier.js';
import { principalFromClaims } from '../../../../schema/identity-claims.js';

const NOW = 1_800_000_000;
const DAY = 86_400;
const limits = { maxLifetimeSeconds: DAY, maxSubjectLength: 40, maxGrants: 3 };
const grants = (n: number, id = 'acme-labs:ds-1') => Array.from({ length: n }, (_, i) => ({ dataset: `${id}${i}`, expires: NOW + DAY }));

function problem(payload: JWTPayload): string | null {
  const parsed = principalFromClaims(payload);
  if (!parsed.ok) throw new Error(parsed.reason);
  return claimLimitProblem(payload, parsed.principal, limits, NOW, 30);
}

describe('claimLimitProblem (lifetime a day, subject 40 characters, 3 grants)', () => {
  it.each<[string, JWTPayload, string | null]>([
    ['an ordinary token', { sub: 'ada', iat: NOW, exp: NOW + 3600, grants: grants(1) }, null],
    ['exactly a day from iat', { sub: 'ada', iat: NOW - 100, exp: NOW - 100 + DAY }, null],
    ['a day and a second from iat', { sub: 'ada', iat: NOW - 100, exp: NOW - 99 + DAY }, 'token lifetime is over 86400 seconds ("exp" counted from "iat", or from now without it)'],
    ['centuries away, without iat', { sub: 'ada', exp: NOW + 300 * 365 * DAY }, 'token lifetime is over 86400 seconds ("exp" counted from "iat", or from now without it)'],
    ['a day from now, without iat', { sub: 'ada', exp: NOW + DAY }, null],
    ['issued in the future, within the clock tolerance', { sub: 'ada', iat: NOW + 30, exp: NOW + 3600 }, null],
    ['issued in the future, past it (so a short lifetime cannot start centuries away)', { sub: 'ada', iat: NOW + 300 * 365 * DAY, exp: NOW + 300 * 365 * DAY + 60 }, 'token is issued in the future ("iat")'],
    ['a subject of 40 characters', { sub: 's'.repeat(40), exp: NOW + 60 }, null],
    ['a subject of 1,500 characters', { sub: 's'.repeat(1500), exp: NOW + 60 }, 'claim "sub": expected at most 40 characters'],
    ['3 grants', { sub: 'ada', exp: NOW + 60, grants: grants(3) }, null],
    ['80 grants', { sub: 'ada', exp: NOW + 60, grants: grants(80) }, 'claim "grants": expected at most 3 grants'],
    ['claims too large to forward, whatever their count', { sub: 'ada', exp: NOW + 60, grants: grants(3, 'x'.repeat(4000)) }, expect.stringMatching(/^token claims take \d+ bytes once forwarded to subgraphs; at most 12288 are allowed$/) as unknown as string],
  ])('%s', (_name, payload, expected) => {
    expect(problem(payload)).toEqual(expected);
  });

  it('lets a token at the default subject and grant limits, with dataset ids like the catalogs\', be forwarded', () => {
    const payload = {
      sub: 's'.repeat(CLAIM_LIMIT_DEFAULTS.maxSubjectLength), exp: NOW + 60, org: 'northbridge-hospital',
      scope: 'consortium:member partner:northbridge-hospital steward:northbridge-hospital', grants: grants(CLAIM_LIMIT_DEFAULTS.maxGrants, 'northbridge-hospital:ds-0'),
    };
    const parsed = principalFromClaims(payload);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(claimLimitProblem(payload, parsed.principal, CLAIM_LIMIT_DEFAULTS, NOW, 30)).toBe(null);
    expect(MAX_FORWARDED_PRINCIPAL_BYTES).toBeLessThan(16_384);
  });
});

describe('the verifier refuses tokens over the claim limits, with 401 and the reason', () => {
  const SECRET = 'a-demo-secret-of-at-least-32-characters!';
  const config = readAuthnConfig({ JWT_HS256_SECRET: SECRET, JWT_ISSUER: 'https://issuer.test', JWT_AUDIENCE: 'concord', JWT_MAX_GRANTS: '3' });
  const verifier = createTokenVerifier(config, { now: () => NOW * 1000 });
  const sign = (payload: JWTPayload) => new SignJWT({ iss: 'https://issuer.test', aud: 'concord', ...payload })
    .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

  it.each<[string, JWTPayload, string]>([
    ['an exp centuries away', { sub: 'ada', iat: NOW, exp: NOW + 300 * 365 * DAY }, 'token lifetime is over 86400 seconds'],
    ['a subject of 1,500 characters', { sub: 's'.repeat(1500), iat: NOW, exp: NOW + 60 }, 'claim "sub": expected at most 255 characters'],
    ['80 grants', { sub: 'ada', iat: NOW, exp: NOW + 60, grants: grants(80, 'n:') }, 'claim "grants": expected at most 3 grants'],
  ])('%s', async (_name, payload, reason) => {
    const refused = await verifier.verify(`Bearer ${await sign(payload)}`).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect((refused as AuthenticationError).reason).toContain(reason);
    expect((refused as AuthenticationError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });

  it('accepts a token within them', async () => {
    await expect(verifier.verify(`Bearer ${await sign({ sub: 'ada', iat: NOW, exp: NOW + 3600, grants: grants(3, 'n:') })}`)).resolves.toMatchObject({ subject: 'ada' });
  });
});
