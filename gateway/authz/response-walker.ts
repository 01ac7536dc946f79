import {
  GraphQLError, getNamedType, isListType, isNonNullType, type ASTNode,
  type GraphQLCompositeType, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';
import type { DatasetFacts } from '../../schema/policy/facts.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import type { EntityDecisions } from './entity-decisions.js';
import type { Denial } from './field-decision.js';
import { ConditionError, type FieldStep, type GuardedSelection } from './guarded-paths.js';
import { runtimeTypeOf } from './operation-analysis.js';
import { unauthorizedField } from './unauthorized-field.js';

/** A position that must be null but may not be: null moves up to the nearest nullable position. */
const INVALID: unique symbol = Symbol('invalid');
type Completed = unknown;

export interface WalkInput {
  schema: GraphQLSchema;
  policies: AuthorizationPolicies;
  rootType: GraphQLObjectType;
  root: GuardedSelection;
  /** What the query plan fetched, for the planned operation; rebuilt along guarded paths only. */
  fetched: Record<string, unknown>;
  decisions: EntityDecisions;
}

export interface WalkResult {
  data: Record<string, unknown> | null;
  /** The withheld fields' errors, and any null where the schema forbids one. */
  errors: GraphQLError[];
  /** How many of the errors are denials (UNAUTHORIZED_FIELD_OR_TYPE). */
  denied: number;
}

/**
 * The second pass without re-executing the page (ARCHITECTURE.md "Per-entity decisions"): walks the
 * fetched data along the guarded paths only. Each object on such a path is rebuilt with exactly the
 * response keys of the client's operation (so the facts and type names added for the walk never
 * leave); a withheld field answers null with its error; and a null where the schema says non-null
 * makes its parent null, up to the nearest nullable position, as the GraphQL spec requires (section
 * 6.4.4, "Handling Field Errors"). Everything off those paths is passed on as fetched.
 */
export function walkResponse(input: WalkInput): WalkResult {
  const walk = new ResponseWalk(input);
  let steps: readonly FieldStep[];
  try {
    steps = input.root.stepsFor(input.rootType);
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    return { data: null, errors: [new GraphQLError(error.message, { nodes: [error.node] })], denied: 0 };
  }
  const data = walk.object(input.fetched, input.rootType, steps, null);
  return { data: data === INVALID ? null : data, errors: walk.errors, denied: walk.denied };
}

class ResponseWalk {
  readonly errors: GraphQLError[] = [];
  denied = 0;
  readonly #path: (string | number)[] = [];

  constructor(private readonly input: WalkInput) {}

  object(value: Record<string, unknown>, type: GraphQLObjectType, steps: readonly FieldStep[], facts: DatasetFacts | null): Record<string, unknown> | typeof INVALID {
    const out: Record<string, unknown> = {};
    for (const step of steps) {
      this.#path.push(step.key);
      const completed = this.#field(step, value, type, facts);
      this.#path.pop();
      // A non-null field that could not be completed nulls its whole object (spec 6.4.4); the
      // siblings are not looked at, as graphql-js's executor stops at the first such field.
      if (completed === INVALID) return INVALID;
      out[step.key] = completed;
    }
    return out;
  }

  #field(step: FieldStep, parent: Record<string, unknown>, parentType: GraphQLObjectType, facts: DatasetFacts | null): Completed {
    if (step.type === null) return step.fieldName === '__typename' ? parentType.name : parent[step.key] ?? null;
    let denial: Denial | null = null;
    // A field with no enforceable alternative was denied before planning, and that denial names
    // the policy this gateway does not know; decide() denies it too, should no static denial exist.
    if (step.alternatives && !(step.alternatives.length === 0 && step.staticDenial)) {
      denial = this.input.decisions.decide(`${parentType.name}.${step.fieldName}`, step.alternatives, facts);
    }
    denial ??= step.staticDenial ?? null;
    if (denial) {
      this.errors.push(unauthorizedField({ typeName: parentType.name, fieldName: step.fieldName, nodes: step.nodes, locations: step.locations }, [...this.#path], denial));
      this.denied += 1;
      return isNonNullType(step.type) ? INVALID : null;
    }
    const raw = parent[step.key];
    if (!step.below) {
      if (raw === null || raw === undefined) return this.#null(step, parentType);
      return raw;
    }
    const completed = this.#value(step.type, raw, step, parentType, facts);
    if (completed === INVALID) return isNonNullType(step.type) ? INVALID : null;
    return completed;
  }

  // Returns the completed value, or INVALID when an error was recorded at or below this position
  // and its null must move up to the nearest nullable position.
  #value(type: GraphQLOutputType, raw: unknown, step: FieldStep, parentType: GraphQLObjectType, facts: DatasetFacts | null): Completed {
    if (isNonNullType(type)) {
      const completed = this.#value(type.ofType, raw, step, parentType, facts);
      if (completed === null) return this.#fail(step, `Cannot return null for non-nullable field ${parentType.name}.${step.fieldName}.`);
      return completed;
    }
    if (raw === null || raw === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(raw)) return this.#fail(step, `Expected Iterable, but did not find one for field "${parentType.name}.${step.fieldName}".`);
      const itemType = type.ofType;
      const items = new Array<unknown>(raw.length);
      for (let index = 0; index < raw.length; index += 1) {
        this.#path.push(index);
        const completed = this.#value(itemType, raw[index], step, parentType, facts);
        this.#path.pop();
        if (completed === INVALID) {
          if (isNonNullType(itemType)) return INVALID;
          items[index] = null;
        } else {
          items[index] = completed;
        }
      }
      return items;
    }
    const below = step.below!;
    const record = raw as Record<string, unknown>;
    const runtimeType = typeof raw === 'object' ? runtimeTypeOf(this.input.schema, getNamedType(type) as GraphQLCompositeType, record) : undefined;
    if (!runtimeType) return this.#fail(step, `Abstract type "${getNamedType(type).name}" must resolve to an Object type at runtime for field "${parentType.name}.${step.fieldName}".`);
    let steps: readonly FieldStep[];
    try {
      steps = below.stepsFor(runtimeType);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      return this.#fail(step, error.message, [error.node]);
    }
    return this.object(record, runtimeType, steps, this.#factsBelow(record, runtimeType, facts));
  }

  // An object's facts are its own when it is a governed entity, else those of its nearest governed
  // ancestor, refined by what it carries itself (a Distribution's own licence). Facts that cannot
  // be read are none, and every policy below them denies (ARCHITECTURE.md "Per-entity decisions"):
  // a governed entity is never decided on its parent's facts.
  #factsBelow(record: Record<string, unknown>, type: GraphQLObjectType, inherited: DatasetFacts | null): DatasetFacts | null {
    const governance = this.input.policies.facts;
    if (!governance) return null;
    if (type.name === governance.interfaceName || type.getInterfaces().some((i) => i.name === governance.interfaceName)) {
      return governance.read(record);
    }
    return inherited ? governance.refine(inherited, record) : null;
  }

  #null(step: FieldStep, parentType: GraphQLObjectType): Completed {
    if (step.type && isNonNullType(step.type)) return this.#fail(step, `Cannot return null for non-nullable field ${parentType.name}.${step.fieldName}.`);
    return null;
  }

  #fail(step: FieldStep, message: string, nodes: readonly ASTNode[] = step.nodes): typeof INVALID {
    this.errors.push(new GraphQLError(message, { nodes, path: [...this.#path] }));
    return INVALID;
  }
}
