import { createHash } from 'node:crypto';

// The registry of persisted operations (issue 12, item 4; ARCHITECTURE.md "Stores"): what `npm run
// persist` writes and what the gateway reads in safelist mode, and in APQ mode when a hash is not in
// the APQ cache. An operation is registered under the SHA-256 of its exact text, as APQ computes it,
// so a registered operation can be sent by hash alone. Implementations: in memory, a manifest file
// (manifest-registry.ts) and Redis (redis-registry.ts).

export type OperationType = 'query' | 'mutation' | 'subscription';

/** One registered operation, in the fields of Apollo's persisted query manifest. */
export interface RegisteredOperation {
  /** The SHA-256 of `body`, lower-case hex. */
  id: string;
  name: string;
  type: OperationType;
  /** The exact text a client sends in full; its hash is `id`. */
  body: string;
}

export interface PersistedQueryRegistry {
  readonly kind: 'memory' | 'manifest' | 'redis';
  /** Where it is, for messages (a file, or a Redis key); never a password. */
  readonly location: string;
  /** The operation registered under this hash, or undefined; rejects when the registry cannot be read. */
  get(id: string): Promise<RegisteredOperation | undefined>;
  /** Adds operations, all or none; an id registered already is kept (its text is the same by construction). */
  register(operations: readonly RegisteredOperation[]): Promise<void>;
  close(): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

/** The SHA-256 of the exact text, hex: what Apollo Server computes for `persistedQuery.sha256Hash`. */
export function operationHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isOperationHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

/** True when the operation's text still hashes to its id: anything read from a file or Redis is checked before it runs. */
export function isIntact(operation: RegisteredOperation): boolean {
  return operationHash(operation.body) === operation.id;
}

export class InMemoryPersistedQueryRegistry implements PersistedQueryRegistry {
  readonly kind = 'memory';
  readonly location = 'memory';
  readonly #operations = new Map<string, RegisteredOperation>();

  constructor(operations: readonly RegisteredOperation[] = []) {
    for (const operation of operations) this.#operations.set(operation.id, operation);
  }

  async get(id: string): Promise<RegisteredOperation | undefined> {
    return this.#operations.get(id);
  }

  async register(operations: readonly RegisteredOperation[]): Promise<void> {
    for (const operation of operations) if (!this.#operations.has(operation.id)) this.#operations.set(operation.id, operation);
  }

  /** Every operation, in the order registered. */
  all(): RegisteredOperation[] {
    return [...this.#operations.values()];
  }

  async close(): Promise<void> {}
}
