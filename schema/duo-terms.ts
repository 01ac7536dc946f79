import { readFileSync } from 'node:fs';
import { repositoryPath } from './repository-files.js';

// The GA4GH Data Use Ontology terms Concord understands. Source: EBISPOT/DUO release (CC BY 4.0);
// descriptions shortened. The CSV beside this file is the single copy of the vocabulary.

export interface DuoTerm {
  id: string;
  shorthand: string;
  label: string;
  description: string;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export function parseDuoCsv(text: string): DuoTerm[] {
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (header?.trim() !== 'id,shorthand,label,description') {
    throw new Error(`duo-terms.csv: unexpected header "${header ?? ''}"`);
  }
  return rows.map((row, i) => {
    const [id, shorthand, label, description] = parseCsvLine(row);
    if (!id?.startsWith('DUO:') || !shorthand || !label) {
      throw new Error(`duo-terms.csv: line ${i + 2} is not "id,shorthand,label,description"`);
    }
    return { id, shorthand, label, description: description ?? '' };
  });
}

export const DUO_TERMS: readonly DuoTerm[] = parseDuoCsv(
  readFileSync(repositoryPath('schema/duo-terms.csv'), 'utf8'),
);

export const DUO_BY_CODE: ReadonlyMap<string, DuoTerm> = new Map(DUO_TERMS.map((t) => [t.shorthand, t]));
