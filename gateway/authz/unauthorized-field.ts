import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Denial } from './field-decision.js';

/** The error at a withheld field's path (DESIGN "Authorization": the code Apollo Router uses). */
export function unauthorizedField(typeName: string, fieldName: string, denial: Denial): GraphQLError {
  // A denial is an answer, not a fault: no stack trace is captured (with source maps, capturing
  // one per withheld field was a tenth of the second pass on a page of 50 datasets).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return denialError(typeName, fieldName, denial);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function denialError(typeName: string, fieldName: string, denial: Denial): GraphQLError {
  return new GraphQLError(`Not authorized to read ${typeName}.${fieldName}`, {
    extensions: {
      code: ErrorCode.UnauthorizedFieldOrType,
      policy: denial.policy,
      reason: denial.reason,
      ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}),
      ...(denial.requiredScopes ? { requiredScopes: denial.requiredScopes } : {}),
    },
  });
}
