import { useState } from 'preact/hooks';
import type { RequestPart } from '../graphql/types.js';
import { datasetHref } from '../routing.js';
import { day, grantStateWords } from './grant-words.js';
import { RevokeForm } from './revoke-form.js';

/**
 * The grants an approved part made, each active one with "Revoke" for the steward of its partner.
 * A grant the board made on appeal is the board's to revoke (README "Governance"): the steward is
 * told so rather than offered a button the gateway would refuse.
 */
export function PartGrants({ part, onChanged }: { part: RequestPart; onChanged(): void }) {
  const [status, setStatus] = useState('');
  const byBoard = part.appeal?.decision?.outcome === 'APPROVE';
  if (part.grants.length === 0) return null;
  return (
    <div class="part-grants">
      <div class="table-scroll">
        <table>
          <caption>Grants of this request</caption>
          <thead><tr><th scope="col">Grant</th><th scope="col">Dataset</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
          <tbody>{part.grants.map((g) => (
            <tr key={g.id} data-grant={g.id} data-grant-state={g.revoked ? 'revoked' : g.active ? 'active' : 'expired'}>
              <td class="code">{g.id}</td>
              <td><a href={datasetHref(g.datasetId)}>{g.datasetId}</a></td>
              <td>{grantStateWords(g)}</td>
              <td>{g.active && !byBoard ? (
                <RevokeForm grantId={g.id} datasetId={g.datasetId} onRevoked={(r) => {
                  setStatus(`Grant ${r.id} of ${r.datasetId} revoked on ${day(r.revocation?.at ?? '')}: ${r.grantee.id} no longer has access.`);
                  onChanged();
                }} />
              ) : g.active ? <span class="muted">Made by the board on appeal: only the board may revoke it.</span> : '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <p role="status" class={status ? 'notice' : 'visually-hidden'}>{status}</p>
    </div>
  );
}
