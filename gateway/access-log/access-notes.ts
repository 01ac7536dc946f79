import type { ApolloServerPlugin, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { accessNotesOf, type AccessNotes } from '../../runtime/access-log.js';
import type { Principal } from '../../schema/policy/principal.js';

// What the gateway adds to each request's access log line (runtime/access-log.ts; issue 12,
// "Operations"): the caller's subject once the token is verified, and the operation's name once it
// is resolved. The token itself is never noted.

/** Longest operation name kept in a log line (names are the client's choice). */
export const MAX_LOGGED_OPERATION_NAME = 128;

/** The name an operation without one is logged and counted under. */
export const ANONYMOUS_OPERATION = 'anonymous';

// Carried on the context under a symbol: Apollo Server hands the plugins a shallow copy of the
// context, which keeps its symbol-keyed properties, and the notes object itself is shared.
const NOTES = Symbol('access notes');
type WithNotes = { [NOTES]?: AccessNotes };

/** Around the context function that establishes the principal: notes its subject (authenticated callers only). */
export function noteCaller<TContext extends BaseContext & { principal?: Principal }>(
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>,
): ContextFunction<[ExpressContextFunctionArgument], TContext> {
  return async (argument) => {
    const notes = accessNotesOf(argument.req);
    const value = await context(argument);
    if (value.principal?.authenticated && value.principal.subject) notes.subject = value.principal.subject;
    return Object.assign(value, { [NOTES]: notes });
  };
}

/** Notes the name of each operation that was resolved, that is parsed and validated. */
export function accessNotesPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      const notes = (contextValue as WithNotes)[NOTES];
      if (!notes) return;
      return {
        async didResolveOperation({ operationName }) {
          notes.operationName = operationName ? operationName.slice(0, MAX_LOGGED_OPERATION_NAME) : ANONYMOUS_OPERATION;
        },
      };
    },
  };
}
