// The one list of error codes a client of Concord can meet, from the gateway or from any subgraph
// (ARCHITECTURE.md, "Errors"). Subgraphs use the same codes, so a client sees one vocabulary.

/**
 * Every error a client sees carries one of these codes. Messages of errors with other codes are
 * replaced before they leave the gateway (gateway/errors.ts, formatClientError).
 */
export enum ErrorCode {
  /** A field withheld by authorization; the code Apollo Router and Hive Gateway use. */
  UnauthorizedFieldOrType = 'UNAUTHORIZED_FIELD_OR_TYPE',
  Unauthenticated = 'UNAUTHENTICATED',
  GraphQLParseFailed = 'GRAPHQL_PARSE_FAILED',
  GraphQLValidationFailed = 'GRAPHQL_VALIDATION_FAILED',
  BadUserInput = 'BAD_USER_INPUT',
  BadRequest = 'BAD_REQUEST',
  OperationResolutionFailure = 'OPERATION_RESOLUTION_FAILURE',
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  PersistedQueryNotSupported = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** Safelist mode (PERSISTED_QUERIES=safelist): the operation is not registered with `npm run persist`; HTTP 400. */
  PersistedQueryNotInSafelist = 'PERSISTED_QUERY_NOT_IN_SAFELIST',
  RequestTooLarge = 'REQUEST_TOO_LARGE',
  /** Too many requests from one caller: HTTP 429 with Retry-After and the RateLimit fields. */
  RateLimited = 'RATE_LIMITED',
  /** A subgraph could not be reached, timed out or answered with an HTTP error. */
  SubgraphUnavailable = 'SUBGRAPH_UNAVAILABLE',
  /** A subgraph answered with GraphQL errors; their text stays in the gateway's log. */
  SubgraphError = 'SUBGRAPH_ERROR',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
  /** The process is up but not serving GraphQL yet (HTTP 503 with retry-after): try again shortly. */
  ServiceStarting = 'SERVICE_STARTING',
  /** The caller is known but their role does not allow the operation (e.g. a steward of another partner). */
  Forbidden = 'FORBIDDEN',
  /** The access request, part or grant named does not exist, or is not the caller's to see. */
  NotFound = 'NOT_FOUND',
  /** The state met does not allow the change (already decided, withdrawn, appealed or revoked); nothing was written. */
  Conflict = 'CONFLICT',
  /** A store the request needs (the governance store, the audit trail, the replay memory of signed requests) cannot be reached: nothing was written; try again. */
  StoreUnavailable = 'STORE_UNAVAILABLE',
}
