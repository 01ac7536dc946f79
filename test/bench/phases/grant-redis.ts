import { createClient } from 'redis';

// Concord reads grants where production reads them: from the keys the governance store writes in
// Redis (runtime/governance/grant-keys.ts), once per request. The benchmark uses the Redis the tests
// use, under a key prefix of each gateway's own, deleted when the gateway stops.

/** TEST_REDIS_URL, else a local Redis. */
export function benchRedisUrl(): string {
  return process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/0';
}

/** True when Redis answers PING within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    // A client whose connection never came up is closed already, and destroy() would throw.
    if (client.isOpen) client.destroy();
  }
}

/** Where the host is, without any password the URL carries. */
export function redisHost(url: string): string {
  return URL.canParse(url) ? new URL(url).host : 'an unreadable TEST_REDIS_URL';
}

/** One line for the run's progress: where Concord reads grants from in this run. */
export async function grantStoreNote(): Promise<string> {
  const url = benchRedisUrl();
  return await redisAnswers(url)
    ? `Concord reads grants from Redis at ${redisHost(url)} (the governance store's layout, a key prefix of its own, deleted afterwards)`
    : `Redis does not answer at ${redisHost(url)} (TEST_REDIS_URL): Concord reads grants from its in-memory store instead, which measures less than production does`;
}
