import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnection {
  client: RedisClient;
  /** True when Redis answered PING within the timeout. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  /** How long one attempt to connect, and one PING, may take. */
  timeoutMs?: number;
}

/**
 * A Redis connection for a process whose state lives in Redis (ARCHITECTURE.md "Stores"). It
 * connects in the background and keeps reconnecting, so a Redis that is down at start-up or goes
 * away later shows as failed commands rather than a process that hangs or exits: commands are not
 * queued while it is down (they fail at once), each connection attempt gives up after the timeout,
 * and an 'error' event never goes unhandled.
 */
export function openRedisConnection(url: string, options: RedisConnectionOptions = {}): RedisConnection {
  const timeoutMs = options.timeoutMs ?? 1000;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  client.on('error', () => {
    // Seen by the caller as failed commands and by ping(); unhandled, it would end the process.
  });
  const connecting = client.connect().catch(() => undefined);
  return {
    client,
    async ping() {
      try {
        await withTimeout(connecting, timeoutMs);
        return (await withTimeout(client.ping(), timeoutMs)) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      // destroy(), not a graceful close: a graceful close waits forever for a Redis that never came up.
      if (client.isOpen) client.destroy();
    },
  };
}

/**
 * The answer, or `timeoutError` when none came within `ms`. When this process's event loop was
 * blocked past the deadline (CPU contention, a long collection), the timer and the answer are both
 * due on the same turn of the loop, timers first: the verdict waits for that turn's input to be read
 * (setImmediate runs after the poll phase), so an answer already received is not blamed on Redis.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error = () => new Error(`no answer within ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let verdict: NodeJS.Immediate | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          verdict = setImmediate(() => reject(timeoutError()));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    clearImmediate(verdict);
  }
}
