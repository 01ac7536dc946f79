import { createClient } from 'redis';

export interface RedisProbe {
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Shared state lives in Redis when REDIS_URL is set. The connection is made lazily and retried,
 * so a Redis that is down at start-up shows in /ready instead of stopping the gateway.
 */
export function createRedisProbe(url: string, timeoutMs = 1000): RedisProbe {
  const client = createClient({
    url,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  client.on('error', () => {
    // Reported through ping(); node-redis would otherwise crash the process on an unhandled event.
  });
  let connecting: Promise<unknown> | undefined;
  return {
    async ping() {
      try {
        connecting ??= client.connect();
        await withTimeout(connecting, timeoutMs);
        return (await withTimeout(client.ping(), timeoutMs)) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      // destroy() rather than a graceful close: a probe has nothing in flight worth waiting for,
      // and a graceful close waits forever on a Redis that never came up.
      if (connecting) client.destroy();
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
