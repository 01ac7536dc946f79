import { createHash } from 'node:crypto';
import {
  Kind, getNamedType, isAbstractType, isInterfaceType, isObjectType, parse, print,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLNamedType,
  type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { Principal } from '../../schema/policy/principal.js';
import type { AuthorizationPlan } from './authorization-plan.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import { denialHandling, type EnforcementMode } from './enforcement-mode.js';
import { decideStatically, type Denial } from './field-decision.js';

/** The response key under which the response walk finds an abstract-typed object's runtime type. */
export const TYPENAME_KEY = '__concord_typename';

/** The operation the query planner receives in place of the client's. */
export interface PlannedOperation {
  document: DocumentNode;
  source: string;
  /** sha256 of source: the planner's cache key, so no principal's plan serves another's. */
  queryHash: string;
  operation: OperationDefinitionNode | undefined;
}

/**
 * What one operation demands of one static shape of principal (ARCHITECTURE.md "Static decisions"):
 * which fields are denied before planning, which are left to decide per entity, and which selection
 * sets lie on a path to either. Depends only on the document and the principal's static shape, so it
 * is computed once and cached (operation-analysis-cache.ts).
 */
export interface OperationAnalysis {
  /** The client's document: the response has exactly its shape. */
  document: DocumentNode;
  /** The selected operation; undefined when the name matches none (the planner then refuses it). */
  operation: OperationDefinitionNode | undefined;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Fields removed before planning, by their node in the client's document. */
  denials: ReadonlyMap<FieldNode, Denial>;
  /** Fields kept and decided per entity after fetching. */
  perEntity: ReadonlySet<FieldNode>;
  /** Every field node with a security requirement, by its schema coordinate: what the audit trail records. */
  guarded: ReadonlyMap<FieldNode, string>;
  /** Selection sets (of the client's document) on a path to a denied or per-entity field: the only ones the walk visits. */
  walked: ReadonlySet<SelectionSetNode>;
  /** Variables that @skip or @include read: the walk's shape depends on their values. */
  conditionVariables: readonly string[];
  /** The mode rejects the whole operation for its static denials: nothing is planned or fetched. */
  rejectOperation: boolean;
  /**
   * What the planner receives; null when nothing is guarded and the client's own operation is
   * planned. Computed in reject mode too, where it is never planned: every static denial is pruned
   * in every mode (ARCHITECTURE.md "Enforcement modes").
   */
  planned: PlannedOperation | null;
}

export interface AnalyzeOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  plan: AuthorizationPlan;
  principal: Principal;
  policies: AuthorizationPolicies;
  mode: EnforcementMode;
  /** Deny every guarded field with this denial instead of deciding (the audit log cannot be written). */
  withholdGuarded?: Denial;
}

export function analyzeOperation(input: AnalyzeOperationInput): OperationAnalysis {
  const { schema, document, plan, principal, policies, mode } = input;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const denials = new Map<FieldNode, Denial>();
  const perEntity = new Set<FieldNode>();
  const guarded = new Map<FieldNode, string>();
  const walked = new Set<SelectionSetNode>();
  const seen = new Set<SelectionSetNode>();

  // Marks every selection set on a path to a guarded field. A fragment's selection set is visited
  // once, wherever it is spread: a field's static decision depends only on its parent type and the
  // principal (ARCHITECTURE.md "Static decisions").
  const mark = (set: SelectionSetNode, parentType: GraphQLNamedType | undefined): boolean => {
    if (seen.has(set)) return walked.has(set);
    seen.add(set);
    let onPath = false;
    for (const selection of set.selections) {
      if (markSelection(selection, parentType)) onPath = true;
    }
    if (onPath) walked.add(set);
    return onPath;
  };
  const markSelection = (selection: SelectionNode, parentType: GraphQLNamedType | undefined): boolean => {
    switch (selection.kind) {
      case Kind.FIELD: {
        if (!parentType || !(isObjectType(parentType) || isInterfaceType(parentType))) return false;
        const field = parentType.getFields()[selection.name.value];
        if (!field) return false;
        let onPath = false;
        const requirements = plan.requirementsFor(parentType.name, selection.name.value);
        if (requirements) {
          guarded.set(selection, `${parentType.name}.${selection.name.value}`);
          // Without an audit log to write to, every guarded field is withheld (no audit, no access).
          const decision = input.withholdGuarded ? { outcome: 'deny' as const, denial: input.withholdGuarded } : decideStatically(requirements, principal, policies.named);
          if (decision.outcome === 'deny') {
            denials.set(selection, decision.denial);
            return true;
          }
          if (decision.outcome === 'per-entity') {
            perEntity.add(selection);
            onPath = true;
          }
        }
        if (selection.selectionSet && mark(selection.selectionSet, getNamedType(field.type))) onPath = true;
        return onPath;
      }
      case Kind.INLINE_FRAGMENT: {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        return mark(selection.selectionSet, type ?? undefined);
      }
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(selection.name.value);
        return fragment ? mark(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined) : false;
      }
    }
  };

  for (const operation of operations) mark(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  for (const fragment of fragments.values()) mark(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);

  const operation = selectOperation(operations, input.operationName);
  const rejectOperation = denials.size > 0 && denialHandling(mode, 'static') === 'reject-operation';
  const needsSecondPass = denials.size > 0 || perEntity.size > 0;
  const planned = needsSecondPass
    ? plannedOperation(rewriteForPlanning({ schema, document, denials, perEntity, walked, policies: perEntity.size > 0 ? policies : null }), input.operationName)
    : null;
  return {
    document, operation, fragments, denials, perEntity, guarded, walked,
    conditionVariables: conditionVariablesOf(document), rejectOperation, planned,
  };
}

