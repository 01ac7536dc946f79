import type { RequestPart } from '../graphql/types.js';
import { day, PartSummary } from './part-summary.js';

/** Who asked, for what and why: what a steward or the board reads before deciding. */
export function RequestCard({ part, grantsShown, children }: { part: RequestPart; grantsShown?: boolean; children?: preact.ComponentChildren }) {
  const r = part.request;
  return (
    <li class="card">
      <h2>{r?.projectTitle ?? part.requestId}</h2>
      {r ? (
        <p>
          From <strong>{r.requester.subject}</strong>{r.requester.organisation ? ` (${r.requester.organisation})` : ''} on {day(r.createdAt)};
          purpose {r.purpose.category}{r.purpose.commercial ? ', commercial' : ''}{r.purpose.ethicsApproval ? ', ethics approval' : ''}.
        </p>
      ) : null}
      {r ? <blockquote>{r.justification}</blockquote> : null}
      {r && (r.acceptedDuties.length || r.acceptedTerms.length) ? <p>Accepted: {[...r.acceptedDuties, ...r.acceptedTerms].join(', ')}</p> : null}
      <PartSummary part={part} grantsShown={grantsShown} />
      {children}
    </li>
  );
}
