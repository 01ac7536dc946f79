import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import type { BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ErrorCode } from '../../schema/error-codes.js';
import { checkSourceLimits } from '../validation/source-limits.js';
import { checkVariablesSize } from '../validation/variables-size.js';
import { checkFieldMergingLimits, type FieldMergingLimits } from './field-merging-limits.js';
import type { RequestLimits } from './request-limits.js';
import { fieldMergingLimits } from './field-merging-settings.js';

// Apollo Server parses the query before any plugin can refuse it with a status of its own, and an
// error thrown by a plugin before parsing becomes HTTP 500. The context function runs first and may
// refuse with any status (as authentication does with 401), so the checks on the raw request run
// there (ARCHITECTURE.md, "Request path", step 1): the text's tokens and nesting, and the variables;
// then, the text parsed once, the fields graphql-js's validation would have to merge, since Apollo
// Server runs its rules (OverlappingFieldsCanBeMerged, quadratic in such fields) before Concord's.

type Argument = ExpressContextFunctionArgument;

/** `context`, behind the checks of the raw request: a request over a limit never reaches the token verifier or the parser. */
export function withRequestChecks<TContext extends BaseContext>(
  context: ContextFunction<[Argument], TContext>,
  limits: Pick<RequestLimits, 'maxTokens' | 'maxNesting' | 'maxVariablesBytes'> & Partial<FieldMergingLimits>,
): ContextFunction<[Argument], TContext> {
  const merging = { ...fieldMergingLimits(limits), maxTokens: limits.maxTokens };
  return async (argument) => {
    for (const request of graphQLRequests(argument.req)) {
      const variables = checkVariablesSize(request.variables, limits.maxVariablesBytes);
      if (variables) throw refusal(variables, ErrorCode.RequestTooLarge, 413);
      if (typeof request.query !== 'string') continue;
      const source = checkSourceLimits(request.query, limits);
      if (source) throw refusal(source, ErrorCode.GraphQLParseFailed, 400);
      const fields = checkFieldMergingLimits(request.query, merging);
      if (fields) throw refusal(fields, ErrorCode.GraphQLValidationFailed, 400);
    }
    return context(argument);
  };
}

interface RawRequest {
  query?: unknown;
  variables?: unknown;
}

/** What the request carries: the body of a POST (one request, or each of a batch), the query string of a GET. */
function graphQLRequests(req: Argument['req']): RawRequest[] {
  const carried: unknown = req.method === 'GET' ? req.query : req.body;
  const requests = Array.isArray(carried) ? carried : [carried];
  return requests.filter((r): r is RawRequest => typeof r === 'object' && r !== null);
}

function refusal(error: GraphQLError, code: ErrorCode, status: number): GraphQLError {
  return new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    // Apollo Server reads http.status from an error thrown by the context function (see AuthenticationError).
    extensions: { code, http: { status } } as unknown as GraphQLErrorExtensions,
  });
}
