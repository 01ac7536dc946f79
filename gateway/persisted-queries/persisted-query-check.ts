import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import type { BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ErrorCode } from '../../schema/error-codes.js';
import { checkSourceLimits, type SourceLimits } from '../validation/source-limits.js';
import { isOperationHash, operationHash, type PersistedQueryRegistry } from './persisted-query-registry.js';

// The checks of a request's persisted query, with the context, as the other checks of the raw request
// (gateway/limits/request-checks.ts), because Apollo Server parses and validates before any plugin may
// refuse with a status of its own (issue 12, item 4):
// - always: `extensions.persistedQuery` as the protocol has it (version 1, a SHA-256 in hex, the hash
//   of the text when both come), refused with BAD_REQUEST and a message saying what is wrong (Apollo
//   Server's own refusals have no code, so they would leave as INTERNAL_SERVER_ERROR);
// - in safelist mode (PERSISTED_QUERIES=safelist): only operations registered with `npm run persist`
//   run, by hash alone or in full; any other is refused with HTTP 400 before it is parsed, and before
//   the token is verified.

type Argument = ExpressContextFunctionArgument;

interface RawRequest {
  query?: unknown;
  extensions?: unknown;
  operationName?: unknown;
}

export interface PersistedQueryCheckOptions {
  /** Safelist mode: the registered operations, the only ones that run. */
  safelist?: PersistedQueryRegistry;
  sourceLimits: SourceLimits;
}

/** `context`, behind the checks of the request's persisted query. */
export function withPersistedQueryChecks<TContext extends BaseContext>(
  context: ContextFunction<[Argument], TContext>, options: PersistedQueryCheckOptions,
): ContextFunction<[Argument], TContext> {
  return async (argument) => {
    for (const request of rawRequests(argument.req)) {
      const text = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
      const claimed = persistedQueryOf(request.extensions);
      if (claimed !== undefined) checkProtocol(claimed, text);
      if (options.safelist) await admit(text, claimed?.sha256Hash as string | undefined, request, options.safelist, options.sourceLimits);
    }
    return context(argument);
  };
}

function checkProtocol(claimed: { version?: unknown; sha256Hash?: unknown }, text: string | undefined): void {
  if (claimed.version !== 1) {
    throw refusal(`extensions.persistedQuery.version must be 1 (automatic persisted queries, version 1), got ${JSON.stringify(claimed.version) ?? 'none'}.`, ErrorCode.BadRequest, 400);
  }
  if (!isOperationHash(claimed.sha256Hash)) {
    throw refusal('extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text, as 64 lower-case hexadecimal digits.', ErrorCode.BadRequest, 400);
  }
  if (text !== undefined && operationHash(text) !== claimed.sha256Hash) {
    throw refusal(
      `extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text sent with it (${operationHash(text)}): hash the exact text, as UTF-8, and send it in hexadecimal.`,
      ErrorCode.BadRequest, 400,
    );
  }
}

async function admit(
  text: string | undefined, claimed: string | undefined, request: RawRequest, registry: PersistedQueryRegistry, sourceLimits: SourceLimits,
): Promise<void> {
  // A text is known by its own hash (checkProtocol made sure a claimed one agrees).
  const id = text !== undefined ? operationHash(text) : claimed;
  // Neither: Apollo Server refuses it as it stands (BAD_REQUEST).
  if (id === undefined) return;
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  let registered;
  try {
    registered = await registry.get(id);
  } catch {
    throw refusal('The list of registered operations cannot be read just now; try again shortly.', ErrorCode.StoreUnavailable, 503);
  }
  if (!registered) throw notInSafelist(id, name);
  if (text === undefined) {
    const overLimit = checkSourceLimits(registered.body, sourceLimits);
    if (overLimit) throw refusal(`Registered operation "${registered.name}": ${overLimit.message}`, ErrorCode.GraphQLParseFailed, 400);
  }
}

/** extensions.persistedQuery, from a POST body's object or a GET parameter's JSON; undefined when absent. */
function persistedQueryOf(extensions: unknown): { version?: unknown; sha256Hash?: unknown } | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      // Apollo Server refuses extensions that are not JSON.
      return undefined;
    }
  }
  const persisted = typeof value === 'object' && value !== null ? (value as { persistedQuery?: unknown }).persistedQuery : undefined;
  if (persisted === undefined || persisted === null) return undefined;
  return typeof persisted === 'object' ? persisted : {};
}

export function notInSafelist(id: string, operationName: string | undefined): GraphQLError {
  const what = operationName ? `Operation "${operationName}" (SHA-256 ${id})` : `The operation with SHA-256 ${id}`;
  return refusal(
    `${what} is not registered, and this gateway runs registered operations only (PERSISTED_QUERIES=safelist). `
      + 'Register it with `npm run persist -- FILE.graphql`, then send it by hash (extensions.persistedQuery.sha256Hash) or in full.',
    ErrorCode.PersistedQueryNotInSafelist, 400,
  );
}

function rawRequests(req: Argument['req']): RawRequest[] {
  const carried: unknown = req.method === 'GET' ? req.query : req.body;
  const requests = Array.isArray(carried) ? carried : [carried];
  return requests.filter((r): r is RawRequest => typeof r === 'object' && r !== null);
}

function refusal(message: string, code: ErrorCode, status: number): GraphQLError {
  // Apollo Server reads http.status from an error thrown by the context function.
  return new GraphQLError(message, { extensions: { code, http: { status } } as unknown as GraphQLErrorExtensions });
}
