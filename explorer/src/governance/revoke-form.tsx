import { useMutation } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { REVOKE_GRANT } from '../graphql/operations.js';
import { placeRefusal } from '../graphql/refusals.js';
import type { AccessGrantView } from '../graphql/types.js';
import { checkRevocation } from './action-checks.js';

const safeId = (text: string) => text.replace(/[^\w-]/g, '_');

/**
 * "Revoke": a button that opens a form asking why, then ends the grant at once (README "Governance").
 * The server decides who may: a steward of the dataset's partner, or the board.
 */
export function RevokeForm({ grantId, datasetId, onRevoked }: { grantId: string; datasetId: string; onRevoked(grant: AccessGrantView): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ reason?: string; rest?: string | null }>({});
  const [sent, revoke] = useMutation<{ revokeGrant: AccessGrantView }>(REVOKE_GRANT);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { if (open) field.current?.focus(); }, [open]);
  const id = `revoke-${safeId(grantId)}`;
  if (!open) {
    return <button type="button" class="secondary" aria-label={`Revoke grant ${grantId} of ${datasetId}`} onClick={() => setOpen(true)}>Revoke…</button>;
  }
  return (
    <form class="inline-form revoke-form" aria-label={`Revoke grant ${grantId}`} noValidate onSubmit={(e) => {
      e.preventDefault();
      const check = checkRevocation({ grantId, reason });
      if (!check.ok) return setError(check.errors);
      setError({});
      void revoke(check.variables).then((r) => {
        if (r.error) {
          const placed = placeRefusal(r.error, { reason: 'reason' });
          setError({ ...placed.byField, rest: placed.rest });
        } else if (r.data) onRevoked(r.data.revokeGrant);
      });
    }}>
      <label for={id}>Why revoke {grantId}? (the grantee and the audit trail see it)</label>
      <textarea id={id} ref={field} rows={2} value={reason} aria-invalid={Boolean(error.reason)} aria-describedby={error.reason ? `${id}-error` : undefined}
        onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
      {error.reason ? <p id={`${id}-error`} class="field-error">{error.reason}</p> : null}
      {error.rest ? <p role="alert" class="error">The gateway refused: {error.rest}</p> : null}
      <div class="actions">
        <button type="submit" disabled={sent.fetching}>Revoke grant</button>
        <button type="button" class="secondary" onClick={() => { setOpen(false); setError({}); }}>Cancel</button>
      </div>
    </form>
  );
}

/** The board's revocation of any grant by its id (a grant it made on appeal, one named in a complaint). */
export function RevokeByIdForm({ onRevoked }: { onRevoked(grant: AccessGrantView): void }) {
  const [values, setValues] = useState({ grantId: '', reason: '' });
  const [errors, setErrors] = useState<{ grantId?: string; reason?: string; rest?: string | null }>({});
  const [sent, revoke] = useMutation<{ revokeGrant: AccessGrantView }>(REVOKE_GRANT);
  const describedBy = (field: 'grantId' | 'reason') => (errors[field] ? `revoke-by-id-${field}-error` : undefined);
  return (
    <form class="inline-form revoke-by-id-form" aria-labelledby="revoke-by-id-heading" noValidate onSubmit={(e) => {
      e.preventDefault();
      const check = checkRevocation(values);
      if (!check.ok) return setErrors(check.errors);
      setErrors({});
      void revoke(check.variables).then((r) => {
        if (r.error) {
          const placed = placeRefusal(r.error, { grantId: 'grantId', reason: 'reason' });
          return setErrors({ ...placed.byField, rest: placed.rest });
        }
        if (r.data) {
          setValues({ grantId: '', reason: '' });
          onRevoked(r.data.revokeGrant);
        }
      });
    }}>
      <h3 id="revoke-by-id-heading">Revoke a grant by its id</h3>
      <label for="revoke-by-id-grantId">Grant id</label>
      <input id="revoke-by-id-grantId" value={values.grantId} aria-invalid={Boolean(errors.grantId)} aria-describedby={describedBy('grantId')}
        onInput={(e) => setValues({ ...values, grantId: (e.currentTarget as HTMLInputElement).value })} />
      {errors.grantId ? <p id="revoke-by-id-grantId-error" class="field-error">{errors.grantId}</p> : null}
      <label for="revoke-by-id-reason">Reason (the grantee and the audit trail see it)</label>
      <textarea id="revoke-by-id-reason" rows={2} value={values.reason} aria-invalid={Boolean(errors.reason)} aria-describedby={describedBy('reason')}
        onInput={(e) => setValues({ ...values, reason: (e.currentTarget as HTMLTextAreaElement).value })} />
      {errors.reason ? <p id="revoke-by-id-reason-error" class="field-error">{errors.reason}</p> : null}
      {errors.rest ? <p role="alert" class="error">The gateway refused: {errors.rest}</p> : null}
      <div class="actions"><button type="submit" disabled={sent.fetching}>Revoke grant</button></div>
    </form>
  );
}
