import type { Grantee, Revocation } from '../graphql/types.js';

// A grant's state in words (README "Governance"): active until it expires, or ended, by its expiry
// or by a steward's or the board's revocation, whose author, date and reason are shown.

export type GrantState = 'active' | 'revoked' | 'expired';

export function grantState(grant: { active: boolean; revoked: boolean }): GrantState {
  if (grant.revoked) return 'revoked';
  return grant.active ? 'active' : 'expired';
}

export const day = (iso: string) => iso.slice(0, 10);

export function grantStateWords(grant: { active: boolean; revoked: boolean; expiresAt: string; revocation: Revocation | null }): string {
  switch (grantState(grant)) {
    case 'active':
      return `Active until ${day(grant.expiresAt)}`;
    case 'expired':
      return `Expired on ${day(grant.expiresAt)}`;
    case 'revoked': {
      const r = grant.revocation;
      return r ? `Revoked by ${r.by} on ${day(r.at)}: ${r.reason}` : 'Revoked';
    }
  }
}

/** Whom a grant is for, from the caller's side: themselves, or their organisation. */
export function granteeFor(grantee: Grantee, mySubject: string | null): string {
  if (grantee.kind === 'ORGANISATION') return `your organisation, ${grantee.id}`;
  return grantee.id === mySubject ? 'you' : grantee.id;
}

/**
 * Whom the board's suspensions still stop, as far as the audit trail's latest events of each kind
 * tell: a grantee whose latest suspension is newer than their latest reinstatement. `complete` is
 * false when either list was cut (an older suspension may be missing from it).
 */
export function stillSuspended<E extends { seq: number; detail: readonly { key: string; value: string | null }[] }>(
  suspensions: { items: readonly E[]; hasNextPage: boolean },
  reinstatements: { items: readonly E[]; hasNextPage: boolean },
): { suspended: E[]; complete: boolean } {
  const key = (e: E) => {
    const get = (k: string) => e.detail.find((d) => d.key === k)?.value ?? '';
    return `${get('granteeKind')}:${get('grantee')}`;
  };
  const lastLifted = new Map<string, number>();
  for (const r of reinstatements.items) lastLifted.set(key(r), Math.max(lastLifted.get(key(r)) ?? -1, r.seq));
  const latest = new Map<string, E>();
  for (const s of suspensions.items) {
    const k = key(s);
    if ((latest.get(k)?.seq ?? -1) < s.seq) latest.set(k, s);
  }
  const suspended = [...latest.entries()]
    .filter(([k, s]) => (lastLifted.get(k) ?? -1) < s.seq)
    .map(([, s]) => s)
    .sort((a, b) => b.seq - a.seq);
  return { suspended, complete: !suspensions.hasNextPage && !reinstatements.hasNextPage };
}
