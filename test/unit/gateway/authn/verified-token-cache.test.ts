import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../../../gateway/authn/token-verifier.js';
import { TEST_AUTHN, tokenFor } from '../../../harness/tokens.js';
import type { AuthnConfig } from '../../../../gateway/authn/authn-config.js';

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

  it('does not keep a token past its expiry', async () => {
    const verifier = createTokenVerifier({ ...(TEST_AUTHN as Extract<AuthnConfig, { configured: true }>), clockToleranceSeconds: 0 });
    const token = await tokenFor({ sub: 'ada' }, 1);
    await verifier.verify(`Bearer ${token}`);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'token has expired' });
  });
});
