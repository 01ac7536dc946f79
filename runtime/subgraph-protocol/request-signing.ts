import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PRINCIPAL_HEADER } from './forwarded-principal.js';
import { InMemoryNonceStore } from './in-memory-nonce-store.js';
import type { NonceStore } from './nonce-store.js';

// Subgraphs answer only the gateway (and the index's harvester): every request carries an
// HMAC-SHA256 over a timestamp, a nonce and the exact body bytes. A request outside the time
// window, or one whose nonce was already seen inside it, is a replay and is refused. Without this,
// anyone who can reach a partner could call `_entities` or `_service` around the gateway's policies.
// The nonces seen live in a NonceStore (nonce-store.ts), in Redis when replicas must share them.

export const SIGNATURE_HEADER = 'x-concord-signature';
export const TIMESTAMP_HEADER = 'x-concord-timestamp';
export const NONCE_HEADER = 'x-concord-nonce';

export const MIN_SECRET_LENGTH = 32;

export interface SignatureHeaders {
  [SIGNATURE_HEADER]: string;
  [TIMESTAMP_HEADER]: string;
  [NONCE_HEADER]: string;
}

// The forwarded principal header is signed with the body: a client cannot add or change it.
function mac(secret: string, timestamp: string, nonce: string, principal: string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${nonce}.${principal}.`).update(body).digest();
}

export function signRequestBody(secret: string, body: string | Buffer, now = Date.now(), principalHeader = ''): SignatureHeaders {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [SIGNATURE_HEADER]: mac(secret, timestamp, nonce, principalHeader, body).toString('base64url'),
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
  };
}

/**
 * A refusal with `unavailable` is not the caller's fault: the replay memory could not be asked, so
 * the request is refused rather than served unchecked (fail closed), and may be sent again (HTTP 503).
 */
export type SignatureCheck = { ok: true } | { ok: false; reason: string; unavailable?: true };

export interface RequestVerifierOptions {
  secret: string;
  /** How far a request's timestamp may be from this server's clock, either way. */
  windowMs?: number;
  now?: () => number;
  /** The replay memory; by default this process's own (InMemoryNonceStore). */
  nonces?: NonceStore;
  /** Nonces remembered at most by the default in-memory replay memory. */
  maxRememberedNonces?: number;
}

export interface RequestVerifier {
  /** Never rejects: a replay memory that cannot answer gives a refusal marked `unavailable`. */
  verify(body: Buffer | undefined, headers: Record<string, string | string[] | undefined>): Promise<SignatureCheck>;
}

export function createRequestVerifier(options: RequestVerifierOptions): RequestVerifier {
  const windowMs = options.windowMs ?? 30_000;
  const now = options.now ?? Date.now;
  const nonces = options.nonces ?? new InMemoryNonceStore(options.maxRememberedNonces);
  return {
    async verify(body, headers) {
      const signature = single(headers[SIGNATURE_HEADER]);
      const timestamp = single(headers[TIMESTAMP_HEADER]);
      const nonce = single(headers[NONCE_HEADER]);
      if (!signature || !timestamp || !nonce) return { ok: false, reason: 'request is not signed' };
      if (body === undefined) return { ok: false, reason: 'request has no JSON body to verify' };
      const sentAt = Number(timestamp);
      const current = now();
      if (!Number.isInteger(sentAt) || Math.abs(current - sentAt) > windowMs) {
        return { ok: false, reason: 'signature timestamp outside the accepted window' };
      }
      const principal = headers[PRINCIPAL_HEADER];
      if (Array.isArray(principal)) return { ok: false, reason: 'request carries more than one principal' };
      const expected = mac(options.secret, timestamp, nonce, principal ?? '', body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, reason: 'signature does not match' };
      }
      // Only a valid signature marks a nonce as used, so forged requests cannot burn real nonces.
      return claimOnce(nonces, nonce, sentAt + windowMs, current);
    },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

async function claimOnce(nonces: NonceStore, nonce: string, expiresAt: number, now: number): Promise<SignatureCheck> {
  try {
    return (await nonces.claim(nonce, expiresAt, now)) ? { ok: true } : { ok: false, reason: 'request was replayed' };
  } catch {
    // Fail closed: a request whose nonce cannot be claimed could be a replay. Where the store is and
    // why it failed stay out of the answer; the refusal is logged where it is answered.
    return { ok: false, reason: 'the replay check cannot be made: its store (Redis) does not answer', unavailable: true };
  }
}
