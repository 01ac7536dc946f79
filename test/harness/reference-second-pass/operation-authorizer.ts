// The reference second pass: the gateway's former graphql-js execute pass, kept as it was so that
// test/unit/gateway/authz/second-pass-equivalence.test.ts can hold the walk of gateway/authz to its
// results. Not used by the gateway; change it only to keep it the reference.

import {
  Kind, TypeInfo, visit, visitWithTypeInfo, isAbstractType, getNamedType, parse,
  type DocumentNode, type FieldNode, type GraphQLSchema, type SelectionNode, type OperationDefinitionNode,
  type GraphQLNamedType,
} from 'graphql';
import type { AuthorizationPlan } from '../../../gateway/authz/authorization-plan.js';
import type { AuthorizationPolicies } from '../../../gateway/authz/authorization-policies.js';
import { denialHandling, type EnforcementMode } from '../../../gateway/authz/enforcement-mode.js';
import { decideStatically, type Denial } from '../../../gateway/authz/field-decision.js';
import type { Principal } from '../../../schema/policy/principal.js';

/** The response key under which the second pass finds each object's runtime type. */
export const TYPENAME_KEY = '__concord_typename';

export interface OperationAuthorization {
  /** What the query planner receives: the operation without the fields the principal may not see. */
  document: DocumentNode;
  /** Fields removed before planning, by their node in the client's document. */
  denials: ReadonlyMap<FieldNode, Denial>;
  /** Fields kept, to be decided per entity after fetching, with their @policy alternatives. */
  perEntity: ReadonlyMap<FieldNode, readonly (readonly string[])[]>;
  /** The mode rejects the whole operation for its static denials: nothing is planned or fetched. */
  rejectOperation: boolean;
}

export interface AuthorizeOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  plan: AuthorizationPlan;
  principal: Principal;
  policies: AuthorizationPolicies;
  mode: EnforcementMode;
}

/**
 * Decides every guarded field the principal alone can decide, before planning, so that no subgraph
 * is ever asked for a field the principal may not see (ARCHITECTURE.md "Static decisions"). Every
 * static denial is pruned, in every mode; the mode only decides whether it also rejects the whole
 * operation (ARCHITECTURE.md "Enforcement modes"), which the caller then does before planning.
 */
export function authorizeOperation(input: AuthorizeOperationInput): OperationAuthorization {
  const { schema, plan, principal, policies, mode } = input;
  const denials = new Map<FieldNode, Denial>();
  const perEntity = new Map<FieldNode, readonly (readonly string[])[]>();
  const typeInfo = new TypeInfo(schema);

  const pruned = visit(input.document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent) return undefined;
      const requirements = plan.requirementsFor(parent.name, node.name.value);
      if (!requirements) return undefined;
      const decision = decideStatically(requirements, principal, policies.named);
      if (decision.outcome === 'deny') {
        denials.set(node, decision.denial);
        return null;
      }
      if (decision.outcome === 'per-entity') perEntity.set(node, decision.alternatives);
      return undefined;
    },
  }));

  const rejectOperation = denials.size > 0 && denialHandling(mode, 'static') === 'reject-operation';
  if (denials.size === 0 && perEntity.size === 0) return { document: input.document, denials, perEntity, rejectOperation };
  return { document: prepareForSecondPass(schema, pruned, perEntity.size > 0 ? policies : null), denials, perEntity, rejectOperation };
}

// A selection set emptied by pruning is invalid GraphQL, so it asks for __typename instead; every
// abstract selection set asks for the runtime type, which the second pass needs to tell which
// fragments apply; and every selection set on a governed entity asks for its governance facts.
function prepareForSecondPass(schema: GraphQLSchema, document: DocumentNode, policies: AuthorizationPolicies | null): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const facts = policies?.facts;
  const factSelections = facts ? selectionsOf(facts.selection) : [];
  const nestedSelections = new Map((facts?.nested ?? []).map((n) => [n.typeName, selectionsOf(n.selection)]));
  const isGoverned = (type: GraphQLNamedType): boolean => {
    if (!facts) return false;
    if (type.name === facts.interfaceName) return true;
    return 'getInterfaces' in type && type.getInterfaces().some((i) => i.name === facts.interfaceName);
  };
  return visit(document, visitWithTypeInfo(typeInfo, {
    SelectionSet: {
      leave(node, _key, parent) {
        // The operation's own root selection set never needs facts or a type name.
        if ((parent as OperationDefinitionNode | undefined)?.kind === Kind.OPERATION_DEFINITION) {
          return node.selections.length === 0 ? { ...node, selections: [typenameField()] } : undefined;
        }
        const type = typeInfo.getParentType();
        const named = type ? getNamedType(type) : undefined;
        const additions: SelectionNode[] = [];
        if (named && isAbstractType(named)) additions.push(typenameField(TYPENAME_KEY));
        if (named && isGoverned(named)) additions.push(...factSelections);
        if (named) additions.push(...(nestedSelections.get(named.name) ?? []));
        if (node.selections.length === 0 && additions.length === 0) additions.push(typenameField());
        return additions.length > 0 ? { ...node, selections: [...node.selections, ...additions] } : undefined;
      },
    },
  }));
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
