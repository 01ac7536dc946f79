import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses documents with more than `maxAliases` aliases: aliasing one expensive field hundreds of
 * times is the usual way to multiply a query's cost without making it deeper.
 */
export function createMaxAliasesRule(maxAliases: number) {
  return function MaxAliasesRule(context: ValidationContext): ASTVisitor {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave(node) {
          if (aliases > maxAliases) {
            context.reportError(new GraphQLError(`The document uses ${aliases} aliases; at most ${maxAliases} are allowed.`, { nodes: node.definitions[0] }));
          }
        },
      },
    };
  };
}
