// Retention (DESIGN "The catalog contract": retention and deletion dates; partner.graphql
// RetentionSchedule.deletionDue: "past it the dataset is not served at all").

import { ALLOW, deny, type Policy } from '../decision.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 00:00 UTC of an ISO calendar date (the contract's `Date` scalar), in epoch milliseconds; NaN for
 * anything else, including dates that do not exist (2025-02-30), which Date.parse would roll over.
 */
export function startOfUtcDay(isoDate: string): number {
  if (!ISO_DATE.test(isoDate)) return NaN;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate ? NaN : ms;
}

/**
 * The data is deleted on its deletion date, so from 00:00 UTC that day it is past deletion. An
 * unreadable date counts as past: a dataset whose deletion date cannot be read is not served.
 * Shared with the partner kit, which stops serving such datasets.
 */
export function isPastDeletion(deletionDue: string | null, now: Date): boolean {
  if (deletionDue === null) return false;
  const deletedFrom = startOfUtcDay(deletionDue);
  return Number.isNaN(deletedFrom) || now.getTime() >= deletedFrom;
}

/** No exception, not even for the owning partner: the retention basis binds the partner too. */
export const retentionRule: Policy = ({ facts, now }) =>
  isPastDeletion(facts.deletionDue, now)
    ? deny('RETENTION_EXPIRED', `Dataset ${facts.datasetId} was due for deletion on ${facts.deletionDue}`)
    : ALLOW;
