// Denials lead somewhere (issue "Governance", item 7): a denial that a grant would lift tells the
// client what to ask the governance subgraph for, so that it can prefill requestAccess. Pure: the
// same facts and clock give the same answer; the policies attach it to their denials, the gateway
// sends it as extensions.requestAccess (ARCHITECTURE.md "Errors").

import type { DenialReason, Policy } from './decision.js';
import type { DatasetFacts } from './facts.js';
import { maxGrantDays } from './grant-length.js';
import { needsExplicitAcceptance } from './rules/licence-rule.js';
import { DUO_RULES } from './rules/purpose-match.js';

export interface RequestAccess {
  datasetId: string;
  /** The partner whose stewards decide the request. */
  partnerId: string;
  /** DUO duty shorthands (PUB, COL, RTN, MOR) the dataset carries: a request accepts them all. */
  requiredDuties: readonly string[];
  /** Licences whose terms must be accepted explicitly (a `LicenseRef-` licence). */
  requiredTerms: readonly string[];
  /** The longest grant the dataset's DUO TS term and its licence allow, from now, in whole days. */
  maxGrantDays: number;
}

/**
 * A missing grant, and a licence not yet accepted (an approved request records the licences its
 * requester accepted, and the licence rule counts them for that dataset).
 */
export const LIFTED_BY_A_GRANT: ReadonlySet<DenialReason> = new Set<DenialReason>(['NO_ACTIVE_GRANT', 'LICENCE_NOT_ACCEPTED']);

/**
 * What a request for this dataset must carry, or null when no request can lift a denial on it: a
 * PUBLIC dataset (the governance subgraph refuses requests for it: accepting its licence is the way
 * in), or one that can be granted for no time at all.
 */
export function requestAccessFor(facts: DatasetFacts, now: Date): RequestAccess | null {
  if (facts.dataClass === 'PUBLIC') return null;
  const days = maxGrantDays(facts, now);
  if (days <= 0) return null;
  const duties = facts.useConditions.filter((term) => DUO_RULES.get(term.code)?.role === 'duty').map((term) => term.code);
  return {
    datasetId: facts.datasetId,
    partnerId: facts.partnerId,
    requiredDuties: [...new Set(duties)],
    requiredTerms: needsExplicitAcceptance(facts.licenceId) ? [facts.licenceId] : [],
    maxGrantDays: days,
  };
}

/** The policy, with requestAccess on each of its denials that a grant would lift. */
export function offeringAccessRequest(policy: Policy): Policy {
  return (input) => {
    const decision = policy(input);
    if (decision.allow || !LIFTED_BY_A_GRANT.has(decision.reason)) return decision;
    const requestAccess = requestAccessFor(input.facts, input.now);
    return requestAccess ? { ...decision, requestAccess } : decision;
  };
}