function selectOperation(operations: readonly OperationDefinitionNode[], name: string | null | undefined): OperationDefinitionNode | undefined {
  if (!name) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((o) => o.name?.value === name);
}

function plannedOperation(document: DocumentNode, operationName: string | null | undefined): PlannedOperation {
  const source = print(document);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return {
    document,
    source,
    queryHash: createHash('sha256').update(source).digest('hex'),
    operation: selectOperation(operations, operationName),
  };
}

interface RewriteInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  denials: ReadonlyMap<FieldNode, Denial>;
  perEntity: ReadonlySet<FieldNode>;
  walked: ReadonlySet<SelectionSetNode>;
  /** Set when some field is decided per entity: governed entities on a walked path then carry their facts. */
  policies: AuthorizationPolicies | null;
}

/**
 * The document for the planner: denied fields removed; on every walked selection set, the runtime
 * type where the type is abstract and the governance facts where it is a governed entity (or a type
 * with facts of its own below one); a selection set emptied by pruning asks for __typename, since an
 * empty one is not valid GraphQL. Selection sets off every guarded path are left as they are, so
 * nothing there needs stripping afterwards.
 */
function rewriteForPlanning(input: RewriteInput): DocumentNode {
  const { schema, denials, perEntity, walked, policies } = input;
  const facts = policies?.facts;
  const factSelections = facts ? selectionsOf(facts.selection) : [];
  const nestedSelections = new Map((facts?.nested ?? []).map((n) => [n.typeName, selectionsOf(n.selection)]));
  const isGoverned = (type: GraphQLNamedType): boolean => {
    if (!facts) return false;
    if (type.name === facts.interfaceName) return true;
    return isObjectType(type) && type.getInterfaces().some((i) => i.name === facts.interfaceName);
  };

  const inSchemaByType = new Map<GraphQLNamedType, Map<readonly SelectionNode[], readonly SelectionNode[]>>();
  const inSchema = (facts: readonly SelectionNode[], type: GraphQLNamedType): readonly SelectionNode[] => {
    let byFacts = inSchemaByType.get(type);
    if (!byFacts) inSchemaByType.set(type, (byFacts = new Map()));
    let kept = byFacts.get(facts);
    if (!kept) byFacts.set(facts, (kept = selectionsInSchema(facts, type)));
    return kept;
  };

  const leadsDirectlyToGuarded = (set: SelectionSetNode): boolean => set.selections.some((selection) =>
    selection.kind === Kind.FIELD && (perEntity.has(selection) || (!!selection.selectionSet && walked.has(selection.selectionSet))));

  const rewriteSet = (set: SelectionSetNode, parentType: GraphQLNamedType | undefined, root: boolean): SelectionSetNode => {
    if (!walked.has(set)) return set;
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (denials.has(selection)) continue;
        if (!selection.selectionSet) {
          selections.push(selection);
          continue;
        }
        const field = parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[selection.name.value] : undefined;
        const rewritten = rewriteSet(selection.selectionSet, field ? getNamedType(field.type) : undefined, false);
        selections.push(rewritten === selection.selectionSet ? selection : { ...selection, selectionSet: rewritten });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parentType;
        const rewritten = rewriteSet(selection.selectionSet, type, false);
        selections.push(rewritten === selection.selectionSet ? selection : { ...selection, selectionSet: rewritten });
      } else {
        selections.push(selection);
      }
    }
    const additions: SelectionNode[] = [];
    if (!root && parentType) {
      if (isAbstractType(parentType)) additions.push(typenameField(TYPENAME_KEY));
      // The facts go where a field decided per entity, or the way down to one, is selected
      // directly: the object that field is read on gets them there, and a fragment spread that
      // merely leads to such a selection does not repeat them.
      if (leadsDirectlyToGuarded(set)) {
        if (isGoverned(parentType)) additions.push(...inSchema(factSelections, parentType));
        additions.push(...inSchema(nestedSelections.get(parentType.name) ?? [], parentType));
      }
    }
    if (selections.length === 0 && additions.length === 0) additions.push(typenameField());
    return { ...set, selections: [...selections, ...additions] };
  };

  const definitions = input.document.definitions.map((definition) => {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const rootType = schema.getRootType(definition.operation) ?? undefined;
      const rewritten = rewriteSet(definition.selectionSet, rootType, true);
      return rewritten === definition.selectionSet ? definition : { ...definition, selectionSet: rewritten };
    }
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const type = schema.getType(definition.typeCondition.name.value) ?? undefined;
      const rewritten = rewriteSet(definition.selectionSet, type, false);
      return rewritten === definition.selectionSet ? definition : { ...definition, selectionSet: rewritten };
    }
    return definition;
  });
  return { ...input.document, definitions };
}

function conditionVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const visitSet = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        for (const argument of directive.arguments ?? []) {
          if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        }
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) visitSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet);
  }
  return [...names].sort();
}

/**
 * The fact selections that the type defines. A supergraph need not define every fact: one whose
 * Licence has no maxDurationMonths (a fact that only sizes a grant) still plans, and one that lacks
 * a fact every decision needs is read as having unreadable facts (every policy denies), rather than
 * failing the whole operation at the planner.
 */
function selectionsInSchema(selections: readonly SelectionNode[], type: GraphQLNamedType): readonly SelectionNode[] {
  if (!isObjectType(type) && !isInterfaceType(type)) return selections;
  const fields = type.getFields();
  const kept: SelectionNode[] = [];
  let changed = false;
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) {
      kept.push(selection);
      continue;
    }
    const field = fields[selection.name.value];
    const inner = field && selection.selectionSet ? selectionsInSchema(selection.selectionSet.selections, getNamedType(field.type)) : undefined;
    if (!field || inner?.length === 0) {
      changed = true;
    } else if (inner === undefined || inner === selection.selectionSet?.selections) {
      kept.push(selection);
    } else {
      changed = true;
      kept.push({ ...selection, selectionSet: { ...selection.selectionSet!, selections: inner } });
    }
  }
  return changed ? kept : selections;
}

function selectionsOf(selection: string): readonly SelectionNode[] {
  const operation = parse(`{ ${selection} }`, { noLocation: true }).definitions[0] as OperationDefinitionNode;
  return operation.selectionSet.selections;
}

function typenameField(alias?: string): FieldNode {
  return {
    kind: Kind.FIELD,
    ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
    name: { kind: Kind.NAME, value: '__typename' },
  };
}

/** The runtime object type of a fetched object whose static type is composite, or undefined. */
export function runtimeTypeOf(schema: GraphQLSchema, staticType: GraphQLCompositeType, value: Record<string, unknown>): GraphQLObjectType | undefined {
  if (isObjectType(staticType)) return staticType;
  const name = value[TYPENAME_KEY] ?? value.__typename;
  if (typeof name !== 'string') return undefined;
  const type = schema.getType(name);
  return type && isObjectType(type) && schema.isSubType(staticType, type) ? type : undefined;
}
