import type { RequestPart } from '../graphql/types.js';
import { datasetHref } from '../routing.js';

const STATUS_WORDS: Record<string, string> = {
  PENDING: 'Waiting for the steward', APPROVED: 'Approved', DENIED: 'Denied', NEEDS_CHANGES: 'Changes asked for', WITHDRAWN: 'Withdrawn',
};

export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

export const day = (iso: string) => iso.slice(0, 10);

/** One partner's part of a request: its datasets, status, decision and appeal, and its grants unless the page lists them itself. */
export function PartSummary({ part, grantsShown = false }: { part: RequestPart; grantsShown?: boolean }) {
  return (
    <div class="part">
      <p>
        <strong>{part.partnerId}</strong>: <span class={`status status-${part.status.toLowerCase()}`}>{statusWords(part.status)}</span>
        {part.overdue ? <span class="status status-overdue"> overdue (due {day(part.decisionDueAt)})</span> : part.status === 'PENDING' ? ` (due ${day(part.decisionDueAt)})` : ''}
      </p>
      <p>Datasets: {part.datasetIds.map((id, i) => <span key={id}>{i ? ', ' : ''}<a href={datasetHref(id)}>{id}</a></span>)}</p>
      {part.decision ? <p>Decision by {part.decision.by} on {day(part.decision.at)}: {part.decision.reason}{part.decision.grantDays ? ` (grant of ${part.decision.grantDays} days)` : ''}</p> : null}
      {part.appeal ? <p>Appeal of {day(part.appeal.at)}: {part.appeal.statement}{part.appeal.decision ? `; the board: ${part.appeal.decision.outcome.toLowerCase()}, ${part.appeal.decision.reason}` : '; waiting for the board'}</p> : null}
      {part.grants.length && !grantsShown ? <p>Grants: {part.grants.map((g) => `${g.id} until ${day(g.expiresAt)}${g.revoked ? ' (revoked)' : g.active ? '' : ' (ended)'}`).join(', ')}</p> : null}
    </div>
  );
}
