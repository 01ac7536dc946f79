import { Parser, type Quad } from 'n3';
import type { SourceProblem } from '../source-dataset.js';

// Turtle, TriG and N-Triples are read by n3's parser in TriG mode (a superset of the other two);
// N-Quads needs its own mode. n3 stops at the first syntax error and says on which line; the token
// it met gives the column.

export type TurtleSyntax = 'TriG' | 'N-Quads';

export interface TurtleReading {
  quads: Quad[];
  problems: SourceProblem[];
}

interface N3Token {
  line?: number;
  start?: number;
  end?: number;
}

interface N3SyntaxError extends Error {
  context?: { line?: number; token?: N3Token; previousToken?: N3Token };
}

export function turtleQuads(text: string, baseIri: string, syntax: TurtleSyntax): TurtleReading {
  try {
    const quads = new Parser({ format: syntax, baseIRI: baseIri }).parse(text);
    return { quads, problems: [] };
  } catch (error) {
    return { quads: [], problems: [syntaxProblem(error)] };
  }
}

function syntaxProblem(error: unknown): SourceProblem {
  if (!(error instanceof Error)) return { where: 'Turtle', message: `the Turtle could not be read: ${String(error)}` };
  const context = (error as N3SyntaxError).context;
  if (context?.line === undefined) return { where: 'Turtle', message: `the Turtle could not be read: ${error.message}` };
  return { where: `${context.line}:${column(context)}`, message: `Turtle syntax error: ${error.message}` };
}

// The offending token's start if n3 kept it, else just past the token before it; n3 counts columns
// from 0, a report from 1.
function column(context: NonNullable<N3SyntaxError['context']>): number {
  const { line, token, previousToken } = context;
  if (token?.start !== undefined && token.line === line) return token.start + 1;
  if (previousToken?.end !== undefined && previousToken.line === line) return previousToken.end + 1;
  return 1;
}
