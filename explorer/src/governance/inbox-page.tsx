import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { DECIDE, STEWARD_INBOX } from '../graphql/operations.js';
import { refusalText } from '../graphql/refusals.js';
import type { PartPage } from '../graphql/types.js';
import { currentAfter, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage, type Paging } from '../search/cursor-paging.js';
import type { Session } from '../session/session.js';
import { stewardPartners } from '../session/token-claims.js';
import { DecisionForm } from './decision-form.js';
import { statusWords } from './part-summary.js';
import { PartGrants } from './part-grants.js';
import { RequestCard } from './request-card.js';

const STATUSES = ['PENDING', 'NEEDS_CHANGES', 'APPROVED', 'DENIED', 'WITHDRAWN'] as const;

/** The steward's inbox: the parts of requests addressed to their partner, by status; pending ones can be decided, approved ones' grants revoked. */
export function InboxPage({ session }: { session: Session }) {
  const partners = stewardPartners(session.view);
  const [partnerId, setPartnerId] = useState(partners[0] ?? '');
  const [status, setStatus] = useState<string>('PENDING');
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [result, refetch] = useQuery<{ accessRequests: PartPage }>({
    query: STEWARD_INBOX, variables: { partnerId, status, after: currentAfter(paging) }, pause: !partnerId, requestPolicy: 'network-only',
  });
  if (!partnerId) return <p>The steward inbox is for a partner's data stewards.</p>;
  const page = result.data?.accessRequests;
  const items = page?.items ?? [];
  return (
    <div>
      <h1>Steward inbox</h1>
      <div class="toolbar">
        {partners.length > 1 ? (
          <label>Partner <select value={partnerId} onChange={(e) => { setPartnerId((e.currentTarget as HTMLSelectElement).value); setPaging(FIRST_PAGE); }}>{partners.map((p) => <option key={p}>{p}</option>)}</select></label>
        ) : <p>Requests to <strong>{partnerId}</strong></p>}
        <label>Show <select value={status} onChange={(e) => { setStatus((e.currentTarget as HTMLSelectElement).value); setPaging(FIRST_PAGE); }}>
          {STATUSES.map((s) => <option key={s} value={s}>{statusWords(s)}</option>)}
        </select></label>
      </div>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      {result.data && items.length === 0 ? <p>Nothing here.</p> : null}
      <ul class="cards">
        {items.map((part) => (
          <RequestCard key={`${part.requestId}-${part.partnerId}`} part={part} grantsShown={part.status === 'APPROVED'}>
            {part.status === 'PENDING' ? <DecisionForm part={part} mutation={DECIDE} onDone={() => refetch()} /> : null}
            {part.status === 'APPROVED' ? <PartGrants part={part} onChanged={() => refetch()} /> : null}
          </RequestCard>
        ))}
      </ul>
      {hasPrevious(paging) || page?.hasNextPage ? (
        <nav class="pager" aria-label="Inbox pages">
          <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>Previous page</button>
          <span>Page {pageNumber(paging)}</span>
          <button type="button" disabled={!page?.hasNextPage} onClick={() => page && setPaging(nextPage(paging, { hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? null }))}>Next page</button>
        </nav>
      ) : null}
    </div>
  );
}
