import { GraphQLError } from 'graphql';
import { ErrorCode } from '../schema/error-codes.js';

const CLIENT_SAFE_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo Server's own codes whose messages are about the client's request, not our internals. */
const MESSAGE_SAFE_CODES = new Set<string>([
  ErrorCode.UnauthorizedFieldOrType,
  ErrorCode.Unauthenticated,
  ErrorCode.GraphQLParseFailed,
  ErrorCode.GraphQLValidationFailed,
  ErrorCode.BadUserInput,
  ErrorCode.BadRequest,
  ErrorCode.RateLimited,
  ErrorCode.PersistedQueryNotInSafelist,
  ErrorCode.OperationResolutionFailure,
  ErrorCode.PersistedQueryNotFound,
  ErrorCode.PersistedQueryNotSupported,
  ErrorCode.RequestTooLarge,
  ErrorCode.SubgraphUnavailable,
  ErrorCode.SubgraphError,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.StoreUnavailable,
]);

/** Extensions a client may see; anything else (stack traces, URLs, subgraph extensions) is dropped. */
const CLIENT_EXTENSION_KEYS = new Set([
  'code', 'serviceName', 'policy', 'reason', 'obtainAccess', 'argumentName', 'requiredScopes', 'requestAccess',
  // A refused access request (governance subgraph): which dataset, and every refusal with its reason.
  'datasetId', 'refusals',
]);

export interface ClientErrorShape {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

/** The last gate before the wire: unknown codes become INTERNAL_SERVER_ERROR with a fixed message. */
export function formatClientError(formatted: {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}): ClientErrorShape {
  const code = String(formatted.extensions?.code ?? '');
  const safeCode = CLIENT_SAFE_CODES.has(code) ? code : ErrorCode.InternalServerError;
  const extensions: Record<string, unknown> = { code: safeCode };
  if (safeCode !== ErrorCode.InternalServerError) {
    for (const [key, value] of Object.entries(formatted.extensions ?? {})) {
      if (CLIENT_EXTENSION_KEYS.has(key) && key !== 'code') extensions[key] = value;
    }
  }
  return {
    message: MESSAGE_SAFE_CODES.has(safeCode) ? formatted.message : 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

export function subgraphUnavailable(serviceName: string): GraphQLError {
  return new GraphQLError(`Subgraph "${serviceName}" could not be reached`, {
    extensions: { code: ErrorCode.SubgraphUnavailable, serviceName },
  });
}
