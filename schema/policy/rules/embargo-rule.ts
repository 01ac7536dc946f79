// Embargo (schema/policies.ts "embargo"; partner.graphql Dataset.embargoUntil: "Until this date only
// the publisher may access the content").

import { ALLOW, deny, type Policy } from '../decision.js';
import { isOwningPartner } from './grant-rule.js';
import { startOfUtcDay } from '../../vocabulary.js';

/** Lifted on embargoUntil at 00:00 UTC. An unreadable date keeps the embargo in place (fail closed). */
export function isEmbargoed(embargoUntil: string | null, now: Date): boolean {
  if (embargoUntil === null) return false;
  const liftedAt = startOfUtcDay(embargoUntil);
  return Number.isNaN(liftedAt) || now.getTime() < liftedAt;
}

export const embargoRule: Policy = ({ principal, facts, now }) => {
  if (!isEmbargoed(facts.embargoUntil, now) || isOwningPartner(principal, facts)) return ALLOW;
  return deny(
    'EMBARGOED',
    `Dataset ${facts.datasetId} is under embargo until ${facts.embargoUntil}; only ${facts.partnerId} may access it`,
  );
};
