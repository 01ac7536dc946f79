// How long a grant may run (ARCHITECTURE.md "Per-entity decisions"; issue "Decisions": approval
// creates one grant per dataset, its length capped by the dataset's DUO TS modifier and the
// licence's maximum duration). Pure: the same limits and the same clock give the same length.
//
// DUO TS (DUO:0000025) limits use to a number of months, and the purpose match does not honour a
// grant expiring later than `months` calendar months after the moment it is checked
// (schema/policy/rules/purpose-match.ts). A licence's maxDurationMonths (schema/partner.graphql
// Licence) is the longest term a licensee may hold the data. A grant is counted in whole days from
// the moment of the decision, so the cap is the number of whole days until the earlier of the two
// limits: a grant of that length never outlives either, whatever the month lengths on the way.

import type { UseConditionFact } from './facts.js';

export const DAY_MS = 86_400_000;

/** A grant's length when the steward names none, before the caps (one year). */
export const DEFAULT_GRANT_DAYS = 365;

/** The longest grant anyone may give, whatever the dataset allows (five years). */
export const MAX_GRANT_DAYS = 1826;

export interface GrantDurationLimits {
  /** The dataset's DUO terms; a TS term among them carries `months`. */
  useConditions: readonly UseConditionFact[];
  /** The licence's maxDurationMonths; null or absent when the licence sets none. */
  licenceMaxDurationMonths?: number | null;
}

export type GrantLimit = 'REQUESTED' | 'DUO_TS' | 'LICENCE' | 'CONSORTIUM';

export interface GrantLength {
  /** Whole days from `now`; 0 when the dataset can be granted for no time at all. */
  days: number;
  /** Epoch milliseconds: now + days. */
  expiresAt: number;
  /** What set the length: the request itself or the tightest cap. */
  limitedBy: GrantLimit;
}

/** Calendar months in UTC, clamped to the month's last day (31 January + 1 month = 28/29 February), as DUO TS is checked. */
export function addUtcMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return result;
}

/**
 * Whole days from `now` to the start (00:00 UTC) of the day `months` calendar months later. The
 * purpose match measures TS from the moment it checks, and because of the clamp to the month's end
 * that moment's limit can fall a few hours earlier than `now`'s (31 January 01:00 + 1 month =
 * 28 February 01:00, 30 January 23:00 + 1 month = 28 February 23:00); it never falls before that
 * day's start, so a grant ending by then is honoured at every later check.
 */
function wholeDaysUntil(now: Date, months: number): number {
  // A TS or licence term that is not a positive whole number of months allows no grant at all, as
  // the purpose match honours none under it (fail closed).
  if (!Number.isInteger(months) || months <= 0) return 0;
  const limit = addUtcMonths(now, months);
  const dayStart = Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), limit.getUTCDate());
  return Math.max(0, Math.floor((dayStart - now.getTime()) / DAY_MS));
}

/** The caps a dataset sets, in whole days from `now`, each with what sets it. */
function caps(limits: GrantDurationLimits, now: Date): { days: number; limit: GrantLimit }[] {
  const result: { days: number; limit: GrantLimit }[] = [{ days: MAX_GRANT_DAYS, limit: 'CONSORTIUM' }];
  for (const term of limits.useConditions) {
    if (term.code === 'TS') result.push({ days: wholeDaysUntil(now, term.months ?? NaN), limit: 'DUO_TS' });
  }
  const licence = limits.licenceMaxDurationMonths;
  if (licence !== null && licence !== undefined) result.push({ days: wholeDaysUntil(now, licence), limit: 'LICENCE' });
  return result;
}

/** The longest grant of the dataset that may start at `now`, in whole days. */
export function maxGrantDays(limits: GrantDurationLimits, now: Date): number {
  return Math.min(...caps(limits, now).map((c) => c.days));
}

/**
 * The grant a decision at `now` creates: the requested days (DEFAULT_GRANT_DAYS when none), cut
 * to the tightest cap. `requestedDays` must be a positive whole number; the caller refuses others.
 */
export function grantLength(requestedDays: number | null | undefined, limits: GrantDurationLimits, now: Date): GrantLength {
  const requested = requestedDays ?? DEFAULT_GRANT_DAYS;
  if (!Number.isInteger(requested) || requested <= 0) throw new RangeError(`grant days must be a positive whole number, got ${requested}`);
  let best: { days: number; limit: GrantLimit } = { days: requested, limit: 'REQUESTED' };
  for (const cap of caps(limits, now)) if (cap.days < best.days) best = cap;
  return { days: best.days, expiresAt: now.getTime() + best.days * DAY_MS, limitedBy: best.limit };
}
