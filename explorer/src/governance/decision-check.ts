// A steward's decision on one part of a request (README "Governance"): approve with a grant length,
// deny, or ask for changes, always with a reason; checked as the governance subgraph checks it.

export const DECISIONS = ['APPROVE', 'DENY', 'NEEDS_CHANGES'] as const;
export type DecisionOutcome = (typeof DECISIONS)[number];

/** schema/policy/grant-length.ts, MAX_GRANT_DAYS; each grant is then cut to its dataset's DUO TS months and licence. */
export const MAX_GRANT_DAYS = 1826;
export const REASON_MAX = 5_000;

export interface DecisionFormValues {
  decision: DecisionOutcome;
  reason: string;
  /** Text as typed; empty: the subgraph's default (365 days, then cut). */
  grantDays: string;
}

export type DecisionCheck =
  | { ok: true; variables: { decision: DecisionOutcome; reason: string; grantDays: number | null } }
  | { ok: false; errors: Partial<Record<'reason' | 'grantDays', string>> };

export function checkDecision(values: DecisionFormValues): DecisionCheck {
  const errors: Partial<Record<'reason' | 'grantDays', string>> = {};
  const reason = values.reason.trim();
  if (!reason) errors.reason = 'Give a reason: the requester and the audit trail see it.';
  else if (reason.length > REASON_MAX) errors.reason = `The reason is ${reason.length} characters; at most ${REASON_MAX}.`;
  let grantDays: number | null = null;
  if (values.decision === 'APPROVE' && values.grantDays.trim() !== '') {
    const days = Number(values.grantDays.trim());
    if (!Number.isInteger(days) || days < 1 || days > MAX_GRANT_DAYS) errors.grantDays = `A grant lasts 1 to ${MAX_GRANT_DAYS} days.`;
    else grantDays = days;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, variables: { decision: values.decision, reason, grantDays } };
}
