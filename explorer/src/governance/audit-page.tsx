import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { AUDIT_EVENTS } from '../graphql/operations.js';
import type { AuditEventView } from '../graphql/types.js';
import { eventReason } from './history-words.js';
import { auditHref, datasetHref } from '../routing.js';
import type { Session } from '../session/session.js';

const ACTIONS = ['READ', 'REQUEST', 'WITHDRAWAL', 'DECISION', 'APPEAL', 'APPEAL_DECISION', 'REVOCATION', 'TRUST_CHANGE', 'SUSPENSION', 'REINSTATEMENT'];

/** The audit trail of the steward's datasets (README "Audit"), newest first, one dataset or all. */
export function AuditPage({ session, datasetId }: { session: Session; datasetId: string | null }) {
  const [action, setAction] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = { ...(datasetId ? { datasetId } : {}), ...(action ? { action } : {}) };
  const [result] = useQuery<{ auditEvents: { items: AuditEventView[]; endCursor: string | null; hasNextPage: boolean; scannedRecords: number } }>({
    query: AUDIT_EVENTS, variables: { filter, after: cursors[cursors.length - 1] }, pause: !session.token, requestPolicy: 'network-only',
  });
  if (!session.token) return <p>The audit view is for stewards and the board.</p>;
  const page = result.data?.auditEvents;
  return (
    <div>
      <h1>Audit{datasetId ? ` of ${datasetId}` : ''}</h1>
      <div class="toolbar">
        {datasetId ? <a href={auditHref()}>All my datasets</a> : null}
        <label>Action <select value={action} onChange={(e) => { setAction((e.currentTarget as HTMLSelectElement).value); setCursors([null]); }}>
          <option value="">any</option>{ACTIONS.map((a) => <option key={a}>{a}</option>)}
        </select></label>
      </div>
      {result.error ? <p role="alert" class="error">{result.error.graphQLErrors.map((e) => e.message).join('; ') || result.error.message}</p> : null}
      {page && page.items.length === 0 ? <p>No event.</p> : null}
      {page && page.items.length ? (
        <div class="table-scroll">
          <table class="audit">
            <caption>Newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Dataset</th><th scope="col">Field</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
            <tbody>{page.items.map((e) => (
              <tr key={e.seq} data-audit-action={e.action} data-audit-outcome={e.outcome}>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.subject ?? '—'}{e.organisation ? ` (${e.organisation})` : ''}</td>
                <td>{e.action}</td>
                <td>{e.datasetId ? <a href={datasetHref(e.datasetId)}>{e.datasetId}</a> : '—'}</td>
                <td>{e.field ?? '—'}</td>
                <td>{e.outcome}</td>
                <td>{eventReason(e)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label="Audit pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
        <button type="button" disabled={!page?.hasNextPage} onClick={() => page?.endCursor && setCursors([...cursors, page.endCursor])}>Older</button>
      </nav>
    </div>
  );
}
