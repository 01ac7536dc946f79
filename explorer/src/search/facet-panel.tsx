import { useState } from 'preact/hooks';
import type { FacetCount } from '../graphql/types.js';
import { dataClassLabel } from '../labels/labels.js';
import { duoLabel } from '../labels/duo-vocabulary.js';
import { FACET_NAMES, isChecked, type FacetName, type FacetSelection } from './facet-state.js';
import type { FacetLabels } from './facet-labels.js';

const TITLES: Record<FacetName, string> = {
  partners: 'Partner', dataClasses: 'Data class', licences: 'Licence', useConditions: 'Use conditions (DUO)',
  themes: 'Theme', years: 'Year issued', keywords: 'Keyword',
};

/** Facets longer than this show their most frequent values first, the rest on request. */
const SHOWN = 8;

interface Props {
  facets: Record<string, FacetCount[]> | null;
  selection: FacetSelection;
  labels: FacetLabels;
  onToggle(facet: FacetName, value: string): void;
}

export function FacetPanel({ facets, selection, labels, onToggle }: Props) {
  const labelOf = (facet: FacetName, value: string): string => {
    switch (facet) {
      case 'partners': return labels.partner(value);
      case 'licences': return labels.licence(value);
      case 'dataClasses': return dataClassLabel(value);
      case 'useConditions': return `${duoLabel(value)} (${value})`;
      default: return value;
    }
  };
  const ticked = FACET_NAMES.reduce((sum, name) => sum + selection[name].length, 0);
  // Open beside the results on a wide screen; folded above them on a phone, so the results come first.
  const [open] = useState(() => matchMedia('(min-width: 48rem)').matches);
  return (
    <aside class="facets" aria-label="Filters">
      <details open={open}>
        <summary><h2>Filters{ticked ? ` (${ticked} ticked)` : ''}</h2></summary>
        {facets ? FACET_NAMES.map((name) => (
          <FacetGroup key={name} name={name} title={TITLES[name]} counts={facets[name] ?? []}
            selection={selection} labelOf={(v) => labelOf(name, v)} onToggle={(v) => onToggle(name, v)} />
        )) : <p>Loading filters…</p>}
      </details>
    </aside>
  );
}

interface GroupProps {
  name: FacetName;
  title: string;
  counts: FacetCount[];
  selection: FacetSelection;
  labelOf(value: string): string;
  onToggle(value: string): void;
}

function FacetGroup({ name, title, counts, selection, labelOf, onToggle }: GroupProps) {
  const [all, setAll] = useState(false);
  // A ticked value stays listed even when nothing else matches it, so it can be unticked.
  const ticked = selection[name].filter((v) => !counts.some((c) => c.value === v)).map((value) => ({ value, count: 0 }));
  const rows = [...counts, ...ticked];
  const shown = all ? rows : rows.slice(0, SHOWN);
  if (rows.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{title}</legend>
      <ul>
        {shown.map(({ value, count }) => {
          const id = `facet-${name}-${value}`.replace(/[^\w-]/g, '_');
          return (
            <li key={value}>
              <input type="checkbox" id={id} checked={isChecked(selection, name, value)} onChange={() => onToggle(value)} />
              <label for={id}>{labelOf(value)} <span class="count">({count})</span></label>
            </li>
          );
        })}
      </ul>
      {rows.length > SHOWN ? (
        <button type="button" class="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${rows.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}
