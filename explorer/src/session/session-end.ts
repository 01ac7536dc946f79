import type { Session } from './session.js';
import type { TokenView } from './token-claims.js';

// A session ends when its token does: at the token's `exp` (RFC 7519 §4.1.4), or as soon as the
// gateway refuses it (HTTP 401). The page then acts as nobody and says why, rather than showing
// every later query failing with no word of the cause.

/** The longest delay a browser timer can wait (2^31 - 1 ms); a token lives far less. */
export const LONGEST_TIMER_MS = 2_147_483_647;

/** Milliseconds until the token expires (0 when it has), or null when it names no expiry. */
export function msUntilExpiry(view: TokenView | null, nowMs: number): number | null {
  if (!view || view.expiresAt === null) return null;
  return Math.min(Math.max(0, view.expiresAt * 1000 - nowMs), LONGEST_TIMER_MS);
}

/** What the header says once the session's token expired. */
export function expiredNotice(session: Pick<Session, 'kind' | 'name' | 'view'>): string {
  const at = session.view?.expiresAt ? ` at ${new Date(session.view.expiresAt * 1000).toISOString().slice(11, 16)} UTC` : '';
  return session.kind === 'demo'
    ? `The demo token of ${session.name} expired${at}: restart npm start for fresh ones.`
    : `Your session ended${at}: sign in again.`;
}

/** What the header says once the gateway refused the session's token, with the gateway's reason. */
export function refusedNotice(session: Pick<Session, 'kind' | 'name'>, reason: string | null): string {
  const why = reason ? ` (${reason.slice(0, 120)})` : '';
  return session.kind === 'demo'
    ? `The gateway refused the demo token of ${session.name}${why}.`
    : `The gateway refused your sign-in${why}: sign in again.`;
}

/** The reason an HTTP 401 answer of the gateway gives (`extensions.reason` of its first error), if any. */
export function refusalReason(body: unknown): string | null {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  const first = Array.isArray(errors) ? (errors[0] as { extensions?: { reason?: unknown } } | undefined) : undefined;
  const reason = first?.extensions?.reason;
  return typeof reason === 'string' ? reason : null;
}
