import {
  Kind, TypeInfo, visit, visitWithTypeInfo, isAbstractType, getNamedType,
  type DocumentNode, type FieldNode, type GraphQLSchema, type SelectionNode,
} from 'graphql';
import type { AuthorizationPlan } from './authorization-plan.js';
import { decideStatically, type Denial, type PolicyRegistry } from './field-decision.js';
import type { Principal } from './principal.js';

/** The response key under which the second pass finds each object's runtime type. */
export const TYPENAME_KEY = '__concord_typename';

export interface OperationAuthorization {
  /** What the query planner receives: the operation without the fields the principal may not see. */
  document: DocumentNode;
  /** Fields removed before planning, by their node in the client's document. */
  denials: ReadonlyMap<FieldNode, Denial>;
  /** Fields kept, to be decided per entity after fetching. */
  perEntity: ReadonlyMap<FieldNode, readonly string[]>;
}

export interface AuthorizeOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  plan: AuthorizationPlan;
  principal: Principal;
  policies: PolicyRegistry;
}

/**
 * Decides every guarded field the principal alone can decide, before planning, so that no subgraph
 * is ever asked for a field the principal may not see (DESIGN "Authorization", step 2).
 */
export function authorizeOperation(input: AuthorizeOperationInput): OperationAuthorization {
  const { schema, plan, principal, policies } = input;
  const denials = new Map<FieldNode, Denial>();
  const perEntity = new Map<FieldNode, readonly string[]>();
  const typeInfo = new TypeInfo(schema);

  const pruned = visit(input.document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent) return undefined;
      const requirements = plan.requirementsFor(parent.name, node.name.value);
      if (!requirements) return undefined;
      const decision = decideStatically(requirements, principal, policies);
      if (decision.outcome === 'deny') {
        denials.set(node, decision.denial);
        return null;
      }
      if (decision.outcome === 'per-entity') perEntity.set(node, decision.policies);
      return undefined;
    },
  }));

  if (denials.size === 0 && perEntity.size === 0) return { document: input.document, denials, perEntity };
  return { document: prepareForSecondPass(schema, pruned), denials, perEntity };
}

// A selection set emptied by pruning is invalid GraphQL, so it asks for __typename instead; and
// every abstract selection set asks for the runtime type, which the second pass needs to tell
// which fragments apply to each object.
function prepareForSecondPass(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(document, visitWithTypeInfo(typeInfo, {
    SelectionSet: {
      leave(node) {
        const type = typeInfo.getParentType();
        const additions: SelectionNode[] = [];
        if (type && isAbstractType(getNamedType(type))) additions.push(typenameField(TYPENAME_KEY));
        if (node.selections.length === 0 && additions.length === 0) additions.push(typenameField());
        return additions.length > 0 ? { ...node, selections: [...node.selections, ...additions] } : undefined;
      },
    },
  }));
}

function typenameField(alias?: string): FieldNode {
  return {
    kind: Kind.FIELD,
    ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
    name: { kind: Kind.NAME, value: '__typename' },
  };
}
