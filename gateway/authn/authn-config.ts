import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { ConfigError, readPositiveInt } from '../../runtime/env.js';
import { CLAIM_LIMIT_DEFAULTS, type ClaimLimits } from './claim-limits.js';

// How the gateway verifies bearer tokens (ARCHITECTURE.md, "Identity and organisation claims"). Every setting is checked here, once, so
// that a gateway with a half-configured identity provider never starts.

type Env = Record<string, string | undefined>;

export type KeySource =
  | { kind: 'jwks-file'; path: string; jwks: JSONWebKeySet }
  | { kind: 'jwks-url'; url: URL }
  /** The local demo only: whoever holds the secret can mint any identity. */
  | { kind: 'hs256-secret'; secret: string };

export type AuthnConfig =
  /** No key source: requests without a token are anonymous, requests with one are refused. */
  | { configured: false }
  | {
      configured: true;
      issuer: string;
      audience: string;
      keys: KeySource;
      algorithms: readonly string[];
      clockToleranceSeconds: number;
      maxTokenBytes: number;
      /** What an accepted token may carry (gateway/authn/claim-limits.ts); absent: CLAIM_LIMIT_DEFAULTS. */
      claimLimits?: ClaimLimits;
    };

const KEY_SOURCE_VARIABLES = ['JWT_JWKS_FILE', 'JWT_JWKS_URL', 'JWT_HS256_SECRET'] as const;
const SETTING_VARIABLES = [
  'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_ALGORITHMS', 'JWT_CLOCK_TOLERANCE_SECONDS', 'JWT_MAX_TOKEN_BYTES',
  'JWT_MAX_LIFETIME_SECONDS', 'JWT_MAX_SUBJECT_LENGTH', 'JWT_MAX_GRANTS',
] as const;

const ASYMMETRIC_ALGORITHMS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519',
] as const;
const DEFAULT_JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const SECRET_ALGORITHM = 'HS256';
const MIN_SECRET_LENGTH = 32;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_MAX_TOKEN_BYTES = 8192;

export function readAuthnConfig(env: Env): AuthnConfig {
  const sources = KEY_SOURCE_VARIABLES.filter((name) => Boolean(env[name]));
  if (sources.length === 0) return notConfigured(env);
  if (sources.length > 1) {
    throw new ConfigError(`set exactly one of ${KEY_SOURCE_VARIABLES.join(', ')}, got ${sources.join(' and ')}`);
  }
  const keys = readKeySource(env, sources[0]!);
  return {
    configured: true,
    issuer: readRequired(env, 'JWT_ISSUER', 'the issuer ("iss") tokens must carry'),
    audience: readRequired(env, 'JWT_AUDIENCE', 'the audience ("aud") tokens must be addressed to'),
    keys,
    algorithms: readAlgorithms(env, keys.kind),
    clockToleranceSeconds: readClockTolerance(env),
    maxTokenBytes: readPositiveInt(env, 'JWT_MAX_TOKEN_BYTES', DEFAULT_MAX_TOKEN_BYTES),
    claimLimits: {
      maxLifetimeSeconds: readPositiveInt(env, 'JWT_MAX_LIFETIME_SECONDS', CLAIM_LIMIT_DEFAULTS.maxLifetimeSeconds),
      maxSubjectLength: readPositiveInt(env, 'JWT_MAX_SUBJECT_LENGTH', CLAIM_LIMIT_DEFAULTS.maxSubjectLength),
      maxGrants: readPositiveInt(env, 'JWT_MAX_GRANTS', CLAIM_LIMIT_DEFAULTS.maxGrants),
    },
  };
}

/** A JWT setting without a key source is a typo or a forgotten variable, not a wish to run without authentication. */
function notConfigured(env: Env): AuthnConfig {
  const stray = SETTING_VARIABLES.find((name) => Boolean(env[name]));
  if (stray) {
    throw new ConfigError(`${stray} is set but no key source is; set one of ${KEY_SOURCE_VARIABLES.join(', ')}`);
  }
  return { configured: false };
}

