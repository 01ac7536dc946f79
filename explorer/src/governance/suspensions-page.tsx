import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { REINSTATE_ACCESS, SUSPEND_ACCESS, SUSPENSION_EVENTS } from '../graphql/operations.js';
import { placeRefusal, refusalText } from '../graphql/refusals.js';
import type { EventPage, HistoryEventView, SuspensionView } from '../graphql/types.js';
import type { Session } from '../session/session.js';
import { isBoard } from '../session/token-claims.js';
import { checkReinstatement, checkSuspension, type FieldErrors, type GranteeKind } from './action-checks.js';
import { stillSuspended } from './grant-words.js';
import { granteeWords, historyWords } from './history-words.js';

type SuspensionEvents = { suspensions: EventPage<HistoryEventView>; reinstatements: EventPage<HistoryEventView> };

const KIND_WORDS: Record<GranteeKind, string> = { organisation: 'An organisation', subject: 'A person (subject)' };

/**
 * The board's suspensions (README "Governance"): every grant of one person or one organisation
 * stops at once, on every gateway, until reinstated. The API lists no suspensions, so this page
 * shows what its own acts returned and what the audit trail recorded of suspensions and reinstatements.
 */
export function SuspensionsPage({ session }: { session: Session }) {
  const board = isBoard(session.view);
  const [events, refetch] = useQuery<SuspensionEvents>({ query: SUSPENSION_EVENTS, pause: !board, requestPolicy: 'network-only' });
  if (!board) return <p>Suspensions are decided by the consortium's governance board.</p>;
  return (
    <div>
      <h1>Suspensions</h1>
      <div class="two-forms">
        <GranteeForm action="suspend" onDone={() => refetch()} />
        <GranteeForm action="reinstate" onDone={() => refetch()} />
      </div>
      <SuspensionTrail result={events} />
    </div>
  );
}

function GranteeForm({ action, onDone }: { action: 'suspend' | 'reinstate'; onDone(): void }) {
  const [kind, setKind] = useState<GranteeKind>('organisation');
  const [id, setId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'id' | 'reason'> & { rest?: string | null }>({});
  const [status, setStatus] = useState('');
  const [suspendSent, suspend] = useMutation<{ suspendAccess: SuspensionView }>(SUSPEND_ACCESS);
  const [reinstateSent, reinstate] = useMutation<{ reinstateAccess: boolean }>(REINSTATE_ACCESS);
  const suspending = action === 'suspend';
  const p = `${action}-`;
  const refused = (error: Parameters<typeof placeRefusal>[0]) => {
    const placed = placeRefusal<'id' | 'reason'>(error, { subject: 'id', organisation: 'id', reason: 'reason' });
    setErrors({ ...placed.byField, rest: placed.rest });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setStatus('');
    const who = `${kind === 'subject' ? 'the person' : 'the organisation'} ${id.trim()}`;
    if (suspending) {
      const check = checkSuspension({ kind, id, reason });
      if (!check.ok) return setErrors(check.errors);
      setErrors({});
      void suspend(check.variables).then((r) => {
        if (r.error) return refused(r.error);
        const s = r.data!.suspendAccess;
        setStatus(`Every grant of ${s.grantee.kind === 'PERSON' ? 'the person' : 'the organisation'} ${s.grantee.id} is suspended, by ${s.by} at ${s.at.replace('T', ' ').slice(0, 19)}: ${s.reason}`);
        setReason('');
        onDone();
      });
    } else {
      const check = checkReinstatement({ kind, id });
      if (!check.ok) return setErrors(check.errors);
      setErrors({});
      void reinstate(check.variables).then((r) => {
        if (r.error) return refused(r.error);
        setStatus(r.data!.reinstateAccess ? `The suspension of ${who} is lifted: their grants hold again.` : `${who.charAt(0).toUpperCase()}${who.slice(1)} was not suspended: nothing was changed.`);
        onDone();
      });
    }
  };
  const describedBy = (field: 'id' | 'reason') => (errors[field] ? `${p}${field}-error` : undefined);
  return (
    <form class={`inline-form ${action}-form`} aria-labelledby={`${p}heading`} noValidate onSubmit={submit}>
      <h2 id={`${p}heading`}>{suspending ? 'Suspend access' : 'Reinstate access'}</h2>
      <fieldset>
        <legend>Whose</legend>
        {(['organisation', 'subject'] as const).map((k) => (
          <span key={k} class="radio">
            <input type="radio" id={`${p}kind-${k}`} name={`${p}kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            <label for={`${p}kind-${k}`}>{KIND_WORDS[k]}</label>
          </span>
        ))}
      </fieldset>
      <label for={`${p}id`}>{kind === 'subject' ? 'Subject (the sub of their token)' : 'Organisation id (the org of its members\' tokens)'}</label>
      <input id={`${p}id`} value={id} aria-invalid={Boolean(errors.id)} aria-describedby={describedBy('id')}
        onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)} />
      {errors.id ? <p id={`${p}id-error`} class="field-error">{errors.id}</p> : null}
      {suspending ? (
        <>
          <label for={`${p}reason`}>Reason</label>
          <textarea id={`${p}reason`} rows={2} value={reason} aria-invalid={Boolean(errors.reason)} aria-describedby={describedBy('reason')}
            onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
          {errors.reason ? <p id={`${p}reason-error`} class="field-error">{errors.reason}</p> : null}
        </>
      ) : null}
      {errors.rest ? <p role="alert" class="error">The gateway refused: {errors.rest}</p> : null}
      <div class="actions"><button type="submit" disabled={suspendSent.fetching || reinstateSent.fetching}>{suspending ? 'Suspend' : 'Reinstate'}</button></div>
      <p role="status" class={status ? 'notice' : 'visually-hidden'}>{status}</p>
    </form>
  );
}

function SuspensionTrail({ result }: { result: { data?: SuspensionEvents; error?: Parameters<typeof refusalText>[0] } }) {
  const data = result.data;
  const events = data ? [...data.suspensions.items, ...data.reinstatements.items].sort((a, b) => b.seq - a.seq) : [];
  const current = data ? stillSuspended(data.suspensions, data.reinstatements) : null;
  return (
    <section aria-labelledby="trail-heading">
      <h2 id="trail-heading">From the audit trail</h2>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      {current ? (
        <>
          <h3>Suspended now</h3>
          {current.suspended.length ? (
            <ul class="suspended-now">{current.suspended.map((e) => <li key={e.seq}>{granteeWords(e)}, since {e.at.slice(0, 10)}</li>)}</ul>
          ) : <p>Nobody{current.complete ? '' : ', as far as the latest events tell'}.</p>}
          {!current.complete ? <p class="muted">Read from the latest 20 suspensions and 20 reinstatements; an older suspension may not be listed.</p> : null}
        </>
      ) : null}
      <h3>Latest suspensions and reinstatements</h3>
      {data && events.length === 0 ? <p>None recorded.</p> : null}
      {events.length ? (
        <div class="table-scroll">
          <table class="suspension-events">
            <caption>Newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Reason</th></tr></thead>
            <tbody>{events.map((e) => {
              const words = historyWords(e);
              return (
                <tr key={e.seq} data-audit-action={e.action}>
                  <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>{words.what}</td>
                  <td>{words.why ?? ''}</td>
                </tr>
              );
            })}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
