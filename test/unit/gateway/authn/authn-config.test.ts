import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthnConfig } from '../../../../gateway/authn/authn-config.js';
import { ConfigError } from '../../../../runtime/env.js';

const SECRET = 's'.repeat(32);
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'concord-gateway';

let dir: string;
let publicJwk: JWK;
let privateJwk: JWK;
const files: Record<string, string> = {};

function writeJson(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authn-config-'));
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  privateJwk = { ...(await exportJWK(privateKey)), kid: 'k1' };
  files.good = writeJson('good.json', { keys: [publicJwk] });
  files.notJson = writeJson('not-json.json', '{ keys: ');
  files.noKeys = writeJson('no-keys.json', { issuer: ISSUER });
  files.emptyKeys = writeJson('empty-keys.json', { keys: [] });
  files.private = writeJson('private.json', { keys: [publicJwk, privateJwk] });
  files.oct = writeJson('oct.json', { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] });
  files.kty = writeJson('kty.json', { keys: [{ kty: 'XYZ' }] });
  files.badKey = writeJson('bad-key.json', { keys: [{ kty: 'RSA', n: 'AQAB', kid: 'broken' }] });
  files.notObject = writeJson('not-object.json', { keys: ['RSA'] });
  files.missing = join(dir, 'missing.json');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withSecret = { JWT_HS256_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
const withJwksFile = () => ({ JWT_JWKS_FILE: files.good, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
const withJwksUrl = (url: string) => ({ JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });

describe('authentication configuration', () => {
  it('is not configured without a key source', () => {
    expect(readAuthnConfig({})).toEqual({ configured: false });
    expect(readAuthnConfig({ JWT_JWKS_FILE: '', JWT_JWKS_URL: '' })).toEqual({ configured: false });
  });

  it('defaults to HS256 with the secret', () => {
    expect(readAuthnConfig(withSecret)).toEqual({
      configured: true, issuer: ISSUER, audience: AUDIENCE, keys: { kind: 'hs256-secret', secret: SECRET },
      algorithms: ['HS256'], clockToleranceSeconds: 30, maxTokenBytes: 8192,
      claimLimits: { maxLifetimeSeconds: 86_400, maxSubjectLength: 255, maxGrants: 20 },
    });
  });

  it('reads the JWKS file and defaults to the asymmetric algorithms', () => {
    const config = readAuthnConfig(withJwksFile());
    expect(config).toMatchObject({
      configured: true, keys: { kind: 'jwks-file', path: files.good, jwks: { keys: [publicJwk] } },
      algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'], clockToleranceSeconds: 30, maxTokenBytes: 8192,
    });
  });

  it.each(['https://idp.example/.well-known/jwks.json', 'http://127.0.0.1:8080/jwks', 'http://localhost/jwks'])(
    'accepts the JWKS URL %s', (url) => {
      expect(readAuthnConfig(withJwksUrl(url))).toMatchObject({ keys: { kind: 'jwks-url', url: new URL(url) } });
    },
  );

  it('takes explicit algorithms, tolerance and size limit', () => {
    const config = readAuthnConfig({
      ...withJwksFile(), JWT_ALGORITHMS: ' ES384, RS256 ,ES384', JWT_CLOCK_TOLERANCE_SECONDS: '0', JWT_MAX_TOKEN_BYTES: '4096',
    });
    expect(config).toMatchObject({ algorithms: ['ES384', 'RS256'], clockToleranceSeconds: 0, maxTokenBytes: 4096 });
    expect(readAuthnConfig({ ...withSecret, JWT_CLOCK_TOLERANCE_SECONDS: '300' })).toMatchObject({ clockToleranceSeconds: 300 });
  });

  it('takes explicit claim limits', () => {
    expect(readAuthnConfig({ ...withSecret, JWT_MAX_LIFETIME_SECONDS: '3600', JWT_MAX_SUBJECT_LENGTH: '64', JWT_MAX_GRANTS: '10' }))
      .toMatchObject({ claimLimits: { maxLifetimeSeconds: 3600, maxSubjectLength: 64, maxGrants: 10 } });
  });

  it.each([
    [{ JWT_MAX_LIFETIME_SECONDS: 'forever' }, 'JWT_MAX_LIFETIME_SECONDS must be a positive whole number, got "forever"'],
    [{ JWT_MAX_SUBJECT_LENGTH: '0' }, 'JWT_MAX_SUBJECT_LENGTH must be a positive whole number, got "0"'],
    [{ JWT_MAX_GRANTS: '-1' }, 'JWT_MAX_GRANTS must be a positive whole number, got "-1"'],
  ])('refuses the claim limit %j', (env, message) => {
    expect(() => readAuthnConfig({ ...withSecret, ...env })).toThrow(message);
  });

  it('refuses a claim limit without a key source', () => {
    expect(() => readAuthnConfig({ JWT_MAX_LIFETIME_SECONDS: '3600' })).toThrow('JWT_MAX_LIFETIME_SECONDS is set but no key source is');
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    ['two key sources', () => ({ ...withSecret, JWT_JWKS_URL: 'https://idp.example/jwks' }),
      /^set exactly one of JWT_JWKS_FILE, JWT_JWKS_URL, JWT_HS256_SECRET, got JWT_JWKS_URL and JWT_HS256_SECRET$/],
    ['three key sources', () => ({ ...withJwksFile(), ...withSecret, JWT_JWKS_URL: 'https://idp.example/jwks' }),
      /got JWT_JWKS_FILE and JWT_JWKS_URL and JWT_HS256_SECRET$/],
    ['no issuer', () => ({ JWT_HS256_SECRET: SECRET, JWT_AUDIENCE: AUDIENCE }),
      /^JWT_ISSUER must be set to the issuer \("iss"\) tokens must carry when a key source is set$/],
    ['a blank issuer', () => ({ ...withSecret, JWT_ISSUER: '  ' }), /^JWT_ISSUER must be set/],
    ['no audience', () => ({ JWT_HS256_SECRET: SECRET, JWT_ISSUER: ISSUER }),
      /^JWT_AUDIENCE must be set to the audience \("aud"\) tokens must be addressed to when a key source is set$/],
    ['a setting without a key source', () => ({ JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }),
      /^JWT_ISSUER is set but no key source is; set one of JWT_JWKS_FILE, JWT_JWKS_URL, JWT_HS256_SECRET$/],
    ['algorithms without a key source', () => ({ JWT_ALGORITHMS: 'RS256' }), /^JWT_ALGORITHMS is set but no key source is/],
    ['a short secret', () => ({ ...withSecret, JWT_HS256_SECRET: 's'.repeat(31) }),
      /^JWT_HS256_SECRET must be at least 32 characters, got 31$/],
    ['a plain-http JWKS URL', () => withJwksUrl('http://idp.example/jwks'),
      /^JWT_JWKS_URL must be an https:\/\/ URL \(http:\/\/ only for 127\.0\.0\.1 or localhost\), got "http:\/\/idp\.example\/jwks"$/],
    ['a JWKS URL that is not a URL', () => withJwksUrl('idp.example/jwks'), /^JWT_JWKS_URL must be an https:\/\/ URL/],
    ['a JWKS URL with another scheme', () => withJwksUrl('file:///etc/jwks.json'), /^JWT_JWKS_URL must be an https:\/\/ URL/],
    ['alg none', () => ({ ...withJwksFile(), JWT_ALGORITHMS: 'RS256,none' }),
      /^JWT_ALGORITHMS must not include "none": unsigned tokens are never accepted$/],
    ['alg None with the secret', () => ({ ...withSecret, JWT_ALGORITHMS: 'None' }), /^JWT_ALGORITHMS must not include "none"/],
    ['HS256 with a JWKS', () => ({ ...withJwksFile(), JWT_ALGORITHMS: 'RS256,HS256' }),
      /^JWT_ALGORITHMS must not include "HS256" with a JWKS: HMAC algorithms need a shared secret$/],
    ['an unknown algorithm', () => ({ ...withJwksFile(), JWT_ALGORITHMS: 'RS257' }),
      /^JWT_ALGORITHMS must be a comma-separated list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519, got "RS257"$/],
    ['RS256 with the secret', () => ({ ...withSecret, JWT_ALGORITHMS: 'RS256' }),
      /^JWT_ALGORITHMS may only be HS256 with JWT_HS256_SECRET, got "RS256"$/],
    ['HS512 with the secret', () => ({ ...withSecret, JWT_ALGORITHMS: 'HS256,HS512' }), /may only be HS256 with JWT_HS256_SECRET, got "HS512"$/],
    ['an empty algorithm list', () => ({ ...withSecret, JWT_ALGORITHMS: ' , ' }), /^JWT_ALGORITHMS must list at least one algorithm, got " , "$/],
    ['a tolerance over 300', () => ({ ...withSecret, JWT_CLOCK_TOLERANCE_SECONDS: '301' }),
      /^JWT_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300, got "301"$/],
    ['a negative tolerance', () => ({ ...withSecret, JWT_CLOCK_TOLERANCE_SECONDS: '-1' }), /^JWT_CLOCK_TOLERANCE_SECONDS must be/],
    ['a fractional tolerance', () => ({ ...withSecret, JWT_CLOCK_TOLERANCE_SECONDS: '1.5' }), /^JWT_CLOCK_TOLERANCE_SECONDS must be/],
    ['a zero size limit', () => ({ ...withSecret, JWT_MAX_TOKEN_BYTES: '0' }), /^JWT_MAX_TOKEN_BYTES must be a positive whole number, got "0"$/],
    ['a missing JWKS file', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.missing! }), /^JWT_JWKS_FILE ".*missing\.json" cannot be read: ENOENT/],
    ['a JWKS file that is not JSON', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.notJson! }),
      /^JWT_JWKS_FILE ".*not-json\.json" is not valid JSON: /],
    ['a JWKS file without keys', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.noKeys! }),
      /^JWT_JWKS_FILE ".*no-keys\.json" must be a JSON Web Key Set: an object with a non-empty "keys" array$/],
    ['a JWKS file with no keys', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.emptyKeys! }), /empty-keys\.json" must be a JSON Web Key Set/],
    ['a JWKS file with a private key', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.private! }),
      /^JWT_JWKS_FILE ".*private\.json" key 1 \(kid "k1"\) holds private key material \("d"\); publish the public key only$/],
    ['a JWKS file with a symmetric key', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.oct! }),
      /oct\.json" key 0 is a symmetric \("oct"\) key; a JWKS may hold public keys only$/],
    ['a JWKS file with an unknown key type', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.kty! }),
      /kty\.json" key 0 has unsupported "kty" "XYZ"; expected RSA, EC or OKP$/],
    ['a JWKS file with a broken key', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.badKey! }),
      /bad-key\.json" key 0 \(kid "broken"\) is not a valid public key: /],
    ['a JWKS file with a key that is not an object', () => ({ ...withJwksFile(), JWT_JWKS_FILE: files.notObject! }),
      /not-object\.json" key 0 must be a JSON object$/],
  ])('refuses %s', (_, env, message) => {
    expect(() => readAuthnConfig(env())).toThrow(ConfigError);
    expect(() => readAuthnConfig(env())).toThrow(message);
  });
});
