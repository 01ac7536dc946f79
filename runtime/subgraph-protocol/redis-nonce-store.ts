import { DEFAULT_KEY_PREFIX } from '../governance/grant-keys.js';
import { openRedisConnection, withTimeout, type RedisClient, type RedisConnection } from '../redis-connection.js';
import { checkNonceNamespace, NonceStoreUnavailableError, type NonceStore } from './nonce-store.js';

export interface RedisNonceStoreOptions {
  /** In front of every key (REDIS_KEY_PREFIX, default DEFAULT_KEY_PREFIX). */
  prefix?: string;
  /** Whose nonces: one namespace per subgraph, shared by its replicas (checkNonceNamespace). */
  namespace: string;
  /** Each Redis call fails after this long instead of waiting on a Redis that does not answer. */
  timeoutMs?: number;
  /**
   * Kept this much longer than the window the claiming replica computed: replicas whose clocks
   * disagree by up to this much still see the nonce while they would accept its timestamp.
   */
  clockSkewMs?: number;
  /** close() also closes the client (a store made by RedisNonceStore.connect). */
  ownsClient?: boolean;
}

/**
 * The replay memory shared by every replica of one subgraph (nonce-store.ts): one key per nonce,
 * `<prefix>nonce:<namespace>:<nonce>`, written with SET NX PX so that of two replicas claiming the
 * same nonce at once exactly one succeeds, and expiring by itself once no replica would accept the
 * request's timestamp any more.
 */
export class RedisNonceStore implements NonceStore {
  readonly shared = true;
  readonly #client: RedisClient;
  readonly #keyPrefix: string;
  readonly #timeoutMs: number;
  readonly #clockSkewMs: number;
  readonly #ownsClient: boolean;
  #connection: RedisConnection | null = null;

  constructor(client: RedisClient, options: RedisNonceStoreOptions) {
    this.#client = client;
    this.#keyPrefix = `${options.prefix ?? DEFAULT_KEY_PREFIX}nonce:${checkNonceNamespace(options.namespace)}:`;
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#clockSkewMs = options.clockSkewMs ?? 30_000;
    this.#ownsClient = options.ownsClient ?? false;
  }

  /** A store with its own connection, made at once and kept trying in the background (runtime/redis-connection.ts). */
  static connect(url: string, options: Omit<RedisNonceStoreOptions, 'ownsClient'>): RedisNonceStore {
    const connection = openRedisConnection(url, { timeoutMs: options.timeoutMs ?? 1000 });
    const store = new RedisNonceStore(connection.client, { ...options, ownsClient: true });
    store.#connection = connection;
    return store;
  }

  /** The key of one nonce, for tests and operators reading Redis. */
  keyOf(nonce: string): string {
    return this.#keyPrefix + nonce;
  }

  async claim(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    const ttlMs = Math.max(1, expiresAt - now) + this.#clockSkewMs;
    let answer: string | null;
    try {
      // Commands are not queued while the connection is down (runtime/redis-connection.ts): one
      // still being made, as just after start-up, is waited for within the timeout instead.
      if (!this.#client.isReady && this.#connection) await this.#connection.ping();
      answer = await withTimeout(this.#client.set(this.keyOf(nonce), '1', { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }), this.#timeoutMs);
    } catch (error) {
      throw new NonceStoreUnavailableError(`the replay memory in Redis cannot be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return answer === 'OK';
  }

  async ping(): Promise<boolean> {
    if (this.#connection) return this.#connection.ping();
    try {
      return (await withTimeout(this.#client.ping(), this.#timeoutMs)) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.isOpen) this.#client.destroy();
  }
}
