import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import type { BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ErrorCode } from '../../schema/error-codes.js';
import { checkSourceLimits, type SourceLimits } from '../validation/source-limits.js';
import { isOperationHash, operationHash, type PersistedQueryRegistry } from './persisted-query-registry.js';

// Safelist mode (PERSISTED_QUERIES=safelist; issue 12, item 4): only operations registered with `npm run
// persist` run. Checked with the context, as the other checks of the raw request
// (gateway/limits/request-checks.ts), because Apollo Server parses and validates before any plugin may
// refuse with a status of its own: an operation not registered is refused with HTTP 400 before it is
// parsed, and before the token is verified. A registered one may come by hash alone or in full.

type Argument = ExpressContextFunctionArgument;

interface RawRequest {
  query?: unknown;
  extensions?: unknown;
  operationName?: unknown;
}

export interface SafelistOptions {
  registry: PersistedQueryRegistry;
  sourceLimits: SourceLimits;
}

/** `context`, behind the safelist: a request for an operation not registered never reaches it. */
export function withSafelist<TContext extends BaseContext>(
  context: ContextFunction<[Argument], TContext>, options: SafelistOptions,
): ContextFunction<[Argument], TContext> {
  return async (argument) => {
    for (const request of rawRequests(argument.req)) await admit(request, options);
    return context(argument);
  };
}

async function admit(request: RawRequest, { registry, sourceLimits }: SafelistOptions): Promise<void> {
  const text = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
  const claimed = claimedHash(request.extensions);
  // Neither: Apollo Server refuses it as it stands (BAD_REQUEST).
  if (text === undefined && claimed === undefined) return;
  // A text is known by its own hash, whatever hash it claims (Apollo Server refuses a mismatch).
  const id = text !== undefined ? operationHash(text) : claimed;
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  if (!isOperationHash(id)) throw notInSafelist(String(id), name);
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

/** extensions.persistedQuery.sha256Hash, from a POST body's object or a GET parameter's JSON. */
function claimedHash(extensions: unknown): unknown {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const persisted = typeof value === 'object' && value !== null ? (value as { persistedQuery?: unknown }).persistedQuery : undefined;
  return typeof persisted === 'object' && persisted !== null ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined;
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
