// The reference second pass: the gateway's former graphql-js execute pass, kept as it was so that
// test/unit/gateway/authz/second-pass-equivalence.test.ts can hold the walk of gateway/authz to its
// results. Not used by the gateway; change it only to keep it the reference.

import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { Denial } from '../../../gateway/authz/field-decision.js';

/**
 * The error at a withheld field's path (ARCHITECTURE.md "Errors": the code Apollo Router uses).
 * A denial is an answer, not a fault, so no stack trace is captured; and it is built already
 * located (nodes and path from the resolver's info), so graphql-js reports it as it is instead of
 * wrapping it in a second error that captures and formats one. Both together were most of the
 * error cost of a page of 50 datasets with 165 denials (test/bench/results/profile.md).
 */
export function unauthorizedFieldAt(info: GraphQLResolveInfo, denial: Denial): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(`Not authorized to read ${info.parentType.name}.${info.fieldName}`, {
      nodes: info.fieldNodes,
      path: responsePathAsArray(info.path),
      extensions: {
        code: ErrorCode.UnauthorizedFieldOrType,
        policy: denial.policy,
        reason: denial.reason,
        ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}),
        ...(denial.requiredScopes ? { requiredScopes: denial.requiredScopes } : {}),
      },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}
