import {
  GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext,
} from 'graphql';

/**
 * Refuses operations nested deeper than `maxDepth` fields, fragments followed, so that a hostile
 * query cannot make the gateway plan and fetch without bound. Depth counts fields only.
 */
export function createMaxDepthRule(maxDepth: number) {
  return function MaxDepthRule(context: ValidationContext): ASTVisitor {
    return {
      OperationDefinition(node) {
        const depth = selectionDepth(node.selectionSet, context, new Set(), maxDepth + 1);
        if (depth > maxDepth) {
          const name = node.name ? `"${node.name.value}"` : 'The operation';
          context.reportError(new GraphQLError(`${name} is nested more than ${maxDepth} fields deep, the most allowed.`, { nodes: node }));
        }
        return false;
      },
    };
  };
}

// Stops counting once past the limit, and does not follow a fragment already on the path (a cycle
// is another rule's error), so a hostile document cannot make this rule itself expensive.
function selectionDepth(selectionSet: SelectionSetNode, context: ValidationContext, path: Set<string>, stopAt: number): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      depth = 1 + (selection.selectionSet && stopAt > 1 ? selectionDepth(selection.selectionSet, context, path, stopAt - 1) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, context, path, stopAt);
    } else {
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(selection.name.value);
      if (fragment && !path.has(fragment.name.value)) {
        path.add(fragment.name.value);
        depth = selectionDepth(fragment.selectionSet, context, path, stopAt);
        path.delete(fragment.name.value);
      }
    }
    deepest = Math.max(deepest, depth);
    if (deepest >= stopAt) return deepest;
  }
  return deepest;
}
