import {
  getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, Kind, SchemaMetaFieldDef, TypeMetaFieldDef,
  TypeNameMetaFieldDef, valueFromAST, valueFromASTUntyped, type DocumentNode, type FieldNode, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

// What an operation would cost to answer, estimated from its text and variables before it is planned
// (issue 12: thirty aliases of `datasets(first: 1000)` took 2.7 s and 10 MB each). Every field
// occurrence costs its own price (1 unless FIELD_COSTS says otherwise), aliases included since each
// is resolved on its own, times the number of items it stands for: a list field stands for as many
// items as its `first` (or `last`) argument asks, and a connection's `first` sizes its `edges` and
// `nodes`; a list nothing sizes is assumed to hold DEFAULT_LIST_SIZE items. Fragments and both
// branches of @skip/@include count in full: the estimate is an upper bound, never an under-count.

export interface CostSettings {
  /** Price of one occurrence of a field, by schema coordinate ("Query.search"); unlisted fields cost 1. */
  fieldCosts: ReadonlyMap<string, number>;
  defaultListSize: number;
}

const SLICING_ARGUMENTS = ['first', 'last'];
/** The list fields of a Relay-style connection that its `first` argument sizes. */
const SIZED_FIELDS = new Set(['edges', 'nodes']);

export function estimateCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined, settings: CostSettings,
): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const fragmentCosts = new Map<string, number>();
  const measuring = new Set<string>();
  const variableValues = coercedVariables(operation, variables);

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, sliceSize: number | null): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, sliceSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, type, sliceSize);
      } else {
        total += spreadCost(selection.name.value, sliceSize);
      }
    }
    return total;
  };

  // A fragment's cost depends only on the slice size it is spread under, so it is computed once per size.
  const spreadCost = (name: string, sliceSize: number | null): number => {
    const key = `${name}/${sliceSize}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || measuring.has(key)) return 0;
    measuring.add(key);
    const cost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), sliceSize);
    measuring.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType | undefined, sliceSize: number | null): number => {
    if (node.name.value === TypeNameMetaFieldDef.name) return 0;
    const definition = fieldDefinition(schema, parent, node.name.value);
    const price = parent ? settings.fieldCosts.get(`${parent.name}.${node.name.value}`) ?? 1 : 1;
    const slice = definition ? sliceOf(definition, node, variableValues) : null;
    const isList = definition !== undefined && isListType(getNullableType(definition.type));
    let items = 1;
    let childSlice: number | null = null;
    if (isList) items = slice ?? (sliceSize !== null && SIZED_FIELDS.has(node.name.value) ? sliceSize : settings.defaultListSize);
    else if (slice !== null) childSlice = slice;
    const below = node.selectionSet ? selectionCost(node.selectionSet, definition ? getNamedType(definition.type) : undefined, childSlice) : 0;
    return items * (price + below);
  };

  return selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, null);
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/** The items a slicing argument asks for: from the text, the variables, or the argument's default. */
function sliceOf(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number | null {
  for (const name of SLICING_ARGUMENTS) {
    const argument = definition.args.find((a) => a.name === name);
    if (!argument) continue;
    const given = node.arguments?.find((a) => a.name.value === name);
    const value = given ? valueFromAST(given.value, argument.type, variables) : argument.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.floor(value));
  }
  return null;
}

/** The variables as sent, completed with the operation's defaults; only numbers matter here. */
function coercedVariables(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const sent = variables?.[name];
    if (sent !== undefined && sent !== null) values[name] = sent;
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}
