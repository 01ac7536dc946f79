import { openRedisConnection, type RedisConnection } from '../../runtime/redis-connection.js';

export type { RedisClient, RedisConnection } from '../../runtime/redis-connection.js';

/**
 * One connection per gateway for every Redis-backed store: the connection every Redis-backed
 * process opens (runtime/redis-connection.ts), so a Redis that is down at start-up shows in /ready
 * instead of stopping the gateway, and commands fail at once while it is down.
 */
export function createRedisConnection(url: string, timeoutMs = 1000): RedisConnection {
  return openRedisConnection(url, { timeoutMs });
}