function readRequired(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} must be set to ${what} when a key source is set`);
  return value;
}

function readKeySource(env: Env, name: (typeof KEY_SOURCE_VARIABLES)[number]): KeySource {
  const raw = env[name]!;
  switch (name) {
    case 'JWT_JWKS_FILE':
      return { kind: 'jwks-file', path: raw, jwks: readJwksFile(raw) };
    case 'JWT_JWKS_URL':
      return { kind: 'jwks-url', url: readJwksUrl(raw) };
    case 'JWT_HS256_SECRET':
      return { kind: 'hs256-secret', secret: readSecret(raw) };
  }
}

/** Plain http would let anyone on the path substitute the keys; only loopback is exempt, for local tests. */
function readJwksUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  const loopback = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost';
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new ConfigError(`JWT_JWKS_URL must be an https:// URL (http:// only for 127.0.0.1 or localhost), got "${raw}"`);
  }
  return url;
}

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
function readSecret(raw: string): string {
  if (raw.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`JWT_HS256_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${raw.length}`);
  }
  return raw;
}

function readAlgorithms(env: Env, kind: KeySource['kind']): string[] {
  const raw = env.JWT_ALGORITHMS;
  if (raw === undefined || raw === '') return kind === 'hs256-secret' ? [SECRET_ALGORITHM] : DEFAULT_JWKS_ALGORITHMS;
  const algorithms = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (algorithms.length === 0) throw new ConfigError(`JWT_ALGORITHMS must list at least one algorithm, got "${raw}"`);
  for (const alg of algorithms) checkAlgorithm(alg, kind);
  return algorithms;
}

/**
 * RFC 8725 §3.1: the verifier, not the token, decides the algorithm. "none" would accept unsigned
 * tokens; an HMAC algorithm next to public keys invites signing with the public key as the secret;
 * and the shared secret is only ever meant for HS256.
 */
function checkAlgorithm(alg: string, kind: KeySource['kind']): void {
  if (alg.toLowerCase() === 'none') {
    throw new ConfigError('JWT_ALGORITHMS must not include "none": unsigned tokens are never accepted');
  }
  if (kind === 'hs256-secret') {
    if (alg !== SECRET_ALGORITHM) {
      throw new ConfigError(`JWT_ALGORITHMS may only be ${SECRET_ALGORITHM} with JWT_HS256_SECRET, got "${alg}"`);
    }
    return;
  }
  if (/^HS\d+$/i.test(alg)) {
    throw new ConfigError(`JWT_ALGORITHMS must not include "${alg}" with a JWKS: HMAC algorithms need a shared secret`);
  }
  if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new ConfigError(`JWT_ALGORITHMS must be a comma-separated list of ${ASYMMETRIC_ALGORITHMS.join(', ')}, got "${alg}"`);
  }
}

function readClockTolerance(env: Env): number {
  const name = 'JWT_CLOCK_TOLERANCE_SECONDS';
  const raw = env[name];
  if (raw === undefined || raw === '') return DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new ConfigError(`${name} must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, got "${raw}"`);
  }
  return value;
}

/** Read at start-up so that a missing or broken key file stops the gateway instead of failing every request. */
function readJwksFile(path: string): JSONWebKeySet {
  function fail(problem: string): never {
    throw new ConfigError(`JWT_JWKS_FILE "${path}" ${problem}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`${error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'}: ${(error as Error).message}`);
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) fail('must be a JSON Web Key Set: an object with a non-empty "keys" array');
  keys.forEach((key: unknown, index) => {
    const problem = publicKeyProblem(key);
    if (problem) fail(`key ${index}${kidLabel(key)} ${problem}`);
  });
  try {
    createLocalJWKSet(json as JSONWebKeySet);
  } catch (error) {
    fail(`is not a usable JSON Web Key Set: ${(error as Error).message}`);
  }
  return json as JSONWebKeySet;
}

/** A JWKS for verification holds public keys only; a private or symmetric key there is a leak waiting to happen. */
function publicKeyProblem(key: unknown): string | null {
  if (typeof key !== 'object' || key === null) return 'must be a JSON object';
  const jwk = key as Record<string, unknown>;
  if (jwk.kty === 'oct') return 'is a symmetric ("oct") key; a JWKS may hold public keys only';
  if (!['RSA', 'EC', 'OKP'].includes(String(jwk.kty))) return `has unsupported "kty" ${JSON.stringify(jwk.kty)}; expected RSA, EC or OKP`;
  if ('d' in jwk) return 'holds private key material ("d"); publish the public key only';
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    return `is not a valid public key: ${(error as Error).message}`;
  }
  return null;
}

function kidLabel(key: unknown): string {
  const kid = (key as { kid?: unknown } | null)?.kid;
  return typeof kid === 'string' ? ` (kid "${kid}")` : '';
}
