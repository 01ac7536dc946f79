import {
  getNamedType, isAbstractType, isInterfaceType, isObjectType, parse, validate,
  type DocumentNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
} from 'graphql';
import type { Random } from './random.js';

/** One client request: the text, its parsed document, the variables sent and the operation chosen. */
export interface GeneratedOperation {
  source: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

export interface OperationGeneratorOptions {
  schema: GraphQLSchema;
  /** Ids `dataset(id:)` may ask for; an unknown id is added now and then. */
  datasetIds: readonly string[];
}

// The fields an authorization decision reads: chosen far more often than the rest, so that nearly
// every operation meets a static or a per-entity decision.
const GUARDED_WEIGHT: Readonly<Record<string, number>> = {
  sampleRecords: 6, contactPoint: 5, dataDictionary: 5, qualityReport: 5, retention: 6, distributions: 6,
  licence: 5, royalty: 6, accessUrl: 6, downloadUrl: 6,
  // The way down to a dataset, and the root fields that lead to one.
  edges: 8, node: 8, datasets: 5, search: 3, dataset: 4,
};

const MAX_DEPTH = 7;

type VariableKind = 'required' | 'nullable-default' | 'required-default';
interface VariablePlan { kind: VariableKind; defaultValue: boolean; send: 'true' | 'false' | 'omit' | 'null' }

/**
 * Random operations over the catalog API (GraphQL spec sections 5 and 6 in mind): random subsets of
 * fields down to a dataset's licence's royalty terms; aliases (one field twice under two aliases, and
 * one alias in several fragments, so that fields merge); inline fragments on the Dataset interface and
 * on partner dataset types, matching and not; named fragments spread more than once; @include and
 * @skip with literals and with variables, with and without defaults, sent and omitted; __typename;
 * a second operation chosen by name now and then. Only operations graphql-js validates are returned.
 */
export function generateOperation(random: Random, options: OperationGeneratorOptions): GeneratedOperation {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = new OperationWriter(random, options).write();
    const document = parse(candidate.source);
    if (validate(options.schema, document).length === 0) return { ...candidate, document };
  }
  throw new Error('no valid operation in 50 attempts: the generator writes invalid GraphQL');
}

class OperationWriter {
  /** Fragments in the order they were begun; body null while being written. */
  readonly #fragments: { name: string; typeName: string; body: string | null }[] = [];
  readonly #variables = new Map<string, VariablePlan>();
  readonly #rootArguments = new Map<string, string>();
  readonly #schema: GraphQLSchema;
  /** Fields left to write: keeps operations to the size of a client's, not of a stress test. */
  #budget: number;

  constructor(private readonly random: Random, private readonly options: OperationGeneratorOptions) {
    this.#schema = options.schema;
    this.#budget = random.int(8, 40);
  }

