import { GraphQLError, type FieldNode, type SourceLocation } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';
import type { Denial } from './field-decision.js';

export interface WithheldField {
  /** The runtime type of the object the field was read on. */
  typeName: string;
  fieldName: string;
  nodes: readonly FieldNode[];
  /** The nodes' locations, computed once per compiled operation rather than once per error. */
  locations: readonly SourceLocation[] | undefined;
}

/**
 * The error at a withheld field's path (ARCHITECTURE.md "Errors": the code Apollo Router uses).
 * A denial is an answer, not a fault, so no stack trace is captured; and its locations come from
 * the compiled operation, so a page of 50 datasets with 165 denials does not scan the query text
 * 165 times to find line and column (test/bench/results/profile.md).
 */
export function unauthorizedField(field: WithheldField, path: readonly (string | number)[], denial: Denial): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const error = new GraphQLError(`Not authorized to read ${field.typeName}.${field.fieldName}`, { path, extensions: extensionsOf(denial) });
    // GraphQLError (graphql-js 16) would derive locations from nodes; they are known already.
    Object.assign(error, { nodes: field.nodes, locations: field.locations });
    return error;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

// One frozen extensions object per denial, shared by every error it makes: a request decides each
// (dataset, policy) once (entity-decisions.ts), and Apollo Server copies extensions before it adds to them.
const extensionsByDenial = new WeakMap<Denial, Readonly<Record<string, unknown>>>();

function extensionsOf(denial: Denial): Readonly<Record<string, unknown>> {
  let extensions = extensionsByDenial.get(denial);
  if (!extensions) {
    extensions = Object.freeze({
      code: ErrorCode.UnauthorizedFieldOrType,
      policy: denial.policy,
      reason: denial.reason,
      ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}),
      ...(denial.requiredScopes ? { requiredScopes: denial.requiredScopes } : {}),
    });
    extensionsByDenial.set(denial, extensions);
  }
  return extensions;
}
