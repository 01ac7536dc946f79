import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { MY_ACCESS_HISTORY, MY_GRANTS } from '../graphql/operations.js';
import { refusalText } from '../graphql/refusals.js';
import type { AccessGrantView, EventPage, HistoryEventView } from '../graphql/types.js';
import { datasetHref } from '../routing.js';
import { currentAfter, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage, type Paging } from '../search/cursor-paging.js';
import type { Session } from '../session/session.js';
import { day, grantState, grantStateWords, granteeFor } from './grant-words.js';
import { historyWords } from './history-words.js';

/**
 * A person's own access (README "Governance" and "Audit"): their grants and their organisation's,
 * active, expired or revoked, with the terms accepted; then their history, newest first, a page at a time.
 */
export function MyAccessPage({ session }: { session: Session }) {
  if (!session.token) return <p>Sign in to see your grants and your access history.</p>;
  return (
    <div>
      <h1>My access</h1>
      <MyGrants subject={session.view?.subject ?? null} />
      <MyHistory />
    </div>
  );
}

function MyGrants({ subject }: { subject: string | null }) {
  const [result] = useQuery<{ myGrants: AccessGrantView[] }>({ query: MY_GRANTS, requestPolicy: 'network-only' });
  const grants = [...(result.data?.myGrants ?? [])].reverse();
  return (
    <section aria-labelledby="grants-heading">
      <h2 id="grants-heading">Grants</h2>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      {result.fetching && !result.data ? <p aria-busy="true">Loading your grants…</p> : null}
      {result.data && grants.length === 0 ? <p>No grants yet: a steward's approval of a request makes one per dataset.</p> : null}
      {grants.length ? (
        <div class="table-scroll">
          <table class="grants">
            <caption>Newest first; a revoked or expired grant no longer opens its dataset.</caption>
            <thead><tr><th scope="col">Dataset</th><th scope="col">Partner</th><th scope="col">For</th><th scope="col">Granted</th><th scope="col">Terms accepted</th><th scope="col">State</th></tr></thead>
            <tbody>{grants.map((g) => (
              <tr key={g.id} data-grant={g.id} data-grant-state={grantState(g)}>
                <td><a href={datasetHref(g.datasetId)}>{g.datasetId}</a><br /><span class="code">{g.id}</span></td>
                <td>{g.partnerId}</td>
                <td>{granteeFor(g.grantee, subject)}</td>
                <td>{day(g.grantedAt)}</td>
                <td>{[...g.acceptedDuties, ...g.acceptedTerms].join(', ') || '—'}</td>
                <td class={`grant-${grantState(g)}`}>{grantStateWords(g)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function MyHistory() {
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [result] = useQuery<{ myAccessHistory: EventPage<HistoryEventView> }>({
    query: MY_ACCESS_HISTORY, variables: { after: currentAfter(paging) }, requestPolicy: 'network-only',
  });
  const page = result.data?.myAccessHistory;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p class="muted">Your reads of guarded fields, your requests, and the decisions, appeals and revocations concerning you.</p>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      {page && page.items.length === 0 ? <p>Nothing recorded yet.</p> : null}
      {page && page.items.length ? (
        <div class="table-scroll">
          <table class="history">
            <caption>Newest first, page {pageNumber(paging)}</caption>
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Dataset</th><th scope="col">Reason</th></tr></thead>
            <tbody>{page.items.map((e) => {
              const words = historyWords(e);
              return (
                <tr key={`${e.seq}-${e.datasetId ?? ''}-${e.field ?? ''}`} data-history-action={e.action} data-history-outcome={e.outcome}>
                  <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>{words.what}</td>
                  <td>{e.datasetId ? <a href={datasetHref(e.datasetId)}>{e.datasetId}</a> : '—'}</td>
                  <td>{words.why ?? ''}</td>
                </tr>
              );
            })}</tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label="History pages">
        <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>Newer</button>
        <button type="button" disabled={!page?.hasNextPage} onClick={() => page && setPaging(nextPage(paging, { hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? null }))}>Older</button>
      </nav>
    </section>
  );
}
