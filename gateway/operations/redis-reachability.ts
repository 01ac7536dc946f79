import type { Readiness } from '../../runtime/http-server.js';
import type { Logger } from '../../runtime/logger.js';
import type { RedisConnection } from '../stores/redis-connection.js';

// A wrong REDIS_URL used to leave the gateway "not ready" with nothing saying why (issue 12,
// "Operations"): the shared connection swallows its errors so they never end the process
// (runtime/redis-connection.ts). This watches that connection's errors and says, in the log and in
// /ready, that Redis cannot be reached, why, and what to do, without the URL's credentials in the
// log and without its address in /ready (which lists dependencies by name only).

/** After the first failure is logged, at most one more line per this many milliseconds while Redis stays unreachable. */
export const REDIS_LOG_INTERVAL_MS = 60_000;

export interface RedisReachability {
  /** Why Redis cannot be reached, in words fit for /ready (no address); null when it last answered. */
  readonly reason: string | null;
  /** /ready with the reason next to `redis: "down"`. */
  explain(readiness: Readiness): Readiness;
}

/** REDIS_URL as it may be logged: scheme, host, port and database, never a user name or password. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const credentials = parsed.username || parsed.password ? '***@' : '';
    return `${parsed.protocol}//${credentials}${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(REDIS_URL is not a URL)';
  }
}

/** An error of the Redis client, in words without the address it carries. */
export function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens at that host and port)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === 'ETIMEDOUT' || name === 'ConnectionTimeoutError' || /timeout/i.test(message)) return 'no answer in time (host unreachable or a firewall drops the connection)';
  if (code === 'ECONNRESET' || name === 'SocketClosedUnexpectedlyError') return 'connection closed by the other side (is it Redis? TLS needs rediss://)';
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(message)) return 'authentication failed (user name or password in REDIS_URL)';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  return 'cannot connect';
}

export interface RedisReachabilityInput {
  redis: RedisConnection;
  url: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Logs the first connection error at once, naming the redacted URL, the reason and what to do,
 * then at most once per REDIS_LOG_INTERVAL_MS with the count of failures not logged meanwhile; logs
 * again when Redis answers.
 */
export function watchRedisReachability({ redis, url, logger, now = Date.now }: RedisReachabilityInput): RedisReachability {
  const shown = redactRedisUrl(url);
  let reason: string | null = null;
  let lastLoggedAt = -Infinity;
  let unlogged = 0;
  redis.client.on('error', (error: unknown) => {
    reason = reasonOf(error);
    const at = now();
    if (at - lastLoggedAt < REDIS_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    lastLoggedAt = at;
    logger.error(
      // The client's own message, not its stack: the line is read by a person fixing REDIS_URL.
      { redis: shown, reason, detail: error instanceof Error ? error.message : String(error), failuresNotLogged: unlogged },
      `Redis at ${shown} cannot be reached: ${reason}. Grants cannot be read, so guarded fields are withheld (GRANTS_UNAVAILABLE) ` +
      'and the gateway is not ready; rate limits in Redis fail open. Check REDIS_URL (redis://host:port or rediss:// for TLS) ' +
      'and that Redis runs there; the gateway keeps trying to connect.',
    );
    unlogged = 0;
  });
  redis.client.on('ready', () => {
    if (reason === null) return;
    logger.info({ redis: shown }, `Redis at ${shown} answers again`);
    reason = null;
    lastLoggedAt = -Infinity;
    unlogged = 0;
  });
  return {
    get reason() { return reason; },
    explain(readiness) {
      if (readiness.details?.redis !== 'down') return readiness;
      return { ...readiness, details: { ...readiness.details, redisError: reason ?? 'no answer to PING in time' } };
    },
  };
}
