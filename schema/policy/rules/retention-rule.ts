// Retention (schema/policies.ts "retention"; partner.graphql RetentionSchedule.deletionDue; ARCHITECTURE.md
// "Governance facts and retention"): from its deletion date nothing a dataset guards is served.

import { startOfUtcDay } from '../../vocabulary.js';
import { ALLOW, deny, type Policy } from '../decision.js';

/**
 * The data is deleted on its deletion date, so from 00:00 UTC that day it is past deletion. An
 * unreadable date counts as past: a dataset whose deletion date cannot be read is not served.
 * Shared by the gateway's policies, the index's usableBy and the partner kit, which stops serving
 * such datasets altogether.
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
