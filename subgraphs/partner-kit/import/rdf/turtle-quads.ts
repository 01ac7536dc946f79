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
    return { quads: [], problems: [syntaxProblem(error, text)] };
  }
}

function syntaxProblem(error: unknown, text: string): SourceProblem {
  if (!(error instanceof Error)) return { where: 'Turtle', message: `the Turtle could not be read: ${String(error)}` };
  const context = (error as N3SyntaxError).context;
  if (context?.line === undefined) return { where: 'Turtle', message: `the Turtle could not be read: ${error.message}` };
  return { where: `${context.line}:${column(context, text)}`, message: `Turtle syntax error: ${error.message}` };
}

// The offending token's start if n3 kept it, else the first character after the token before it;
// n3 counts columns from 0, a report from 1.
function column(context: NonNullable<N3SyntaxError['context']>, text: string): number {
  const { line, token, previousToken } = context;
  if (token?.start !== undefined && token.line === line) return token.start + 1;
  if (previousToken?.end === undefined || previousToken.line !== line || line === undefined) return 1;
  const content = lineOf(text, line);
  let at = previousToken.end;
  while (at < content.length && (content[at] === ' ' || content[at] === '\t')) at += 1;
  return at + 1;
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let current = 1; current < line && start !== -1; current += 1) {
    start = text.indexOf('\n', start);
    if (start !== -1) start += 1;
  }
  if (start === -1) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end);
}
