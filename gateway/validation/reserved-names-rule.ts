import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Names beginning with "__" are reserved for GraphQL itself (GraphQL spec, section 2.1.9 "Names":
 * "Names ... must not begin with __"), and the gateway relies on that: it fetches governance facts
 * and runtime types under "__concord_" aliases. An operation may not use such an alias, or it could
 * collide with, and so forge, the facts a policy decides on.
 */
export function ReservedNamesRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.alias?.value.startsWith('__')) {
        context.reportError(new GraphQLError(`Alias "${node.alias.value}" is not allowed: names beginning with "__" are reserved.`, { nodes: node.alias }));
      }
    },
  };
}
