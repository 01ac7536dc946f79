// Denials lead somewhere (issue "Governance", item 7): a denial that a grant would lift tells the
// client what to ask the governance subgraph for, so that it can prefill requestAccess. Pure: the
// same facts and clock give the same answer; the policies attach it to their denials, the gateway
// sends it as extensions.requestAccess (ARCHITECTURE.md "Errors").

import type { DenialReason, Policy, PolicyInput } from './decision.js';
import type { Grant } from './principal.js';
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

/**
 * The policy, with requestAccess on each of its denials that an approved request would lift: the
 * same policy, run as if the request had been approved (a grant to the person for the longest time
 * allowed, recording the licences it accepts, and its duties accepted), must allow. So a client is
 * never told to request what the governance subgraph would refuse at once, or what would stay
 * denied once granted (a purpose the use conditions never allow, an embargo).
 */
export function offeringAccessRequest(policy: Policy): Policy {
  return (input) => {
    const decision = policy(input);
    if (decision.allow || !LIFTED_BY_A_GRANT.has(decision.reason)) return decision;
    const requestAccess = requestAccessFor(input.facts, input.now);
    if (!requestAccess || !liftedByApproval(policy, input, requestAccess)) return decision;
    return { ...decision, requestAccess };
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DUTY_TERM_BY_CODE = new Map([...DUO_RULES].filter(([, rule]) => rule.role === 'duty').map(([code, rule]) => [code, rule.id]));

function liftedByApproval(policy: Policy, input: PolicyInput, offer: RequestAccess): boolean {
  const subject = input.principal.subject;
  if (!input.principal.authenticated || subject === null) return false;
  const grant: Grant = {
    datasetId: offer.datasetId,
    grantee: { kind: 'person', subject },
    expiresAt: input.now.getTime() + offer.maxGrantDays * DAY_MS,
    source: 'store',
    acceptedTerms: offer.requiredTerms,
  };
  const duties = offer.requiredDuties.flatMap((code) => DUTY_TERM_BY_CODE.get(code) ?? []);
  const principal = { ...input.principal, acceptedTerms: new Set([...input.principal.acceptedTerms, ...duties]) };
  return policy({ ...input, principal, grants: [...input.grants, grant] }).allow;
}
