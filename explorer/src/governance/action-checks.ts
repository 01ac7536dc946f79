import { REASON_MAX } from './decision-check.js';

// The governance acts beyond a decision (README "Governance"): a steward or the board revokes a
// grant, a steward sets or removes a trust mark, the board suspends or reinstates a person or an
// organisation. Each form is checked here as the governance subgraph checks it, so every problem is
// named next to its field before anything is sent; the subgraph still decides.

/** The governance subgraph's limit on an identifier (an organisation, a subject). */
export const IDENTIFIER_MAX = 500;

/** PUBLIC data needs no request, so the subgraph refuses a trust mark for it. */
export const TRUSTABLE_CLASSES = ['PARTNER_SHARED', 'ANONYMIZED', 'PROPRIETARY'] as const;
export type TrustableClass = (typeof TRUSTABLE_CLASSES)[number];

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type Check<V, F extends string> = { ok: true; variables: V } | { ok: false; errors: FieldErrors<F> };

function done<V, F extends string>(errors: FieldErrors<F>, variables: () => V): Check<V, F> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, variables: variables() };
}

function reasonError(text: string, who: string): string | undefined {
  if (!text) return `Give a reason: ${who} and the audit trail see it.`;
  if (text.length > REASON_MAX) return `The reason is ${text.length} characters; at most ${REASON_MAX}.`;
  return undefined;
}

/** An organisation or a subject as tokens carry it (org, sub): one word, no spaces. */
function identifierError(text: string, what: string, example: string): string | undefined {
  if (!text) return `Name the ${what} (e.g. ${example}).`;
  if (text.length > IDENTIFIER_MAX) return `The ${what} is ${text.length} characters; at most ${IDENTIFIER_MAX}.`;
  if (/\s/.test(text)) return `An id has no spaces: write the ${what} as tokens carry it (e.g. ${example}).`;
  return undefined;
}

/** A grant's id comes from a list, or is typed by the board (README "Governance": the board may revoke any grant). */
export function checkRevocation(values: { grantId: string; reason: string }): Check<{ grantId: string; reason: string }, 'grantId' | 'reason'> {
  const grantId = values.grantId.trim();
  const reason = values.reason.trim();
  const errors: FieldErrors<'grantId' | 'reason'> = {};
  const badId = identifierError(grantId, 'grant', 'grant-3f2a…');
  if (badId) errors.grantId = badId;
  const problem = reasonError(reason, 'the grantee');
  if (problem) errors.reason = problem;
  return done(errors, () => ({ grantId, reason }));
}

export interface TrustMarkValues {
  organisation: string;
  /** As chosen; empty before a choice. */
  dataClass: string;
}

export interface TrustMarkVariables { partnerId: string; organisation: string; dataClass: TrustableClass }

/** A new trust mark; `existing` are the partner's marks, so one already set is named rather than sent again. */
export function checkTrustMark(
  partnerId: string, values: TrustMarkValues, existing: readonly { organisation: string; dataClass: string }[] = [],
): Check<TrustMarkVariables, 'organisation' | 'dataClass'> {
  const organisation = values.organisation.trim();
  const errors: FieldErrors<'organisation' | 'dataClass'> = {};
  const problem = identifierError(organisation, 'organisation', 'uni-leiden');
  if (problem) errors.organisation = problem;
  const dataClass = TRUSTABLE_CLASSES.find((c) => c === values.dataClass);
  if (!dataClass) errors.dataClass = values.dataClass === 'PUBLIC' ? 'Public data needs no request: a trust mark for it changes nothing.' : 'Choose the data class the organisation is trusted for.';
  if (!problem && dataClass && existing.some((m) => m.organisation === organisation && m.dataClass === dataClass)) {
    errors.organisation = `${organisation} is already trusted for this data class.`;
  }
  return done(errors, () => ({ partnerId, organisation, dataClass: dataClass! }));
}

export type GranteeKind = 'organisation' | 'subject';

export interface SuspensionValues {
  kind: GranteeKind;
  /** The organisation's id or the person's subject. */
  id: string;
  /** Only a suspension needs one. */
  reason: string;
}

export type GranteeVariables = { subject: string } | { organisation: string };

const EXAMPLE: Record<GranteeKind, string> = { organisation: 'acme-analytics', subject: 'demo-analyst' };
const WHAT: Record<GranteeKind, string> = { organisation: 'organisation', subject: 'person\'s subject' };

function granteeOf(values: SuspensionValues): { id: string; problem: string | undefined } {
  const id = values.id.trim();
  return { id, problem: identifierError(id, WHAT[values.kind], EXAMPLE[values.kind]) };
}

const granteeVariables = (kind: GranteeKind, id: string): GranteeVariables => (kind === 'subject' ? { subject: id } : { organisation: id });

/** The board stops every grant of exactly one person or one organisation. */
export function checkSuspension(values: SuspensionValues): Check<GranteeVariables & { reason: string }, 'id' | 'reason'> {
  const { id, problem } = granteeOf(values);
  const reason = values.reason.trim();
  const errors: FieldErrors<'id' | 'reason'> = {};
  if (problem) errors.id = problem;
  const why = reasonError(reason, 'the person or organisation');
  if (why) errors.reason = why;
  return done(errors, () => ({ ...granteeVariables(values.kind, id), reason }));
}

/** Lifting a suspension names whom, and needs no reason. */
export function checkReinstatement(values: Omit<SuspensionValues, 'reason'>): Check<GranteeVariables, 'id'> {
  const { id, problem } = granteeOf({ ...values, reason: '' });
  return done(problem ? { id: problem } : {}, () => granteeVariables(values.kind, id));
}
