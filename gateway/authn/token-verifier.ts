import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import {
  createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify,
  type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions,
} from 'jose';
import { ANONYMOUS, type Principal } from '../../schema/policy/principal.js';
import { ErrorCode } from '../../schema/error-codes.js';
import type { AuthnConfig, KeySource } from './authn-config.js';
import { principalFromClaims } from '../../schema/identity-claims.js';
import { CLAIM_LIMIT_DEFAULTS, claimLimitProblem } from './claim-limits.js';

// Bearer token → Principal (ARCHITECTURE.md, "Identity and organisation claims"). No Authorization header is an anonymous request; a
// header that cannot be fully verified is refused, never downgraded to anonymous, so a client with a
// broken token finds out instead of silently seeing less.

/**
 * Every reason verify can give, apart from `claim "<name>": ...` for a malformed claim. They go to the
 * client, so they say what is wrong with the token and nothing about it (no token text, no key ids).
 */
export const AUTHN_REASONS = {
  notConfigured: 'authentication is not configured on this gateway',
  notBearer: 'the Authorization header must be "Bearer <token>"',
  tooLarge: 'token is too large',
  malformed: 'token is malformed',
  unsigned: 'unsigned tokens (alg "none") are not accepted',
  algorithmNotAllowed: 'token algorithm is not allowed',
  badSignature: 'token signature is invalid',
  unknownKey: 'token signing key is unknown',
  keysUnavailable: 'token signing keys are unavailable, try again later',
  expired: 'token has expired',
  notYetValid: 'token is not yet valid',
  wrongIssuer: 'token issuer is not accepted',
  wrongAudience: 'token audience is not accepted',
  missingExpiry: 'token must have an expiry ("exp")',
} as const;

/** A refused Authorization header, ready to be thrown from the gateway's context as UNAUTHENTICATED with HTTP 401. */
export class AuthenticationError extends GraphQLError {
  override name = 'AuthenticationError';
  readonly reason: string;

  constructor(reason: string, cause?: unknown) {
    super(`Authentication failed: ${reason}`, {
      // Apollo Server reads http.status and http.headers (a Map) from an error thrown by the context
      // function; other packages declare that extension differently, hence the cast.
      extensions: { code: ErrorCode.Unauthenticated, reason, http: httpOf(reason) } as unknown as GraphQLErrorExtensions,
      ...(cause instanceof Error ? { originalError: cause } : {}),
    });
    this.reason = reason;
  }
}

/**
 * HTTP 401 for a token the gateway refuses; 503 with Retry-After when it could not fetch its own
 * signing keys (RFC 9110 §15.6.4): the token may be good, so a client must not drop it.
 */
function httpOf(reason: string): { status: number; headers: Map<string, string> } {
  if (reason === AUTHN_REASONS.keysUnavailable) return { status: 503, headers: new Map([['retry-after', '5']]) };
  return { status: 401, headers: challenge(reason) };
}

/** RFC 6750 §3: a request without a bearer token gets a bare challenge, a bad token "invalid_token". */
function challenge(reason: string): Map<string, string> {
  const noToken = reason === AUTHN_REASONS.notBearer;
  return new Map([['www-authenticate', noToken ? 'Bearer' : 'Bearer error="invalid_token"']]);
}

export interface TokenVerifier {
  verify(authorizationHeader: string | undefined): Promise<Principal>;
}

export interface TokenVerifierClock {
  /** Milliseconds since the epoch: what exp and nbf are checked against and what the cache expires by. */
  now: () => number;
}

export function createTokenVerifier(config: AuthnConfig, clock: TokenVerifierClock = { now: Date.now }): TokenVerifier {
  if (!config.configured) return unconfiguredVerifier();
  const key = verificationKey(config.keys);
  // RFC 8725 §3.8, §3.9: a token from another issuer, or minted for another service, is not ours to honour.
  const options: JWTVerifyOptions = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: [...config.algorithms],
    clockTolerance: config.clockToleranceSeconds,
    // RFC 7519 makes "exp" optional; a token that never expires cannot be withdrawn, so it is refused.
    requiredClaims: ['exp'],
  };
  const claimLimits = config.claimLimits ?? CLAIM_LIMIT_DEFAULTS;
  const verified = new VerifiedTokens(clock.now);
  return {
    async verify(header) {
      if (header === undefined) return ANONYMOUS;
      const token = bearerToken(header, config.maxTokenBytes);
      const known = verified.get(token);
      if (known) return known;
      rejectUnsigned(token);
      // One clock for the cache and for exp/nbf, so the cache can never outlive what verification accepts.
      const payload = await verifyJwt(token, key, { ...options, currentDate: new Date(clock.now()) }).catch((error: unknown) => {
        throw toAuthenticationError(error);
      });
      const result = principalFromClaims(payload);
      if (!result.ok) throw new AuthenticationError(result.reason);
      const overLimit = claimLimitProblem(payload, result.principal, claimLimits, Math.floor(clock.now() / 1000), config.clockToleranceSeconds);
      if (overLimit) throw new AuthenticationError(overLimit);
      verified.set(token, result.principal, typeof payload.exp === 'number' ? payload.exp * 1000 : clock.now());
      return result.principal;
    },
  };
}

/**
 * A client sends the same token with every request; verifying its signature each time was a
 * tenth of the gateway's CPU on a page of public fields. The exact token string maps to the
 * principal it proved, for at most a minute and never past its expiry (without the clock
 * tolerance), so a token is never honoured longer than a fresh verification would honour it.
 */
