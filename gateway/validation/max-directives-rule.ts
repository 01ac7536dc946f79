import { GraphQLError, Kind, visit, type ASTNode, type ASTVisitor, type DirectiveNode, type ValidationContext } from 'graphql';

/**
 * Refuses a document with more than `perField` directives on one field, fragment or operation, or
 * more than `total` in all: a field carrying dozens of repeated directives was accepted (issue 12),
 * and every one is validated and errs on its own. Counted when the document is entered, before any
 * other rule has walked it, so this is the first error the caller reads.
 */
export function createMaxDirectivesRule(perField: number, total: number) {
  return function MaxDirectivesRule(context: ValidationContext): ASTVisitor {
    return {
      Document(document) {
        let count = 0;
        let crowded: { node: ASTNode & { directives?: readonly DirectiveNode[] }; directives: number } | null = null;
        visit(document, {
          enter(node) {
            const directives = 'directives' in node ? node.directives?.length ?? 0 : 0;
            count += directives;
            if (!crowded && directives > perField) crowded = { node, directives };
          },
        });
        if (crowded) {
          const { node, directives } = crowded as { node: ASTNode; directives: number };
          context.reportError(new GraphQLError(`${describe(node)} carries ${directives} directives; at most ${perField} are allowed on one.`, { nodes: node }));
        }
        if (count > total) {
          context.reportError(new GraphQLError(`The document carries ${count} directives; at most ${total} are allowed.`, { nodes: document.definitions[0] }));
        }
      },
    };
  };
}

function describe(node: ASTNode): string {
  switch (node.kind) {
    case Kind.FIELD: return `Field "${node.alias?.value ?? node.name.value}"`;
    case Kind.OPERATION_DEFINITION: return node.name ? `Operation "${node.name.value}"` : 'The operation';
    case Kind.FRAGMENT_DEFINITION: return `Fragment "${node.name.value}"`;
    case Kind.FRAGMENT_SPREAD: return `The spread of fragment "${node.name.value}"`;
    case Kind.INLINE_FRAGMENT: return 'An inline fragment';
    case Kind.VARIABLE_DEFINITION: return `Variable "$${node.variable.name.value}"`;
    default: return 'A node';
  }
}
