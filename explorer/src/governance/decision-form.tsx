import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import type { RequestPart } from '../graphql/types.js';
import { checkDecision, DECISIONS, MAX_GRANT_DAYS, type DecisionFormValues } from './decision-check.js';

const WORDS = { APPROVE: 'Approve', DENY: 'Deny', NEEDS_CHANGES: 'Ask for changes' } as const;

/** Approve (with a grant length), deny or ask for changes, always with a reason: a steward's inbox or the board's appeals. */
export function DecisionForm({ part, mutation, onDone }: { part: RequestPart; mutation: string; onDone(): void }) {
  const [values, setValues] = useState<DecisionFormValues>({ decision: 'APPROVE', reason: '', grantDays: '' });
  const [errors, setErrors] = useState<Partial<Record<'reason' | 'grantDays', string>>>({});
  const [sent, decide] = useMutation(mutation);
  const key = `${part.requestId}-${part.partnerId}`.replace(/[^\w-]/g, '_');
  return (
    <form class="decision-form" aria-label={`Decide request ${part.requestId}`} onSubmit={(e) => {
      e.preventDefault();
      const check = checkDecision(values);
      if (!check.ok) return setErrors(check.errors);
      setErrors({});
      void decide({ requestId: part.requestId, partnerId: part.partnerId, ...check.variables }).then((r) => { if (!r.error) onDone(); });
    }}>
      <fieldset>
        <legend>Decision</legend>
        {DECISIONS.map((d) => (
          <span key={d} class="radio">
            <input type="radio" id={`decision-${key}-${d}`} name={`decision-${key}`} value={d} checked={values.decision === d}
              onChange={() => setValues({ ...values, decision: d })} />
            <label for={`decision-${key}-${d}`}>{WORDS[d]}</label>
          </span>
        ))}
      </fieldset>
      {values.decision === 'APPROVE' ? (
        <>
          <label for={`grant-${key}`}>Grant length in days (1 to {MAX_GRANT_DAYS}; empty: 365, cut to the dataset's limits)</label>
          <input id={`grant-${key}`} inputMode="numeric" value={values.grantDays} aria-invalid={Boolean(errors.grantDays)}
            onInput={(e) => setValues({ ...values, grantDays: (e.currentTarget as HTMLInputElement).value })} />
          {errors.grantDays ? <p class="field-error">{errors.grantDays}</p> : null}
        </>
      ) : null}
      <label for={`reason-${key}`}>Reason</label>
      <textarea id={`reason-${key}`} rows={2} value={values.reason} aria-invalid={Boolean(errors.reason)}
        onInput={(e) => setValues({ ...values, reason: (e.currentTarget as HTMLTextAreaElement).value })} />
      {errors.reason ? <p class="field-error">{errors.reason}</p> : null}
      {sent.error ? <p role="alert" class="error">{sent.error.graphQLErrors.map((x) => x.message).join('; ') || sent.error.message}</p> : null}
      <button type="submit" disabled={sent.fetching}>{WORDS[values.decision]}</button>
    </form>
  );
}
