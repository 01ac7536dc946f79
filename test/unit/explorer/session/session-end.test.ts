import { describe, expect, it } from 'vitest';
import { expiredNotice, LONGEST_TIMER_MS, msUntilExpiry, refusalReason, refusedNotice } from '../../../../explorer/src/session/session-end.js';
import type { TokenView } from '../../../../explorer/src/session/token-claims.js';

// When a session ends (its token's exp, RFC 7519 §4.1.4, or the gateway's 401) and what the header says.
const NOW = Date.parse('2026-11-30T10:00:00Z');
const view = (expiresAt: number | null): TokenView => ({ subject: 'demo-analyst', organisation: null, scopes: [], expiresAt });

describe('msUntilExpiry', () => {
  it.each<[string, TokenView | null, number | null]>([
    ['an hour ahead', view(NOW / 1000 + 3600), 3_600_000],
    ['already past: at once', view(NOW / 1000 - 5), 0],
    ['exactly now', view(NOW / 1000), 0],
    ['no exp claim: never', view(null), null],
    ['no readable token: never', null, null],
    ['further than a browser timer can wait: the longest wait', view(NOW / 1000 + 40 * 86_400), LONGEST_TIMER_MS],
  ])('%s', (_name, tokenView, expected) => {
    expect(msUntilExpiry(tokenView, NOW)).toBe(expected);
  });
});

describe('the notice of an ended session', () => {
  it.each<[string, string, string]>([
    ['a demo persona whose token expired', expiredNotice({ kind: 'demo', name: 'analyst', view: view(NOW / 1000) }), 'The demo token of analyst expired at 10:00 UTC: restart npm start for fresh ones.'],
    ['a signed-in person whose token expired', expiredNotice({ kind: 'oidc', name: 'Anna Weber', view: view(NOW / 1000 + 90) }), 'Your session ended at 10:01 UTC: sign in again.'],
    ['a token without exp', expiredNotice({ kind: 'oidc', name: 'Anna Weber', view: view(null) }), 'Your session ended: sign in again.'],
    ['a demo token the gateway refused', refusedNotice({ kind: 'demo', name: 'analyst' }, 'token signature is invalid'), 'The gateway refused the demo token of analyst (token signature is invalid).'],
    ['a sign-in the gateway refused, no reason given', refusedNotice({ kind: 'oidc', name: 'Anna Weber' }, null), 'The gateway refused your sign-in: sign in again.'],
    ['a reason too long is cut', refusedNotice({ kind: 'oidc', name: 'x' }, 'r'.repeat(500)), `The gateway refused your sign-in (${'r'.repeat(120)}): sign in again.`],
  ])('%s', (_name, notice, expected) => {
    expect(notice).toBe(expected);
  });
});

describe('refusalReason', () => {
  it.each<[string, unknown, string | null]>([
    ['the gateway\'s 401', { errors: [{ message: 'Authentication failed: token has expired', extensions: { code: 'UNAUTHENTICATED', reason: 'token has expired' } }] }, 'token has expired'],
    ['no reason', { errors: [{ message: 'x' }] }, null],
    ['no errors', { data: null }, null],
    ['a reason that is not text', { errors: [{ extensions: { reason: 42 } }] }, null],
    ['not JSON', null, null],
  ])('%s', (_name, body, expected) => {
    expect(refusalReason(body)).toBe(expected);
  });
});
