import { describe, expect, it } from 'vitest';
import { readDiscoveryOrigins, type DiscoveryReading } from '../../../../gateway/explorer/discovery-origins.js';

const ISSUER = 'https://accounts.example.org/realms/concord';
const doc = (fields: Record<string, unknown>) => JSON.stringify({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, ...fields });

describe('the origins a discovery document adds to the explorer page\'s connect-src', () => {
  it.each<{ name: string; body: string; issuer?: string; expected: DiscoveryReading }>([
    {
      name: 'endpoints on the issuer\'s origin add nothing',
      body: doc({ token_endpoint: `${ISSUER}/token`, userinfo_endpoint: `${ISSUER}/userinfo` }),
      expected: { ok: true, origins: [], ignored: [] },
    },
    {
      name: 'a token endpoint on another origin is added (as with Google)',
      body: JSON.stringify({ issuer: 'https://accounts.google.com', token_endpoint: 'https://oauth2.googleapis.com/token', userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo' }),
      issuer: 'https://accounts.google.com',
      expected: { ok: true, origins: ['https://oauth2.googleapis.com', 'https://openidconnect.googleapis.com'], ignored: [] },
    },
    {
      name: 'a port is part of the origin, a path and query are not',
      body: doc({ token_endpoint: 'https://TOKENS.example.org:8443/oauth/token?x=1' }),
      expected: { ok: true, origins: ['https://tokens.example.org:8443'], ignored: [] },
    },
    {
      name: 'both endpoints on one other origin add it once',
      body: doc({ token_endpoint: 'https://api.example.org/token', userinfo_endpoint: 'https://api.example.org/me' }),
      expected: { ok: true, origins: ['https://api.example.org'], ignored: [] },
    },
    {
      name: 'http on loopback is allowed, as for OIDC_ISSUER',
      body: JSON.stringify({ issuer: 'http://127.0.0.1:9000', token_endpoint: 'http://localhost:9001/token' }),
      issuer: 'http://127.0.0.1:9000',
      expected: { ok: true, origins: ['http://localhost:9001'], ignored: [] },
    },
    {
      name: 'http on loopback is refused for an issuer that is not there itself',
      body: doc({ token_endpoint: 'http://127.0.0.1:5000/token' }),
      expected: { ok: true, origins: [], ignored: [{ field: 'token_endpoint', reason: expect.stringContaining('only for an issuer there') as string }] },
    },
    {
      name: 'http off loopback is refused, naming the field',
      body: doc({ token_endpoint: 'http://tokens.example.org/token', userinfo_endpoint: 'https://api.example.org/me' }),
      expected: { ok: true, origins: ['https://api.example.org'], ignored: [{ field: 'token_endpoint', reason: expect.stringContaining('token_endpoint "http://tokens.example.org/token" is not an https:// URL') as string }] },
    },
    {
      name: 'a javascript: URL is refused',
      body: doc({ userinfo_endpoint: 'javascript:alert(1)' }),
      expected: { ok: true, origins: [], ignored: [{ field: 'userinfo_endpoint', reason: expect.stringContaining('userinfo_endpoint "javascript:alert(1)" is not an https:// URL') as string }] },
    },
    {
      name: 'a host that would break out of the policy is refused',
      body: doc({ token_endpoint: "https://x;script-src'unsafe-inline'.example.org/token" }),
      expected: { ok: true, origins: [], ignored: [{ field: 'token_endpoint', reason: expect.stringContaining('is not an https:// URL') as string }] },
    },
    {
      name: 'an endpoint that is not a URL is refused',
      body: doc({ token_endpoint: 42, userinfo_endpoint: '/userinfo' }),
      expected: { ok: true, origins: [], ignored: [{ field: 'token_endpoint', reason: 'token_endpoint is not a URL' }, { field: 'userinfo_endpoint', reason: 'userinfo_endpoint is not a URL' }] },
    },
    {
      name: 'missing endpoints add nothing',
      body: doc({}),
      expected: { ok: true, origins: [], ignored: [] },
    },
    {
      name: 'an issuer with a trailing slash is the same issuer (Discovery §4.1)',
      body: JSON.stringify({ issuer: 'https://tenant.example.org/', token_endpoint: 'https://tokens.example.org/token' }),
      issuer: 'https://tenant.example.org',
      expected: { ok: true, origins: ['https://tokens.example.org'], ignored: [] },
    },
    {
      name: 'another issuer refuses the document',
      body: JSON.stringify({ issuer: 'https://evil.example.net', token_endpoint: 'https://evil.example.net/token' }),
      expected: { ok: false, reason: `its issuer "https://evil.example.net" is not OIDC_ISSUER "${ISSUER}" (OpenID Connect Discovery 1.0 §4.3)` },
    },
    {
      name: 'a longer issuer on the same origin refuses the document',
      body: JSON.stringify({ issuer: `${ISSUER}-admin`, token_endpoint: 'https://tokens.example.org/token' }),
      expected: { ok: false, reason: expect.stringContaining('is not OIDC_ISSUER') as string },
    },
    {
      name: 'no issuer refuses the document',
      body: JSON.stringify({ token_endpoint: 'https://tokens.example.org/token' }),
      expected: { ok: false, reason: 'it has no issuer' },
    },
    { name: 'garbage refuses the document', body: '<html>not found</html>', expected: { ok: false, reason: 'it is not valid JSON' } },
    { name: 'a JSON list refuses the document', body: '[]', expected: { ok: false, reason: 'it is not a JSON object' } },
    { name: 'JSON null refuses the document', body: 'null', expected: { ok: false, reason: 'it is not a JSON object' } },
  ])('$name', ({ body, issuer, expected }) => {
    expect(readDiscoveryOrigins(body, issuer ?? ISSUER)).toEqual(expected);
  });
});
