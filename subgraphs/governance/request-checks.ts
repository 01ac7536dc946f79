import { CATALOG_POLICIES } from '../../schema/policy/catalog-policies.js';
import type { PolicyDecision, PolicyInput } from '../../schema/policy/decision.js';
import { maxGrantDays } from '../../schema/policy/grant-length.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { needsExplicitAcceptance } from '../../schema/policy/rules/licence-rule.js';
import { DUO_RULES, purposeMatch } from '../../schema/policy/rules/purpose-match.js';
import { isStaffOf } from '../../schema/policy/verified-organisation.js';
import type { GovernedDataset } from './dataset-facts.js';

// The checks a new access request meets before any steward sees it (issue "Governance", item 2):
// pure functions of the requester, the dataset's harvested facts, what the request accepts and
// the clock. Whether a purpose can ever be allowed is decided by the gateway's own purpose match
// (schema/policy/rules/purpose-match.ts), asked as if the grant had been given: whatever it still
// denies, no steward's approval can lift, so the requester learns it now rather than after weeks.

export const REFUSAL_REASONS = [
  'UNKNOWN_DATASET',
  'PUBLIC_DATASET',
  'OWN_DATASET',
  'DUPLICATE_PENDING',
  'NOT_GRANTABLE',
  'PURPOSE_INCOMPATIBLE',
  'DUTY_NOT_ACCEPTED',
  'LICENCE_NOT_ACCEPTED',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
  datasetId: string;
  reason: RefusalReason;
  /** For people: what is wrong and what to do. */
  detail: string;
}

export interface RequestedDataset {
  datasetId: string;
  /** Undefined when no partner publishes it. */
  facts: GovernedDataset | undefined;
  requester: Principal;
  /** Duty shorthands the request accepts (normalised by acceptedDutyCodes). */
  acceptedDuties: ReadonlySet<string>;
  /** Licences the request accepts. */
  acceptedTerms: ReadonlySet<string>;
  /** Datasets already in a pending request of the requester, with that request's id. */
  pending: ReadonlyMap<string, string>;
  now: Date;
}

const DUTY_CODE_BY_TERM = new Map([...DUO_RULES].filter(([, rule]) => rule.role === 'duty').map(([code, rule]) => [rule.id, code]));
const DUTY_TERM_BY_CODE = new Map([...DUTY_CODE_BY_TERM].map(([term, code]) => [code, term]));

/**
 * The duty shorthands accepted: by shorthand (COL) or DUO term id (DUO:0000020), in the request or
 * among the token's accepted terms (where the purpose match counts duties by term id). Null, with
 * the offending value, when one of the request's is not a DUO duty.
 */
export function acceptedDutyCodes(requested: readonly string[], tokenTerms: ReadonlySet<string>): { codes: Set<string> } | { unknown: string } {
  const codes = new Set<string>();
  for (const value of requested) {
    const code = DUTY_TERM_BY_CODE.has(value.toUpperCase()) ? value.toUpperCase() : DUTY_CODE_BY_TERM.get(value);
    if (code === undefined) return { unknown: value };
    codes.add(code);
  }
  for (const term of tokenTerms) {
    const code = DUTY_CODE_BY_TERM.get(term);
    if (code) codes.add(code);
  }
  return { codes };
}

/** The DUO duty shorthands a dataset carries, in its order, each once. */
export function requiredDuties(facts: Pick<GovernedDataset, 'useConditions'>): string[] {
  return [...new Set(facts.useConditions.filter((t) => DUO_RULES.get(t.code)?.role === 'duty').map((t) => t.code))];
}

/** The grant a request would lead to, for asking the policies what it would change. */
function prospectiveGrant(requester: Principal, datasetId: string, expiresAt: number): Grant {
  return { datasetId, grantee: { kind: 'person', subject: requester.subject ?? '' }, expiresAt, source: 'store' };
}

/** The requester as they would stand once the request is approved: its terms and duties accepted. */
function withAccepted(requester: Principal, acceptedTerms: ReadonlySet<string>, duties: ReadonlySet<string>): Principal {
  const terms = new Set([...requester.acceptedTerms, ...acceptedTerms, ...[...duties].map((code) => DUTY_TERM_BY_CODE.get(code)!)]);
  return { ...requester, acceptedTerms: terms };
}

/** The first reason this dataset cannot be requested, or null when it can. */
export function checkRequestedDataset(input: RequestedDataset): Refusal | null {
  const { datasetId, facts, requester, now } = input;
  const refuse = (reason: RefusalReason, detail: string): Refusal => ({ datasetId, reason, detail });
  if (!facts) return refuse('UNKNOWN_DATASET', `Dataset ${datasetId} is not in the catalog: no partner publishes it (unknown, or past its deletion date)`);
  if (facts.dataClass === 'PUBLIC') return refuse('PUBLIC_DATASET', `Dataset ${datasetId} is PUBLIC: anyone may use it, there is nothing to request`);
  if (isStaffOf(requester, facts.partnerId)) {
    return refuse('OWN_DATASET', `Dataset ${datasetId} belongs to your own organisation ${facts.partnerId}, whose staff use it without a grant`);
  }
  const pendingIn = input.pending.get(datasetId);
  if (pendingIn !== undefined) return refuse('DUPLICATE_PENDING', `Dataset ${datasetId} is already in your pending access request ${pendingIn}`);
  if (maxGrantDays(facts, now) <= 0) {
    return refuse('NOT_GRANTABLE', `Dataset ${datasetId} cannot be granted for any time: its DUO TS term or its licence allows no grant`);
  }
  const principal = withAccepted(requester, input.acceptedTerms, input.acceptedDuties);
  const purpose = purposeMatch({ principal, facts, grants: [prospectiveGrant(requester, datasetId, now.getTime() + 1)], now });
  if (!purpose.allow) {
    return refuse('PURPOSE_INCOMPATIBLE', `Dataset ${datasetId} can never be used for the purpose declared in your token, whatever a steward decides: ${purpose.detail}`);
  }
  const missing = requiredDuties(facts).filter((code) => !input.acceptedDuties.has(code));
  if (missing.length > 0) {
    const named = missing.map((code) => `${code} (${DUTY_TERM_BY_CODE.get(code)})`).join(', ');
    return refuse('DUTY_NOT_ACCEPTED', `Dataset ${datasetId} comes with the DUO duties ${named}: accept them in acceptedDuties`);
  }
  const licence = facts.licenceId;
  if (needsExplicitAcceptance(licence) && !input.acceptedTerms.has(licence) && !requester.acceptedTerms.has(licence)) {
    return refuse('LICENCE_NOT_ACCEPTED', `Dataset ${datasetId} is under the licence ${licence}, whose terms must be accepted: add it to acceptedTerms`);
  }
  return null;
}

/**
 * What the gateway would decide for the dataset's content (dataset:access) once the grant is
 * given: a trusted organisation's request is approved at once only when this allows, so an
 * automatic approval never grants what the policy would still deny (an embargo, a data use
 * agreement not accepted).
 */
export function accessOnceGranted(
  requester: Principal, facts: GovernedDataset, acceptedTerms: ReadonlySet<string>, acceptedDuties: ReadonlySet<string>, expiresAt: number, now: Date,
): PolicyDecision {
  const input: PolicyInput = {
    principal: withAccepted(requester, acceptedTerms, acceptedDuties),
    facts,
    grants: [prospectiveGrant(requester, facts.datasetId, expiresAt)],
    now,
  };
  return CATALOG_POLICIES['dataset:access']!(input);
}
