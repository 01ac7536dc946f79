// What the gateway said when it refused an operation, shown as it said it (ARCHITECTURE.md "Errors":
// every message says what is wrong and what to do). A BAD_USER_INPUT error names the argument at
// fault (extensions.argumentName), so a form can put it next to the field that caused it.

export interface GatewayError {
  message: string;
  graphQLErrors: readonly { message: string; extensions?: Record<string, unknown> | null }[];
}

/** Every GraphQL error's message, or the transport's when there is none (the gateway unreachable, say). */
export function refusalText(error: GatewayError): string {
  const messages = error.graphQLErrors.map((e) => e.message);
  return messages.length ? messages.join('; ') : error.message;
}

/**
 * The messages placed by field: an error whose argumentName is one of the form's fields goes next to
 * it (`fields` maps argument names to the form's field names); the rest are the form's own.
 */
export function placeRefusal<F extends string>(error: GatewayError, fields: Readonly<Record<string, F>>): { byField: Partial<Record<F, string>>; rest: string | null } {
  const byField: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const e of error.graphQLErrors) {
    const argument = e.extensions?.argumentName;
    const field = typeof argument === 'string' && Object.hasOwn(fields, argument) ? fields[argument] : undefined;
    if (field !== undefined) byField[field] = byField[field] ? `${byField[field]}; ${e.message}` : e.message;
    else rest.push(e.message);
  }
  if (error.graphQLErrors.length === 0) rest.push(error.message);
  return { byField, rest: rest.length ? rest.join('; ') : null };
}
