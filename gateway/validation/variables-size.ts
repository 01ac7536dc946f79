import { GraphQLError } from 'graphql';

/**
 * The request's variables, measured as the JSON they arrived as (a string for GET, an object for
 * POST), before anything coerces them: a body within MAX_REQUEST_BYTES can still carry far more input
 * than any operation needs, such as a search text of 115 KB repeated under forty aliases (issue 12).
 */
export function checkVariablesSize(variables: unknown, maxBytes: number): GraphQLError | null {
  if (variables === undefined || variables === null) return null;
  const json = typeof variables === 'string' ? variables : JSON.stringify(variables);
  const bytes = Buffer.byteLength(json ?? '', 'utf8');
  if (bytes <= maxBytes) return null;
  return new GraphQLError(`The variables take ${bytes} bytes; at most ${maxBytes} are allowed.`);
}
