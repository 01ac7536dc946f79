import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { APPEAL, MY_REQUESTS, WITHDRAW } from '../graphql/operations.js';
import type { MyRequestsResult, RequestPart } from '../graphql/types.js';
import { datasetHref } from '../routing.js';
import type { Session } from '../session/session.js';
import { day, PartSummary } from './part-summary.js';

/** The caller's requests, each partner's part with its status, and their grants. */
export function MyRequestsPage({ session }: { session: Session }) {
  const [result, refetch] = useQuery<MyRequestsResult>({ query: MY_REQUESTS, pause: !session.token, requestPolicy: 'network-only' });
  const [, withdraw] = useMutation(WITHDRAW);
  if (!session.token) return <p>Sign in to see your requests.</p>;
  const data = result.data;
  return (
    <div>
      <h1>My requests</h1>
      {result.error ? <p role="alert" class="error">{result.error.message}</p> : null}
      {data && data.myAccessRequests.length === 0 ? <p>No requests yet: open a dataset and use “Request access”.</p> : null}
      <ul class="cards">
        {[...(data?.myAccessRequests ?? [])].reverse().map((request) => (
          <li key={request.id} class="card">
            <h2>{request.projectTitle}</h2>
            <p class="code">{request.id}, sent {day(request.createdAt)}</p>
            {request.parts.map((part) => (
              <div key={part.partnerId}>
                <PartSummary part={part} />
                {part.status === 'DENIED' && !part.appeal ? <AppealForm part={part} onDone={() => refetch()} /> : null}
              </div>
            ))}
            {request.parts.some((p) => p.status === 'PENDING') ? (
              <button type="button" onClick={() => void withdraw({ requestId: request.id }).then(() => refetch())}>Withdraw the request</button>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>My grants</h2>
      {data?.myGrants.length ? (
        <table>
          <thead><tr><th scope="col">Dataset</th><th scope="col">Partner</th><th scope="col">Until</th><th scope="col">State</th></tr></thead>
          <tbody>{data.myGrants.map((g) => (
            <tr key={g.id}><td><a href={datasetHref(g.datasetId)}>{g.datasetId}</a></td><td>{g.partnerId}</td><td>{day(g.expiresAt)}</td><td>{g.active ? 'active' : g.revoked ? 'revoked' : 'ended'}</td></tr>
          ))}</tbody>
        </table>
      ) : <p>No grants.</p>}
    </div>
  );
}

function AppealForm({ part, onDone }: { part: RequestPart; onDone(): void }) {
  const [statement, setStatement] = useState('');
  const [error, setError] = useState('');
  const [sent, appeal] = useMutation(APPEAL);
  const id = `appeal-${part.requestId}-${part.partnerId}`;
  return (
    <form class="inline-form" onSubmit={(e) => {
      e.preventDefault();
      if (!statement.trim()) return setError('Say why the board should decide otherwise.');
      setError('');
      void appeal({ requestId: part.requestId, partnerId: part.partnerId, statement: statement.trim() }).then(onDone);
    }}>
      <label for={id}>Appeal to the board</label>
      <textarea id={id} rows={2} value={statement} onInput={(e) => setStatement((e.currentTarget as HTMLTextAreaElement).value)} />
      {error ? <p class="field-error">{error}</p> : null}
      {sent.error ? <p role="alert" class="error">{sent.error.message}</p> : null}
      <button type="submit" disabled={sent.fetching}>Appeal</button>
    </form>
  );
}
