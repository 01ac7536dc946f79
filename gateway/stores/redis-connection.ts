import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnection {
  client: RedisClient;
  /** True when Redis answered PING just now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * One connection per gateway for every Redis-backed store. It connects in the background and keeps
 * reconnecting, so a Redis that is down at start-up shows in /ready instead of stopping the
 * gateway; commands fail at once while it is down (no offline queue), and the stores' callers
 * fail closed.
 */
export function createRedisConnection(url: string, timeoutMs = 1000): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  client.on('error', () => {
    // Reported through ping() and failed commands; an unhandled 'error' event would end the process.
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
      // destroy() rather than a graceful close: a graceful close waits forever on a Redis that never came up.
      client.destroy();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
