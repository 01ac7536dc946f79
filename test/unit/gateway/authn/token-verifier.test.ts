import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type GenerateKeyPairResult, type JSONWebKeySet, type JWTPayload,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthnConfig, type AuthnConfig } from '../../../../gateway/authn/authn-config.js';
import { mintToken, personaClaims, PERSONA_NAMES } from '../../../../subgraphs/demo/demo-personas.js';
import {
  AUTHN_REASONS, AuthenticationError, createTokenVerifier, type TokenVerifier,
} from '../../../../gateway/authn/token-verifier.js';
import { ErrorCode } from '../../../../schema/error-codes.js';
import { ANONYMOUS } from '../../../../schema/policy/principal.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'concord-gateway';
const SECRET = 'a-demo-secret-of-at-least-32-characters!';

type KeyPair = GenerateKeyPairResult;

interface Keys {
  rsa: KeyPair;
  rsa2: KeyPair;
  ec: KeyPair;
  rsaPublicPem: string;
  rsaPublicJwkJson: string;
  jwks: JSONWebKeySet;
}
let keys: Keys;
let dir: string;
const verifiers: Record<'jwks' | 'secret' | 'none', TokenVerifier> = {} as never;

const now = () => Math.floor(Date.now() / 1000);
const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

/** A full, valid claims set; `overrides` with undefined values remove a claim. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  const all: JWTPayload = { iss: ISSUER, aud: AUDIENCE, sub: 'ada', iat: now(), exp: now() + 600, ...overrides };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

function sign(payload: JWTPayload, alg: string, key: CryptoKey | Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

const rs256 = (payload: JWTPayload = claims(), kid = 'rsa-1') => sign(payload, 'RS256', keys.rsa.privateKey, kid);
const bearer = async (token: string | Promise<string>) => `Bearer ${await token}`;

/** By hand, because jose refuses to sign a "crit" extension it does not know either. */
async function withUnknownCritical(): Promise<string> {
  const signingInput = `${encode({ alg: 'RS256', kid: 'rsa-1', crit: ['x-concord'], 'x-concord': 1 })}.${encode(claims())}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.rsa.privateKey, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(new Uint8Array(signature))}`;
}

function tamper(token: string): string {
  const [header, , signature] = token.split('.');
  return `${header}.${encode(claims({ sub: 'mallory' }))}.${signature}`;
}

