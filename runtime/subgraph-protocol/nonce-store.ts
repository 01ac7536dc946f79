// The replay memory of signed subgraph requests (request-signing.ts): a signed request's nonce is
// claimed once, and a second claim inside its window is a replay. Replicas of one subgraph must
// share it, or a request accepted by one replica could be replayed to the next (issue 12, item 5,
// "Replicas"): in Redis with REDIS_URL (redis-nonce-store.ts), else in this process's memory
// (in-memory-nonce-store.ts).

export interface NonceStore {
  /** True when replicas share it (Redis); false for this process's memory. */
  readonly shared: boolean;
  /**
   * Claims `nonce` until `expiresAt` (ms since the epoch, by the caller's clock `now`): true when
   * it was not claimed before, false when it was (a replay) or cannot be remembered. Rejects with
   * NonceStoreUnavailableError when the store cannot answer: the caller must then refuse the request.
   */
  claim(nonce: string, expiresAt: number, now: number): Promise<boolean>;
  /** True when the store answers now (for /ready). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class NonceStoreUnavailableError extends Error {
  override readonly name = 'NonceStoreUnavailableError';
}

// Printable, no spaces or colons: the namespace sits between the prefix and the nonce in a key.
const SERVICE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/**
 * The namespace of one subgraph's nonces, shared by its replicas and by no other subgraph, so that
 * two subgraphs never refuse each other's requests as replays: `partner-<id>`, `catalog-index`,
 * `governance`.
 */
export function checkNonceNamespace(service: string): string {
  if (!SERVICE_PATTERN.test(service)) {
    throw new Error(`a nonce namespace must be lower-case letters, digits, ".", "_" or "-" (at most 100), got "${service}"`);
  }
  return service;
}
