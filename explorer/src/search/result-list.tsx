import type { SearchHit } from '../graphql/types.js';
import { dataClassLabel } from '../labels/labels.js';
import { datasetHref } from '../routing.js';

export function ResultList({ hits }: { hits: SearchHit[] }) {
  if (hits.length === 0) return <p>No dataset matches. Try fewer filters or another word.</p>;
  return (
    <ol class="result-list">
      {hits.map((hit) => (
        <li key={hit.id} class="result">
          <h3><a href={datasetHref(hit.id)}>{hit.title}</a></h3>
          <p class="summary">{hit.description.length > 220 ? `${hit.description.slice(0, 220)}…` : hit.description}</p>
          <dl class="tags">
            <div><dt>Partner</dt><dd>{hit.publisher.name}</dd></div>
            <div><dt>Licence</dt><dd>{hit.licence.name} <span class="code">{hit.licence.id}</span></dd></div>
            <div><dt>Data class</dt><dd>{dataClassLabel(hit.dataClass)}</dd></div>
            <div>
              <dt>Use conditions</dt>
              <dd>{hit.useConditions.length ? hit.useConditions.map((u) => (
                <span key={u.code} class="duo" title={u.code}>{u.label}{u.months ? ` (${u.months} months)` : ''}{u.diseaseId ? ` (${u.diseaseId})` : ''}</span>
              )) : 'none stated'}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}