class VerifiedTokens {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  static readonly MAX_ENTRIES = 10_000;
  static readonly MAX_AGE_MS = 60_000;

  constructor(private readonly now: () => number) {}

  get(token: string): Principal | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.#entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAt: number): void {
    if (this.#entries.size >= VerifiedTokens.MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(token, { principal, until: Math.min(expiresAt, this.now() + VerifiedTokens.MAX_AGE_MS) });
  }
}

/** Without keys no token can be checked; accepting one as anonymous would hide the misconfiguration from its holder. */
function unconfiguredVerifier(): TokenVerifier {
  return {
    async verify(header) {
      if (header === undefined) return ANONYMOUS;
      throw new AuthenticationError(AUTHN_REASONS.notConfigured);
    },
  };
}

/** The scheme name is case-insensitive (RFC 7235 §2.1); the token itself is a compact JWS (RFC 7515 §7.1). */
const BEARER = /^Bearer +([^ ]+)$/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The size limit comes before any decoding, so an oversized token costs no base64, JSON or signature work. */
function bearerToken(header: string, maxTokenBytes: number): string {
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw new AuthenticationError(AUTHN_REASONS.notBearer);
  if (Buffer.byteLength(token, 'utf8') > maxTokenBytes) throw new AuthenticationError(AUTHN_REASONS.tooLarge);
  if (!COMPACT_JWS.test(token)) throw new AuthenticationError(AUTHN_REASONS.malformed);
  return token;
}

/**
 * RFC 8725 §2.1, §3.1: "none" must never be accepted. The pinned algorithm list already refuses it;
 * naming it separately tells a client that built an unsigned token what it did wrong.
 */
function rejectUnsigned(token: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new AuthenticationError(AUTHN_REASONS.malformed);
  }
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') throw new AuthenticationError(AUTHN_REASONS.unsigned);
}

type VerificationKey = Uint8Array | JWTVerifyGetKey;

function verificationKey(keys: KeySource): VerificationKey {
  switch (keys.kind) {
    case 'hs256-secret':
      return new TextEncoder().encode(keys.secret);
    case 'jwks-file':
      return createLocalJWKSet(keys.jwks);
    case 'jwks-url':
      return remoteKeys(keys.url);
  }
}

const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** A burst of tokens with made-up key ids must not become a burst of requests to the identity provider. */
const JWKS_REFETCH_COOLDOWN_MS = 30_000;
/** Keys are rotated by publishing the new one first; ten minutes bounds how long a withdrawn key stays trusted. */
const JWKS_CACHE_MAX_AGE_MS = 600_000;

/** An unreachable key endpoint is the gateway's problem, not the token's: it gets its own reason. */
function remoteKeys(url: URL): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(url, {
    timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
    cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
    cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
  });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new AuthenticationError(AUTHN_REASONS.keysUnavailable, error);
    }
  };
}

async function verifyJwt(token: string, key: VerificationKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, key, options)).payload;
  } catch (error) {
    if (error instanceof errors.JWKSMultipleMatchingKeys) return verifyWithEach(token, error, options);
    throw error;
  }
}

/** A token without "kid" may match several keys of the set (RFC 7515 §4.1.4 makes kid optional); any one may have signed it. */
async function verifyWithEach(token: string, candidates: errors.JWKSMultipleMatchingKeys, options: JWTVerifyOptions): Promise<JWTPayload> {
  for await (const candidate of candidates) {
    try {
      return (await jwtVerify(token, candidate, options)).payload;
    } catch (error) {
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
    }
  }
  throw new errors.JWSSignatureVerificationFailed();
}

/** Anything unexpected is rethrown as is: an internal error, not the client's fault, still refuses the request. */
function toAuthenticationError(error: unknown): unknown {
  if (error instanceof AuthenticationError) return error;
  const reason = reasonFor(error);
  return reason === null ? error : new AuthenticationError(reason, error);
}

function reasonFor(error: unknown): string | null {
  if (error instanceof errors.JWTExpired) return AUTHN_REASONS.expired;
  if (error instanceof errors.JWTClaimValidationFailed) return registeredClaimReason(error);
  // RFC 8725 §3.1: the algorithm is the verifier's choice. This is also where an HS256 token "signed"
  // with the public key of the JWKS ends up.
  if (error instanceof errors.JOSEAlgNotAllowed) return AUTHN_REASONS.algorithmNotAllowed;
  if (error instanceof errors.JWSSignatureVerificationFailed) return AUTHN_REASONS.badSignature;
  if (error instanceof errors.JWKSNoMatchingKey) return AUTHN_REASONS.unknownKey;
  // JOSENotSupported: a "crit" header naming an extension we do not implement (RFC 7515 §4.1.11).
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return AUTHN_REASONS.malformed;
  }
  return null;
}

function registeredClaimReason(error: errors.JWTClaimValidationFailed): string {
  if (error.claim === 'iss') return AUTHN_REASONS.wrongIssuer;
  if (error.claim === 'aud') return AUTHN_REASONS.wrongAudience;
  if (error.reason === 'invalid') return `claim "${error.claim}": expected a NumericDate (seconds since the epoch)`;
  if (error.claim === 'exp') return AUTHN_REASONS.missingExpiry;
  if (error.claim === 'nbf') return AUTHN_REASONS.notYetValid;
  return AUTHN_REASONS.malformed;
}
