import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

// The query text, checked before it is parsed (ARCHITECTURE.md, "Request path", step 1). graphql-js
// parses, validates and the planner walks a document recursively: inline fragments nested 2,000 deep
// overflowed the stack in planning (issue 12), and a list value nested 2,000 deep overflows the
// parser itself. The lexer is a loop, so counting tokens and open brackets with it is safe at any
// depth, and it stops at the first limit passed, so its own cost is bounded too.

export interface SourceLimits {
  maxTokens: number;
  maxNesting: number;
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * The first limit the text passes, as an error with its location, or null. A syntax error is left
 * for the parser to report with its own message.
 */
export function checkSourceLimits(text: string, limits: SourceLimits): GraphQLError | null {
  const source = new Source(text);
  const lexer = new Lexer(source);
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return new GraphQLError(`The document has more than ${limits.maxTokens} tokens, the most allowed.`, { source, positions: [token.start] });
      }
      if (OPENING.has(token.kind) && ++nesting > limits.maxNesting) {
        return new GraphQLError(
          `The document nests selections, arguments or values more than ${limits.maxNesting} levels deep, the most allowed.`,
          { source, positions: [token.start] },
        );
      }
      if (CLOSING.has(token.kind)) nesting--;
    }
  } catch {
    return null;
  }
  return null;
}
