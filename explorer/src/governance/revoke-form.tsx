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
