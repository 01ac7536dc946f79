import {
  Kind, getNamedType, isAbstractType, isObjectType,
  type ASTNode, type DirectiveNode, type FieldNode, type GraphQLCompositeType, type GraphQLNamedType, type GraphQLObjectType,
  type GraphQLOutputType, type GraphQLSchema, type SelectionSetNode, type SourceLocation, getLocation,
} from 'graphql';
import type { Alternatives } from '../../schema/policy/policy-alternatives.js';
import type { AuthorizationPlan } from './authorization-plan.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import { perEntityAlternatives, type Denial } from './field-decision.js';
import type { OperationAnalysis } from './operation-analysis.js';

/** One response key of an object of one runtime type, as the client's operation collects it. */
export interface FieldStep {
  /** The response key (alias or name). */
  key: string;
  fieldName: string;
  /** Every field node merged under the key (GraphQL spec section 6.3.2, CollectFields). */
  nodes: readonly FieldNode[];
  /** Where those nodes stand in the client's document, for errors. */
  locations: readonly SourceLocation[] | undefined;
  /** The field's type on the runtime type; null for __typename. */
  type: GraphQLOutputType | null;
  /** A denial made before planning on any of the nodes. */
  staticDenial: Denial | undefined;
  /** The runtime type's @policy alternatives for the field, decided per entity; null when it has none. */
  alternatives: Alternatives | null;
  /** The selection sets below, when a guarded field lies below; null when the value is passed on as fetched. */
  below: GuardedSelection | null;
}

export interface GuardedPathsContext {
  schema: GraphQLSchema;
  rules: PerEntityRules;
  analysis: OperationAnalysis;
  /** Values of the variables @skip and @include read. */
  conditions: Readonly<Record<string, unknown>>;
}

/**
 * The selection sets that apply to one position of the response, compiled per runtime type into the
 * list of response keys to build (ARCHITECTURE.md "Per-entity decisions"). Compiled lazily, once per
 * runtime type met, and kept with the cached operation: a page of 50 datasets of three partner types
 * compiles three shapes.
 */
export class GuardedSelection {
  readonly #shapes = new Map<string, readonly FieldStep[]>();

  constructor(
    private readonly context: GuardedPathsContext,
    readonly staticType: GraphQLCompositeType,
    private readonly sets: readonly SelectionSetNode[],
  ) {}

  stepsFor(runtimeType: GraphQLObjectType): readonly FieldStep[] {
    let steps = this.#shapes.get(runtimeType.name);
    if (!steps) {
      steps = this.#compile(runtimeType);
      this.#shapes.set(runtimeType.name, steps);
    }
    return steps;
  }

  #compile(runtimeType: GraphQLObjectType): FieldStep[] {
    const grouped = new Map<string, FieldNode[]>();
    // One set of visited fragments for all merged selection sets, as graphql-js's collectSubfields
    // does: a fragment reached through two merged fields contributes its nodes once.
    const visitedFragments = new Set<string>();
    for (const set of this.sets) collectFields(this.context, runtimeType, set, grouped, visitedFragments);
    const { rules, analysis } = this.context;
    const fields = runtimeType.getFields();
    return [...grouped].map(([key, nodes]) => {
      const fieldName = nodes[0]!.name.value;
      const field = fields[fieldName];
      const staticDenial = nodes.map((n) => analysis.denials.get(n)).find((d) => d !== undefined);
      const alternatives = rules.alternativesFor(runtimeType.name, fieldName);
      const belowSets = nodes.flatMap((n) => (n.selectionSet && analysis.walked.has(n.selectionSet) ? [n.selectionSet] : []));
      // Every merged node's selection set applies to the value, walked or not: the walk rebuilds
      // the object with all of them.
      const allSets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      const namedType = field ? getNamedType(field.type) : undefined;
      const below = belowSets.length > 0 && namedType && isCompositeNamed(namedType)
        ? new GuardedSelection(this.context, namedType, allSets)
        : null;
      return {
        key, fieldName, nodes, locations: locationsOf(nodes),
        type: field ? field.type : null, staticDenial, alternatives, below,
      };
    });
  }
}

/**
 * The @policy alternatives of each coordinate, decided per entity (field-decision.ts), computed once
 * per supergraph and shared: two fields demanding the same alternatives (a distribution's access and
 * download URLs) get the very same list, so a request decides it once per entity.
 */