  write(): Omit<GeneratedOperation, 'document'> {
    const query = this.#schema.getQueryType()!;
    const selections = this.#selectionSet(query, 0);
    const variables: Record<string, unknown> = {};
    const definitions = [...this.#variables].map(([name, plan]) => {
      if (plan.send !== 'omit') variables[name] = plan.send === 'null' ? null : plan.send === 'true';
      switch (plan.kind) {
        case 'required': return `$${name}: Boolean!`;
        case 'nullable-default': return `$${name}: Boolean = ${plan.defaultValue}`;
        case 'required-default': return `$${name}: Boolean! = ${plan.defaultValue}`;
      }
    });
    const named = this.random.chance(0.6) || definitions.length > 0;
    const header = named ? `query Main${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} ` : '';
    const parts = [`${header}${selections}`];
    let operationName: string | undefined;
    // A second operation in the document: the request names the one to run.
    if (named && this.random.chance(0.15)) {
      parts.push('query Other { policy { version } }');
      operationName = 'Main';
    } else if (named && this.random.chance(0.3)) {
      operationName = 'Main';
    }
    for (const fragment of this.random.shuffle(this.#fragments)) parts.push(`fragment ${fragment.name} on ${fragment.typeName} ${fragment.body ?? '{ __typename }'}`);
    return { source: parts.join('\n'), variables, operationName };
  }

  // `nesting` counts the fragments (inline or named) the selection set stands in, so that fragments
  // within fragments stay a few levels deep.
  #selectionSet(type: GraphQLCompositeType, depth: number, nesting = 0): string {
    // The query type's selections, in the operation or in a fragment on Query, carry root arguments.
    const root = type === this.#schema.getQueryType();
    const items: string[] = [];
    const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const count = Math.max(1, Math.min(this.#budget, root ? this.random.int(1, 3) : this.random.int(1, 4)));
    for (const field of this.#pickFields(fields, count)) {
      this.#budget -= 1;
      items.push(this.#directives(this.#field(field, depth, root)));
      // The same field again under another alias: two response keys, one field.
      if (this.random.chance(0.15)) items.push(this.#field(field, depth, root, true));
    }
    if (this.random.chance(root ? 0.05 : 0.2)) items.push(this.#directives(this.random.chance(0.3) ? 'typename_1: __typename' : '__typename'));
    const more = this.#budget > 0 && nesting < 2;
    const typeConditions = this.#typeConditionsFor(type);
    if (more && typeConditions.length > 0 && this.random.chance(root ? 0.2 : 0.35)) {
      const condition = this.random.pick(typeConditions);
      items.push(this.#directives(`... on ${condition.name} ${this.#selectionSet(condition, depth, nesting + 1)}`));
    }
    if (more && this.random.chance(0.1)) {
      // A fragment without a type condition, there for its directive.
      items.push(`... ${this.#condition()} ${this.#selectionSet(type, depth, nesting + 1)}`);
    }
    if (more && this.random.chance(root ? 0.2 : 0.3)) {
      const spread = this.#spread(type, depth, nesting + 1);
      items.push(this.#directives(spread));
      if (this.random.chance(0.4)) items.push(this.#directives(spread));
    }
    return `{ ${this.random.shuffle(items).join(' ')} }`;
  }

  #pickFields(fields: readonly GraphQLField<unknown, unknown>[], count: number): GraphQLField<unknown, unknown>[] {
    const weighted = fields.flatMap((field) => Array.from({ length: GUARDED_WEIGHT[field.name] ?? 1 }, () => field));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let i = 0; i < count * 3 && chosen.size < count; i++) chosen.add(this.random.pick(weighted));
    return [...chosen];
  }

  #field(field: GraphQLField<unknown, unknown>, depth: number, root: boolean, secondAlias = false): string {
    // Aliases name their field, so one alias always means one field (GraphQL spec section 5.3.2),
    // and two of them (_1, _2) recur across fragments often enough for fields to merge.
    const alias = secondAlias ? `${field.name}_2` : this.random.chance(0.3) ? `${field.name}_${this.random.int(1, 2)}` : null;
    const key = alias ?? field.name;
    const args = root ? this.#rootArgumentsFor(field, key) : '';
    const head = `${alias ? `${alias}: ` : ''}${field.name}${args}`;
    const named = getNamedType(field.type);
    if (!isObjectType(named) && !isAbstractType(named) && !isInterfaceType(named)) return head;
    const composite = named as GraphQLCompositeType;
    if (depth + 1 >= MAX_DEPTH || this.#budget <= 0) return `${head} { ${this.#leafOf(composite)} }`;
    return `${head} ${this.#selectionSet(composite, depth + 1)}`;
  }

  // One set of arguments per response key, so that repeated keys merge (spec 5.3.2).
  #rootArgumentsFor(field: GraphQLField<unknown, unknown>, key: string): string {
    let args = this.#rootArguments.get(key);
    if (args === undefined) {
      switch (field.name) {
        case 'datasets': args = `(first: ${this.random.int(0, 8)})`; break;
        case 'search': args = this.random.chance(0.5) ? `(query: "cohort", first: ${this.random.int(1, 8)})` : ''; break;
        case 'dataset': args = `(id: "${this.random.chance(0.9) ? this.random.pick(this.options.datasetIds) : 'nobody:ds-000'}")`; break;
        default: args = '';
      }
      this.#rootArguments.set(key, args);
    }
    return args;
  }

  #leafOf(type: GraphQLCompositeType): string {
    if (!isObjectType(type) && !isInterfaceType(type)) return '__typename';
    const scalars = Object.values(type.getFields()).filter((f) => {
      const named = getNamedType(f.type);
      return !isObjectType(named) && !isAbstractType(named);
    });
    return scalars.length > 0 ? this.random.pick(scalars).name : '__typename';
  }

  // The Dataset interface and every partner's dataset type, wherever a dataset may stand: some
  // conditions match the dataset at hand and some never do.
  #typeConditionsFor(type: GraphQLCompositeType): GraphQLCompositeType[] {
    const dataset = this.#schema.getType('Dataset');
    if (!dataset || !isInterfaceType(dataset)) return [];
    const implementations = this.#schema.getPossibleTypes(dataset);
    if (type === dataset) return [dataset, ...implementations];
    if (isObjectType(type) && implementations.includes(type)) return [dataset, type];
    return isObjectType(type) ? [type] : [];
  }

  // A named fragment spread: a new one, or one written before (never one being written, so no cycle).
  #spread(type: GraphQLCompositeType, depth: number, nesting: number): string {
    const conditions = this.#typeConditionsFor(type);
    const usable = this.#fragments.filter((f) => f.body !== null && (conditions.some((c) => c.name === f.typeName) || f.typeName === type.name));
    if (usable.length > 0 && this.random.chance(0.5)) return `...${this.random.pick(usable).name}`;
    const condition = conditions.length > 0 ? this.random.pick(conditions) : type;
    const fragment: { name: string; typeName: string; body: string | null } = { name: `F${this.#fragments.length + 1}_${condition.name}`, typeName: condition.name, body: null };
    this.#fragments.push(fragment);
    fragment.body = this.#selectionSet(condition, depth, nesting);
    return `...${fragment.name}`;
  }

  #directives(selection: string): string {
    if (!this.random.chance(0.15)) return selection;
    // A directive belongs after the field's name and arguments or the spread's name, before its selection set.
    const braces = selection.indexOf(' {');
    const condition = this.#condition();
    return braces < 0 ? `${selection} ${condition}` : `${selection.slice(0, braces)} ${condition}${selection.slice(braces)}`;
  }

  #condition(): string {
    const name = this.random.chance(0.5) ? 'skip' : 'include';
    if (this.random.chance(0.4)) return `@${name}(if: ${this.random.chance(0.5)})`;
    const variable = `v${this.random.int(1, 3)}`;
    if (!this.#variables.has(variable)) {
      const kind = this.random.pick<VariableKind>(['required', 'nullable-default', 'required-default']);
      // A required variable without a default is always sent: omitting it fails the request before
      // any authorization, which the hand-written cases cover once. A nullable one may be sent as
      // null, which @skip and @include refuse (their argument is Boolean!), now and then.
      const sends: VariablePlan['send'][] = kind === 'required' ? ['true', 'false'] : kind === 'nullable-default' ? ['true', 'false', 'omit', 'omit', 'true', 'false', 'null'] : ['true', 'false', 'omit'];
      const send = this.random.pick(sends);
      this.#variables.set(variable, { kind, defaultValue: this.random.chance(0.5), send });
    }
    return `@${name}(if: $${variable})`;
  }
}
