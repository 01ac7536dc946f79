// Operation names are chosen by clients, so as a metric label they are bounded (issue 12,
// "Operations"): only names of operations that were resolved (parsed and validated) count, cut to
// MAX_LABEL_LENGTH characters, and only the first `maxNames` distinct names a gateway sees get a
// series of their own; every later name is counted as OTHER. A request that never resolved an
// operation (refused before parsing, or invalid) is UNRESOLVED.

export const MAX_LABEL_LENGTH = 64;
export const DEFAULT_MAX_OPERATION_NAMES = 100;
export const OTHER = 'other';
export const UNRESOLVED = 'unresolved';

/** A GraphQL name (spec 2.1.9); a resolved operation's name always is one. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Maps the operation name of one request to its label, remembering the names it has given series to. */
export class OperationLabels {
  readonly #known = new Set<string>();

  constructor(private readonly maxNames = DEFAULT_MAX_OPERATION_NAMES) {}

  labelOf(operationName: string | undefined): string {
    if (operationName === undefined) return UNRESOLVED;
    if (!GRAPHQL_NAME.test(operationName)) return OTHER;
    const name = operationName.slice(0, MAX_LABEL_LENGTH);
    if (this.#known.has(name)) return name;
    if (this.#known.size >= this.maxNames) return OTHER;
    this.#known.add(name);
    return name;
  }
}
