// Readable labels for the codes the catalog contract uses (schema/partner.graphql): data classes,
// DUO use conditions (schema/duo-terms.csv) and, from what the API served, partners and licences.

export const DATA_CLASS_LABELS: Record<string, string> = {
  PUBLIC: 'Public',
  PARTNER_SHARED: 'Shared with consortium members',
  ANONYMIZED: 'Anonymised (members who accepted the data use agreement)',
  PROPRIETARY: 'Proprietary (a grant from the partner is needed)',
};

export function dataClassLabel(code: string): string {
  return DATA_CLASS_LABELS[code] ?? code;
}

/** `id,shorthand,label,description` rows, quoted fields allowed (RFC 4180), into shorthand → label. */
export function duoLabelsFromCsv(csv: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [, shorthand, label] = csvFields(line);
    if (shorthand && label) labels.set(shorthand, label);
  }
  return labels;
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Labels learnt from what the API served (a partner's name, a licence's name), by code. */
export class LabelBook {
  private readonly labels = new Map<string, string>();

  learn(kind: 'partner' | 'licence', code: string, label: string): void {
    this.labels.set(`${kind}:${code}`, label);
  }

  label(kind: 'partner' | 'licence', code: string): string | undefined {
    return this.labels.get(`${kind}:${code}`);
  }
}
