import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { APPEAL, MY_REQUESTS, WITHDRAW } from '../graphql/operations.js';
import { refusalText } from '../graphql/refusals.js';
import type { MyRequestsResult, RequestPart } from '../graphql/types.js';
import type { Session } from '../session/session.js';
import { day, PartSummary } from './part-summary.js';

/** The caller's requests, each partner's part with its status; their grants are on My access. */
export function MyRequestsPage({ session }: { session: Session }) {
  const [result, refetch] = useQuery<MyRequestsResult>({ query: MY_REQUESTS, pause: !session.token, requestPolicy: 'network-only' });
  const [, withdraw] = useMutation(WITHDRAW);
  if (!session.token) return <p>Sign in to see your requests.</p>;
  const data = result.data;
  return (
    <div>
      <h1>My requests</h1>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
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
      <p>Your grants, the terms you accepted and your access history are on <a href="#/access">My access</a>.</p>
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
      {sent.error ? <p role="alert" class="error">{refusalText(sent.error)}</p> : null}
      <button type="submit" disabled={sent.fetching}>Appeal</button>
    </form>
  );
}
