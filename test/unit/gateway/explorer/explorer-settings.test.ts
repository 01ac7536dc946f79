import { describe, expect, it } from 'vitest';
import { readExplorerSettings } from '../../../../gateway/explorer/explorer-settings.js';
import type { AuthnConfig } from '../../../../gateway/authn/authn-config.js';

const DEMO: AuthnConfig = { configured: true, issuer: 'https://concord.example/demo-issuer', audience: 'a', keys: { kind: 'hs256-secret', secret: 'x'.repeat(32) }, algorithms: ['HS256'], clockToleranceSeconds: 30, maxTokenBytes: 8192 };
const JWKS: AuthnConfig = { ...DEMO, keys: { kind: 'jwks-url', url: new URL('https://id.example.org/jwks') }, algorithms: ['RS256'] };
const NONE: AuthnConfig = { configured: false };
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('explorer settings', () => {
  it('serves the explorer with no personas and no issuer by default', () => {
    expect(readExplorerSettings({}, NONE)).toMatchObject({ enabled: true, demoTokens: null, oidc: null });
    expect(readExplorerSettings({ EXPLORER_ENABLED: 'false' }, NONE).enabled).toBe(false);
  });

  it('reads the demo tokens with the demo identity', () => {
    const settings = readExplorerSettings({ EXPLORER_DEMO_TOKENS: JSON.stringify({ analyst: TOKEN, steward: TOKEN }) }, DEMO);
    expect([...settings.demoTokens!.keys()]).toEqual(['analyst', 'steward']);
  });

  it('reads the OpenID Connect issuer next to a JWKS', () => {
    expect(readExplorerSettings({ OIDC_ISSUER: 'https://id.example.org/realms/concord/', OIDC_CLIENT_ID: 'concord-explorer' }, JWKS).oidc)
      .toEqual({ issuer: 'https://id.example.org/realms/concord', clientId: 'concord-explorer', scope: 'openid' });
  });

  it.each([
    { name: 'a bad switch', env: { EXPLORER_ENABLED: 'yes' }, authn: NONE, message: /EXPLORER_ENABLED must be one of true, false/ },
    { name: 'demo tokens in production', env: { EXPLORER_DEMO_TOKENS: JSON.stringify({ analyst: TOKEN }), NODE_ENV: 'production' }, authn: DEMO, message: /refused when NODE_ENV=production/ },
    { name: 'demo tokens next to a JWKS', env: { EXPLORER_DEMO_TOKENS: JSON.stringify({ analyst: TOKEN }) }, authn: JWKS, message: /needs the demo identity provider/ },
    { name: 'demo tokens without authentication', env: { EXPLORER_DEMO_TOKENS: JSON.stringify({ analyst: TOKEN }) }, authn: NONE, message: /needs the demo identity provider/ },
    { name: 'demo tokens that are not JSON', env: { EXPLORER_DEMO_TOKENS: 'analyst=x' }, authn: DEMO, message: /not valid JSON/ },
    { name: 'demo tokens as a list', env: { EXPLORER_DEMO_TOKENS: '[]' }, authn: DEMO, message: /JSON object/ },
    { name: 'a persona name with spaces', env: { EXPLORER_DEMO_TOKENS: JSON.stringify({ 'an alyst': TOKEN }) }, authn: DEMO, message: /persona name "an alyst"/ },
    { name: 'a token that is not a JWT', env: { EXPLORER_DEMO_TOKENS: JSON.stringify({ analyst: 'secret' }) }, authn: DEMO, message: /token of "analyst" is not a JWT/ },
    { name: 'an http issuer off loopback', env: { OIDC_ISSUER: 'http://id.example.org', OIDC_CLIENT_ID: 'c' }, authn: JWKS, message: /OIDC_ISSUER must be the issuer's https:\/\/ URL/ },
    { name: 'an issuer whose host would change the page\'s policy', env: { OIDC_ISSUER: "https://x;script-src'unsafe-inline'.example.org", OIDC_CLIENT_ID: 'c' }, authn: JWKS, message: /OIDC_ISSUER must be the issuer's https:\/\/ URL/ },
    { name: 'an issuer without a client id', env: { OIDC_ISSUER: 'https://id.example.org' }, authn: JWKS, message: /OIDC_CLIENT_ID must be set/ },
    { name: 'a client id without an issuer', env: { OIDC_CLIENT_ID: 'c' }, authn: JWKS, message: /OIDC_CLIENT_ID is set but OIDC_ISSUER is not/ },
    { name: 'an issuer the gateway cannot verify', env: { OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'c' }, authn: DEMO, message: /set JWT_JWKS_URL/ },
    { name: 'scopes without openid', env: { OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'c', OIDC_SCOPE: 'profile' }, authn: JWKS, message: /OIDC_SCOPE must include openid/ },
  ])('stops start-up on $name, naming the variable', ({ env, authn, message }) => {
    expect(() => readExplorerSettings(env, authn)).toThrow(message);
  });
});
