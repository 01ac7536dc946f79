import { LRUCache } from 'lru-cache';
import { withTimeout } from '../../runtime/redis-connection.js';
import type { RedisClient } from '../stores/redis-connection.js';
import { isIntact, type OperationType, type PersistedQueryRegistry, type RegisteredOperation } from './persisted-query-registry.js';

// The registry in Redis, shared by every gateway replica: one hash, `<REDIS_KEY_PREFIX>persisted-queries`,
// field = the operation's SHA-256, value = JSON { name, type, body }. Registered operations never
// change under their hash (the hash is of the text), so a replica keeps what it found in a bounded
// cache for a while and asks Redis only for hashes it has not met; a hash not found is asked again
// each time, so an operation registered meanwhile is served at once.

export const REGISTRY_KEY = 'persisted-queries';
const DEFAULT_TIMEOUT_MS = 500;

export interface RedisRegistryOptions {
  /** REDIS_KEY_PREFIX: the registry is `<prefix>persisted-queries`. */
  prefix: string;
  timeoutMs?: number;
  /** Closes a connection opened for the registry alone (the command line). */
  onClose?: () => Promise<void>;
}

export class RedisPersistedQueryRegistry implements PersistedQueryRegistry {
  readonly kind = 'redis';
  readonly location: string;
  readonly #client: RedisClient;
  readonly #timeoutMs: number;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #found = new LRUCache<string, RegisteredOperation>({ max: 1_000, ttl: 300_000 });

  constructor(client: RedisClient, options: RedisRegistryOptions) {
    this.#client = client;
    this.location = `${options.prefix}${REGISTRY_KEY}`;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onClose = options.onClose;
  }

  async get(id: string): Promise<RegisteredOperation | undefined> {
    const cached = this.#found.get(id);
    if (cached) return cached;
    const value = await withTimeout(this.#client.hGet(this.location, id), this.#timeoutMs);
    if (value === null || value === undefined) return undefined;
    const operation = readValue(id, value);
    // Fails closed: a value whose text does not hash to its field was not written by `npm run persist`.
    if (!operation || !isIntact(operation)) return undefined;
    this.#found.set(id, operation);
    return operation;
  }

  async register(operations: readonly RegisteredOperation[]): Promise<void> {
    if (operations.length === 0) return;
    // One MULTI: every operation or none, and an id registered already keeps its value (HSETNX).
    const transaction = this.#client.multi();
    for (const { id, name, type, body } of operations) transaction.hSetNX(this.location, id, JSON.stringify({ name, type, body }));
    await withTimeout(transaction.exec(), this.#timeoutMs * 4);
  }

  async close(): Promise<void> {
    await this.#onClose?.();
  }
}

function readValue(id: string, value: string): RegisteredOperation | undefined {
  try {
    const { name, type, body } = JSON.parse(value) as { name?: unknown; type?: unknown; body?: unknown };
    if (typeof name !== 'string' || typeof type !== 'string' || typeof body !== 'string') return undefined;
    return { id, name, type: type as OperationType, body };
  } catch {
    return undefined;
  }
}