export class PerEntityRules {
  readonly #byCoordinate = new Map<string, Alternatives | null>();
  readonly #interned = new Map<string, Alternatives>();

  constructor(private readonly plan: AuthorizationPlan, private readonly policies: AuthorizationPolicies) {}

  alternativesFor(typeName: string, fieldName: string): Alternatives | null {
    const coordinate = `${typeName}.${fieldName}`;
    let alternatives = this.#byCoordinate.get(coordinate);
    if (alternatives === undefined) {
      const requirements = this.plan.requirementsFor(typeName, fieldName);
      const computed = requirements ? perEntityAlternatives(requirements, this.policies.named) : null;
      if (computed) {
        const key = JSON.stringify(computed);
        alternatives = this.#interned.get(key) ?? computed;
        this.#interned.set(key, alternatives);
      } else {
        alternatives = null;
      }
      this.#byCoordinate.set(coordinate, alternatives);
    }
    return alternatives;
  }
}

function isCompositeNamed(type: GraphQLNamedType): type is GraphQLCompositeType {
  return isObjectType(type) || isAbstractType(type);
}

// CollectFields (GraphQL spec section 6.3.2): fields in document order, fragments whose type
// condition applies to the runtime type, @skip and @include with the request's variables.
function collectFields(
  context: GuardedPathsContext,
  runtimeType: GraphQLObjectType,
  set: SelectionSetNode,
  grouped: Map<string, FieldNode[]>,
  visitedFragments: Set<string>,
): void {
  for (const selection of set.selections) {
    if (!included(selection.directives, context.conditions)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = grouped.get(key);
        if (nodes) nodes.push(selection);
        else grouped.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (selection.typeCondition && !conditionApplies(context.schema, selection.typeCondition.name.value, runtimeType)) break;
        collectFields(context, runtimeType, selection.selectionSet, grouped, visitedFragments);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visitedFragments.has(name)) break;
        visitedFragments.add(name);
        const fragment = context.analysis.fragments.get(name);
        if (!fragment || !conditionApplies(context.schema, fragment.typeCondition.name.value, runtimeType)) break;
        collectFields(context, runtimeType, fragment.selectionSet, grouped, visitedFragments);
        break;
      }
    }
  }
}

function conditionApplies(schema: GraphQLSchema, typeName: string, runtimeType: GraphQLObjectType): boolean {
  if (typeName === runtimeType.name) return true;
  const conditionType = schema.getType(typeName);
  return !!conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, runtimeType);
}

/** A @skip or @include whose condition is not a boolean: the field collecting it answers this error. */
export class ConditionError extends Error {
  constructor(message: string, readonly node: ASTNode) {
    super(message);
  }
}

// @skip(if:) and @include(if:) (GraphQL spec sections 3.13.2 and 3.13.3): skip wins when both apply.
function included(directives: readonly DirectiveNode[] | undefined, conditions: Readonly<Record<string, unknown>>): boolean {
  if (!directives || directives.length === 0) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if');
    if (!argument) continue;
    let value: boolean;
    if (argument.value.kind === Kind.VARIABLE) {
      const given = conditions[argument.value.name.value];
      // A nullable variable sent as null reaches a Boolean! argument: a field error where the
      // selection is collected (GraphQL spec section 6.4.1), never a silent skip.
      if (typeof given !== 'boolean') throw new ConditionError('Argument "if" of non-null type "Boolean!" must not be null.', argument.value);
      value = given;
    } else {
      value = argument.value.kind === Kind.BOOLEAN && argument.value.value;
    }
    if (name === 'skip' && value) return false;
    if (name === 'include' && !value) return false;
  }
  return true;
}

function locationsOf(nodes: readonly FieldNode[]): SourceLocation[] | undefined {
  const locations = nodes.flatMap((n) => (n.loc ? [getLocation(n.loc.source, n.loc.start)] : []));
  return locations.length > 0 ? locations : undefined;
}

/** The walk's entry: the selected operation's root selection set. */
export function rootSelection(context: GuardedPathsContext): { type: GraphQLObjectType; selection: GuardedSelection } | null {
  const operation = context.analysis.operation;
  const rootType = operation ? context.schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType) return null;
  return { type: rootType, selection: new GuardedSelection(context, rootType, [operation.selectionSet]) };
}
