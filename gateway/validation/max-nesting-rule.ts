import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';
import { createDepthMeasure } from './selection-depth.js';

/**
 * Refuses operations whose selection sets nest more than `maxNesting` levels, counting fields with
 * a selection, inline fragments and fragment spreads alike. The text's own brackets are bounded
 * before parsing (source-limits.ts); a chain of named fragments is not visible there, and the
 * planner recurses through it as through inline fragments, which overflowed its stack at 2,000
 * levels (issue 12).
 */
export function createMaxNestingRule(maxNesting: number) {
  return function MaxNestingRule(context: ValidationContext): ASTVisitor {
    const nestingOf = createDepthMeasure(context, (selection) => (selection.kind === Kind.FIELD && !selection.selectionSet ? 0 : 1));
    return {
      OperationDefinition(node) {
        if (1 + nestingOf(node.selectionSet) > maxNesting) {
          const name = node.name ? `"${node.name.value}"` : 'The operation';
          context.reportError(new GraphQLError(`${name} nests selections more than ${maxNesting} levels deep through fields and fragments, the most allowed.`, { nodes: node }));
        }
        return false;
      },
    };
  };
}
