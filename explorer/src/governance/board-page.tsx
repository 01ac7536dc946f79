import { useQuery } from '@urql/preact';
import { BOARD_QUEUES, DECIDE_APPEAL } from '../graphql/operations.js';
import { refusalText } from '../graphql/refusals.js';
import type { PartPage } from '../graphql/types.js';
import type { Session } from '../session/session.js';
import { isBoard } from '../session/token-claims.js';
import { DecisionForm } from './decision-form.js';
import { GrantReview } from './grant-review.js';
import { RequestCard } from './request-card.js';

/** The board's queues: parts overdue for a steward's decision, appeals to decide, and grants to review or revoke. */
export function BoardPage({ session }: { session: Session }) {
  const [result, refetch] = useQuery<{ overdueAccessRequests: PartPage; appeals: PartPage }>({
    query: BOARD_QUEUES, pause: !isBoard(session.view), requestPolicy: 'network-only',
  });
  if (!isBoard(session.view)) return <p>These queues are for the consortium's governance board.</p>;
  const data = result.data;
  return (
    <div>
      <h1>Board</h1>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      <section aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">Overdue requests ({data?.overdueAccessRequests.items.length ?? '…'})</h2>
        {data && data.overdueAccessRequests.items.length === 0 ? <p>No request is past its decision deadline.</p> : null}
        <ul class="cards">{data?.overdueAccessRequests.items.map((part) => <RequestCard key={`${part.requestId}-${part.partnerId}`} part={part} />)}</ul>
      </section>
      <section aria-labelledby="appeals-heading">
        <h2 id="appeals-heading">Appeals ({data?.appeals.items.length ?? '…'})</h2>
        {data && data.appeals.items.length === 0 ? <p>No appeal waits for the board.</p> : null}
        <ul class="cards">
          {data?.appeals.items.map((part) => (
            <RequestCard key={`${part.requestId}-${part.partnerId}`} part={part}>
              <DecisionForm part={part} mutation={DECIDE_APPEAL} onDone={() => refetch()} />
            </RequestCard>
          ))}
        </ul>
      </section>
      <GrantReview />
    </div>
  );
}
