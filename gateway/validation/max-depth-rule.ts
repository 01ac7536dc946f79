import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';
import { createDepthMeasure } from './selection-depth.js';

/**
 * Refuses operations nested deeper than `maxDepth` fields, fragments followed, so that a hostile
 * query cannot make the gateway plan and fetch without bound. Depth counts fields only; how deep
 * fragments may nest is MaxNestingRule's.
 */
export function createMaxDepthRule(maxDepth: number) {
  return function MaxDepthRule(context: ValidationContext): ASTVisitor {
    const depthOf = createDepthMeasure(context, (selection) => (selection.kind === Kind.FIELD ? 1 : 0));
    return {
      OperationDefinition(node) {
        if (depthOf(node.selectionSet) > maxDepth) {
          const name = node.name ? `"${node.name.value}"` : 'The operation';
          context.reportError(new GraphQLError(`${name} is nested more than ${maxDepth} fields deep, the most allowed.`, { nodes: node }));
        }
        return false;
      },
    };
  };
}
