import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PRINCIPAL_HEADER } from './forwarded-principal.js';

// Subgraphs answer only the gateway (and the index's harvester): every request carries an
// HMAC-SHA256 over a timestamp, a nonce and the exact body bytes. A request outside the time
// window, or one whose nonce was already seen inside it, is a replay and is refused. Without this,
// anyone who can reach a partner could call `_entities` or `_service` around the gateway's policies.

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

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface RequestVerifierOptions {
  secret: string;
  /** How far a request's timestamp may be from this server's clock, either way. */
  windowMs?: number;
  now?: () => number;
  /** Nonces remembered at most; older ones fall out of the window anyway. */
  maxRememberedNonces?: number;
}

export interface RequestVerifier {
  verify(body: Buffer | undefined, headers: Record<string, string | string[] | undefined>): SignatureCheck;
}

export function createRequestVerifier(options: RequestVerifierOptions): RequestVerifier {
  const windowMs = options.windowMs ?? 30_000;
  const now = options.now ?? Date.now;
  const seen = new NonceMemory(options.maxRememberedNonces ?? 200_000);
  return {
    verify(body, headers) {
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
      if (!seen.remember(nonce, sentAt + windowMs, current)) return { ok: false, reason: 'request was replayed' };
      return { ok: true };
    },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** Nonces seen inside the window, forgotten once their window has passed. */
class NonceMemory {
  readonly #expiries = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** False when the nonce was already seen. */
  remember(nonce: string, expiresAt: number, now: number): boolean {
    if (this.#expiries.has(nonce)) return false;
    if (this.#expiries.size >= this.max) this.#forgetExpired(now);
    // Still full of live nonces: refusing is safer than forgetting one that could be replayed.
    if (this.#expiries.size >= this.max) return false;
    this.#expiries.set(nonce, expiresAt);
    return true;
  }

  #forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.#expiries) if (expiresAt < now) this.#expiries.delete(nonce);
  }
}
