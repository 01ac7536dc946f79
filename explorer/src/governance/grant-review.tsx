import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { COMPLIANCE_SAMPLE } from '../graphql/operations.js';
import { refusalText } from '../graphql/refusals.js';
import type { AccessGrantView, ComplianceSampleView } from '../graphql/types.js';
import { datasetHref } from '../routing.js';
import { day } from './grant-words.js';
import { RevokeByIdForm, RevokeForm } from './revoke-form.js';

const SAMPLE_SIZE = 10;

/** Chosen here, shown, and kept: the same seed draws the same sample from the same grants (README "Compliance monitoring"). */
const newSeed = () => `explorer-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The board's grants to review: no query lists every grant, so the board reads the risk-weighted
 * compliance sample of active grants, and may revoke any of them, or any other grant by its id.
 */
export function GrantReview() {
  const [seed, setSeed] = useState(newSeed);
  const [status, setStatus] = useState('');
  const [result, refetch] = useQuery<{ complianceSample: ComplianceSampleView }>({
    query: COMPLIANCE_SAMPLE, variables: { size: SAMPLE_SIZE, seed }, requestPolicy: 'network-only',
  });
  const sample = result.data?.complianceSample;
  const revoked = (grant: AccessGrantView) => {
    setStatus(`Grant ${grant.id} of ${grant.datasetId} revoked on ${day(grant.revocation?.at ?? '')}: ${grant.grantee.id} no longer has access.`);
    refetch();
  };
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Grants to review</h2>
      <p class="muted">A risk-weighted sample of active grants; the same seed draws the same sample.</p>
      {result.error ? <p role="alert" class="error">{refusalText(result.error)}</p> : null}
      <p role="status" class={status ? 'notice' : 'visually-hidden'}>{status}</p>
      {sample ? (
        <div class="toolbar">
          <p>{sample.grants.length} of {sample.population} active grants, seed <span class="code">{sample.seed}</span></p>
          <button type="button" class="secondary" onClick={() => { setStatus(''); setSeed(newSeed()); }}>Draw another sample</button>
        </div>
      ) : null}
      {sample && sample.grants.length === 0 ? <p>No active grant.</p> : null}
      {sample?.grants.length ? (
        <div class="table-scroll">
          <table class="grant-review">
            <caption>Heaviest weight first</caption>
            <thead><tr><th scope="col">Grant</th><th scope="col">Dataset</th><th scope="col">To</th><th scope="col">Until</th><th scope="col">Why drawn</th><th scope="col">Action</th></tr></thead>
            <tbody>{[...sample.grants].sort((a, b) => b.weight - a.weight).map((g) => (
              <tr key={g.grantId} data-grant={g.grantId}>
                <td class="code">{g.grantId}</td>
                <td><a href={datasetHref(g.datasetId)}>{g.datasetId}</a></td>
                <td>{g.grantee.kind === 'ORGANISATION' ? 'organisation' : 'person'} {g.grantee.id}</td>
                <td>{day(g.expiresAt)}</td>
                <td>weight {g.weight.toFixed(1)}{g.reasons.length ? `: ${g.reasons.join('; ')}` : ''}</td>
                <td><RevokeForm grantId={g.grantId} datasetId={g.datasetId} onRevoked={revoked} /></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : null}
      <RevokeByIdForm onRevoked={revoked} />
    </section>
  );
}