async function publicJwk(pair: KeyPair, kid: string, alg: string) {
  return { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
}

beforeAll(async () => {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const rsa2 = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [await publicJwk(rsa, 'rsa-1', 'RS256'), await publicJwk(rsa2, 'rsa-2', 'RS256'), await publicJwk(ec, 'ec-1', 'ES256')] };
  keys = {
    rsa, rsa2, ec, jwks,
    rsaPublicPem: await exportSPKI(rsa.publicKey),
    rsaPublicJwkJson: JSON.stringify(jwks.keys[0]),
  };
  dir = mkdtempSync(join(tmpdir(), 'token-verifier-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
  verifiers.jwks = createTokenVerifier(readAuthnConfig({ JWT_JWKS_FILE: jwksFile, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }));
  verifiers.secret = createTokenVerifier(readAuthnConfig({ JWT_HS256_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }));
  verifiers.none = createTokenVerifier(readAuthnConfig({}));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof AuthenticationError)) throw new Error(`expected an AuthenticationError, got ${String(error)}`);
  return error;
}

const reasonOf = async (promise: Promise<unknown>) => (await errorOf(promise)).reason;

type Outcome = { subject: string | null } | { reason: string };
type Row = [name: string, verifier: keyof typeof verifiers, header: () => Promise<string | undefined>, outcome: Outcome];

const rows: Row[] = [
  ['a valid RS256 token', 'jwks', () => bearer(rs256()), { subject: 'ada' }],
  ['a valid ES256 token', 'jwks', () => bearer(sign(claims(), 'ES256', keys.ec.privateKey, 'ec-1')), { subject: 'ada' }],
  ['a valid RS256 token without kid, tried against each RSA key', 'jwks',
    () => bearer(sign(claims(), 'RS256', keys.rsa2.privateKey)), { subject: 'ada' }],
  ['a tampered token without kid, matching no RSA key', 'jwks',
    async () => `Bearer ${tamper(await sign(claims(), 'RS256', keys.rsa2.privateKey))}`, { reason: AUTHN_REASONS.badSignature }],
  ['a valid HS256 token with the secret', 'secret',
    () => bearer(mintToken({ claims: personaClaims('researcher')!, secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresInSeconds: 60 })),
    { subject: 'demo-researcher' }],
  ['a lower-case "bearer" scheme', 'jwks', async () => `bearer ${await rs256()}`, { subject: 'ada' }],
  ['no Authorization header', 'jwks', async () => undefined, { subject: null }],
  ['a Basic header', 'jwks', async () => 'Basic xyz', { reason: AUTHN_REASONS.notBearer }],
  ['"Bearer" without a token', 'jwks', async () => 'Bearer ', { reason: AUTHN_REASONS.notBearer }],
  ['an empty header', 'jwks', async () => '', { reason: AUTHN_REASONS.notBearer }],
  ['a garbage token', 'jwks', async () => 'Bearer not-a-jwt', { reason: AUTHN_REASONS.malformed }],
  ['three parts that are not JSON', 'jwks', async () => 'Bearer aaaa.bbbb.cccc', { reason: AUTHN_REASONS.malformed }],
  ['alg none', 'jwks', async () => `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`, { reason: AUTHN_REASONS.unsigned }],
  ['alg none with the secret', 'secret', async () => `Bearer ${encode({ alg: 'none' })}.${encode(claims())}.`, { reason: AUTHN_REASONS.unsigned }],
  ['alg NONE', 'jwks', async () => `Bearer ${encode({ alg: 'NONE' })}.${encode(claims())}.`, { reason: AUTHN_REASONS.unsigned }],
  ['an unknown critical header', 'jwks', () => bearer(withUnknownCritical()), { reason: AUTHN_REASONS.malformed }],
  ['a tampered payload', 'jwks', async () => `Bearer ${tamper(await rs256())}`, { reason: AUTHN_REASONS.badSignature }],
  ['an ES256 token signed with another key under a known kid', 'jwks',
    () => bearer(sign(claims(), 'ES256', keys.ec.privateKey, 'rsa-1')), { reason: AUTHN_REASONS.unknownKey }],
  ['HS256 signed with the RSA public key PEM', 'jwks',
    () => bearer(sign(claims(), 'HS256', new TextEncoder().encode(keys.rsaPublicPem), 'rsa-1')), { reason: AUTHN_REASONS.algorithmNotAllowed }],
  ['HS256 signed with the RSA public JWK', 'jwks',
    () => bearer(sign(claims(), 'HS256', new TextEncoder().encode(keys.rsaPublicJwkJson), 'rsa-1')), { reason: AUTHN_REASONS.algorithmNotAllowed }],
  ['RS256 when only the secret is configured', 'secret', () => bearer(rs256()), { reason: AUTHN_REASONS.algorithmNotAllowed }],
  ['HS256 signed with another secret', 'secret',
    () => bearer(sign(claims(), 'HS256', new TextEncoder().encode('x'.repeat(40)))), { reason: AUTHN_REASONS.badSignature }],
  ['expired beyond the tolerance', 'jwks', () => bearer(rs256(claims({ iat: now() - 600, exp: now() - 60 }))), { reason: AUTHN_REASONS.expired }],
  ['expired within the tolerance', 'jwks', () => bearer(rs256(claims({ iat: now() - 600, exp: now() - 10 }))), { subject: 'ada' }],
  ['not valid before a time beyond the tolerance', 'jwks', () => bearer(rs256(claims({ nbf: now() + 120 }))), { reason: AUTHN_REASONS.notYetValid }],
  ['not valid before a time within the tolerance', 'jwks', () => bearer(rs256(claims({ nbf: now() + 10 }))), { subject: 'ada' }],
  ['a wrong issuer', 'jwks', () => bearer(rs256(claims({ iss: 'https://evil.test' }))), { reason: AUTHN_REASONS.wrongIssuer }],
  ['no issuer', 'jwks', () => bearer(rs256(claims({ iss: undefined }))), { reason: AUTHN_REASONS.wrongIssuer }],
  ['a wrong audience', 'jwks', () => bearer(rs256(claims({ aud: 'another-service' }))), { reason: AUTHN_REASONS.wrongAudience }],
  ['one of several audiences', 'jwks', () => bearer(rs256(claims({ aud: ['another-service', AUDIENCE] }))), { subject: 'ada' }],
  ['an unknown kid', 'jwks', () => bearer(rs256(claims(), 'rsa-9')), { reason: AUTHN_REASONS.unknownKey }],
  ['no exp', 'jwks', () => bearer(rs256(claims({ exp: undefined }))), { reason: AUTHN_REASONS.missingExpiry }],
  ['no exp with the secret', 'secret',
    () => bearer(sign(claims({ exp: undefined }), 'HS256', new TextEncoder().encode(SECRET))), { reason: AUTHN_REASONS.missingExpiry }],
  ['exp as a string', 'jwks', () => bearer(rs256(claims({ exp: '2030-01-01' as never }))),
    { reason: 'claim "exp": expected a NumericDate (seconds since the epoch)' }],
  ['an oversized token', 'jwks', () => bearer(rs256(claims({ padding: 'x'.repeat(8192) }))), { reason: AUTHN_REASONS.tooLarge }],
  ['an oversized garbage token', 'jwks', async () => `Bearer ${'a'.repeat(8193)}`, { reason: AUTHN_REASONS.tooLarge }],
  ['a malformed claim', 'jwks', () => bearer(rs256(claims({ purpose: { category: 'marketing', commercial: true } }))),
    { reason: 'claim "purpose.category": expected one of general, health, disease, ancestry, methods, clinical-care' }],
  ['no subject', 'jwks', () => bearer(rs256(claims({ sub: undefined }))), { reason: 'claim "sub": expected a non-empty string' }],
  ['a token when authentication is not configured', 'none', () => bearer(rs256()), { reason: AUTHN_REASONS.notConfigured }],
  ['no header when authentication is not configured', 'none', async () => undefined, { subject: null }],
];

describe('token verifier', () => {
  it.each(rows)('%s', async (_, verifier, header, outcome) => {
    const verification = verifiers[verifier].verify(await header());
    if ('reason' in outcome) {
      expect(await reasonOf(verification)).toBe(outcome.reason);
    } else {
      expect((await verification).subject).toBe(outcome.subject);
    }
  });

  it('returns the shared anonymous principal without a header', async () => {
    expect(await verifiers.jwks.verify(undefined)).toBe(ANONYMOUS);
  });

  it('refuses as UNAUTHENTICATED with HTTP 401 and never echoes the token', async () => {
    const token = tamper(await rs256());
    const error = await errorOf(verifiers.jwks.verify(`Bearer ${token}`));
    expect(error.extensions).toMatchObject({ code: ErrorCode.Unauthenticated, reason: AUTHN_REASONS.badSignature, http: { status: 401 } });
    expect(error.message).toBe(`Authentication failed: ${AUTHN_REASONS.badSignature}`);
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain(token.split('.')[1]);
  });

  it.each(PERSONA_NAMES.filter((name) => name !== 'anonymous'))('accepts the demo persona %s', async (name) => {
    const token = await mintToken({ claims: personaClaims(name)!, secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresInSeconds: 60 });
    const principal = await verifiers.secret.verify(`Bearer ${token}`);
    expect(principal).toMatchObject({ authenticated: true, subject: `demo-${name}` });
    expect(principal.scopes.has('consortium:member')).toBe(true);
  });

  it('gives the researcher persona a token grant for 180 days', async () => {
    const token = await mintToken({ claims: personaClaims('researcher')!, secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresInSeconds: 60 });
    const [grant] = (await verifiers.secret.verify(`Bearer ${token}`)).grants;
    expect(grant).toMatchObject({ datasetId: 'northbridge-hospital:ds-022', grantee: { kind: 'person', subject: 'demo-researcher' }, source: 'token' });
    expect(grant!.expiresAt - Date.now()).toBeGreaterThan(179 * 86_400_000);
  });
});

describe('token verifier with a JWKS URL', () => {
  let server: Server;
  let base: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      if (request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify(keys.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const remoteVerifier = (path: string) => {
    const config: AuthnConfig = readAuthnConfig({ JWT_JWKS_URL: `${base}${path}`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    return createTokenVerifier(config);
  };

  it('accepts a token signed with a published key and refuses an unknown kid without refetching', async () => {
    const verifier = remoteVerifier('/jwks.json');
    expect((await verifier.verify(await bearer(rs256()))).subject).toBe('ada');
    expect((await verifier.verify(await bearer(sign(claims(), 'ES256', keys.ec.privateKey, 'ec-1')))).subject).toBe('ada');
    const before = requests;
    expect(await reasonOf(verifier.verify(await bearer(rs256(claims(), 'rsa-9'))))).toBe(AUTHN_REASONS.unknownKey);
    expect(requests).toBe(before);
  });

  it('refuses tokens while the keys cannot be fetched, with 503 and Retry-After: the token may be good', async () => {
    const verifier = remoteVerifier('/gone.json');
    expect(await reasonOf(verifier.verify(await bearer(rs256())))).toBe(AUTHN_REASONS.keysUnavailable);
    const error = await verifier.verify(await bearer(rs256())).then(() => null, (e: { extensions: { http: { status: number; headers: Map<string, string> } } }) => e);
    expect(error?.extensions.http.status).toBe(503);
    expect(error?.extensions.http.headers.get('retry-after')).toBe('5');
    // Every refusal of the token itself stays 401.
    const refused = await verifier.verify('Bearer not.a.token').then(() => null, (e: { extensions: { http: { status: number } } }) => e);
    expect(refused?.extensions.http.status).toBe(401);
  });
});
