import type { NonceStore } from './nonce-store.js';

/**
 * Nonces seen by this process inside their window, forgotten once it has passed: the replay memory
 * of a subgraph without REDIS_URL, which its replicas (if any) do not share.
 */
export class InMemoryNonceStore implements NonceStore {
  readonly shared = false;
  readonly #expiries = new Map<string, number>();

  /** @param max nonces remembered at most; older ones fall out of the window anyway. */
  constructor(private readonly max = 200_000) {}

  async claim(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    const known = this.#expiries.get(nonce);
    if (known !== undefined && known >= now) return false;
    if (this.#expiries.size >= this.max) this.#forgetExpired(now);
    // Still full of live nonces: refusing is safer than forgetting one that could be replayed.
    if (this.#expiries.size >= this.max) return false;
    this.#expiries.set(nonce, expiresAt);
    return true;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#expiries.clear();
  }

  #forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.#expiries) if (expiresAt < now) this.#expiries.delete(nonce);
  }
}
