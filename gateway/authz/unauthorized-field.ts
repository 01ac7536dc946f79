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
 * A denial is an answer, not a fault: it needs no stack trace, and its locations come from the
 * compiled operation. It is a GraphQLError (Apollo Server formats it through GraphQLError.toJSON)
 * made without running that constructor, which captures a stack and redefines six properties on
 * every instance: 6 microseconds an error against 1, and a page of 50 datasets withholds 165 fields
 * (test/bench/results/profile.md).
 */
export function unauthorizedField(field: WithheldField, path: readonly (string | number)[], denial: Denial): GraphQLError {
  const error = Object.create(GraphQLError.prototype) as { -readonly [K in keyof GraphQLError]: GraphQLError[K] };
  error.message = `Not authorized to read ${field.typeName}.${field.fieldName}`;
  error.locations = field.locations;
  error.path = path;
  error.extensions = extensionsOf(denial);
  error.nodes = field.nodes;
  return error as GraphQLError;
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
      ...(denial.requestAccess ? { requestAccess: denial.requestAccess } : {}),
    });
    extensionsByDenial.set(denial, extensions);
  }
  return extensions;
}
