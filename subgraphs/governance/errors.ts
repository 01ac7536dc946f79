import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';
import type { ChangeResult } from './store/governance-store.js';
import type { Refusal } from './request-checks.js';

// Every refusal of the governance subgraph is a GraphQL error with a code from schema/error-codes.ts
// and a message that says what is wrong and what to do (ARCHITECTURE.md "Errors").

export function unauthenticated(what: string): GraphQLError {
  return new GraphQLError(`Sign in to ${what}`, { extensions: { code: ErrorCode.Unauthenticated } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound } });
}

export function conflictError(message: string, conflict?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Conflict, ...(conflict ? { reason: conflict } : {}) } });
}

export function badInput(message: string, argumentName?: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, ...(argumentName ? { argumentName } : {}), ...extra } });
}

export function storeUnavailable(): GraphQLError {
  return new GraphQLError('The governance store cannot be reached: nothing was changed; try again shortly', {
    extensions: { code: ErrorCode.StoreUnavailable },
  });
}

/** One error for every dataset a request was refused for, each named with its reason. */
export function requestRefused(refusals: readonly Refusal[]): GraphQLError {
  const lines = refusals.map((r) => r.detail).join('; ');
  return badInput(`Access request refused: ${lines}`, 'input', {
    datasetId: refusals[0]!.datasetId,
    reason: refusals[0]!.reason,
    refusals: refusals.map(({ datasetId, reason, detail }) => ({ datasetId, reason, detail })),
  });
}

/** A state change the store met a conflicting state for: NOT_FOUND as such, the others as CONFLICT. */
export function changeRefused(result: Extract<ChangeResult<unknown>, { ok: false }>): GraphQLError {
  if (result.conflict === 'NOT_FOUND') return notFound(capitalise(result.detail));
  return conflictError(`${capitalise(result.detail)}: nothing was changed`, result.conflict);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
