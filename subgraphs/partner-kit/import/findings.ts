// What the mapping of one dataset found worth telling the partner: a warning (imported, but look at
// this) or a refusal (not imported). Each names the contract field it is about, in the catalog
// file's own path form ("licence", "distributions[1].mediaType"), so the report reads like the
// partner kit loader's messages.

export interface Finding {
  field: string;
  message: string;
}

interface FindingList {
  warnings: Finding[];
  refusals: Finding[];
}

export class Findings {
  readonly #list: FindingList;
  readonly #prefix: string;

  constructor(list: FindingList = { warnings: [], refusals: [] }, prefix = '') {
    this.#list = list;
    this.#prefix = prefix;
  }

  get warnings(): readonly Finding[] {
    return this.#list.warnings;
  }

  get refusals(): readonly Finding[] {
    return this.#list.refusals;
  }

  get refused(): boolean {
    return this.#list.refusals.length > 0;
  }

  /** The same finding twice (one licence listed twice, say) is reported once. */
  warn(field: string, message: string): void {
    addOnce(this.#list.warnings, { field: joinField(this.#prefix, field), message });
  }

  refuse(field: string, message: string): void {
    addOnce(this.#list.refusals, { field: joinField(this.#prefix, field), message });
  }

  /** The same list, with fields below a path: a distribution's are reported as "distributions[2].x". */
  under(prefix: string): Findings {
    return new Findings(this.#list, joinField(this.#prefix, prefix));
  }
}

function joinField(prefix: string, field: string): string {
  if (prefix === '') return field;
  if (field === '') return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

function addOnce(list: Finding[], finding: Finding): void {
  if (!list.some((f) => f.field === finding.field && f.message === finding.message)) list.push(finding);
}
