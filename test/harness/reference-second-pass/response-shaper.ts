// The reference second pass: the gateway's former graphql-js execute pass, kept as it was so that
// test/unit/gateway/authz/second-pass-equivalence.test.ts can hold the walk of gateway/authz to its
// results. Not used by the gateway; change it only to keep it the reference.

import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { TYPENAME_KEY } from './operation-authorizer.js';
import type { ShapingContext } from './shaping-context.js';

export interface ShapeResponseInput {
  /** The shaping schema (see buildShapingSchema). */
  schema: GraphQLSchema;
  /** The client's own document: the response has exactly its shape. */
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  /** What the query plan fetched, keyed by response key. */
  fetched: Record<string, unknown>;
  context: ShapingContext;
}

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) => {
  const record = value as Record<string, unknown>;
  const name = record[TYPENAME_KEY] ?? record.__typename;
  return typeof name === 'string' ? name : undefined;
};

/**
 * The second pass (ARCHITECTURE.md "Per-entity decisions"): runs the client's operation over the fetched
 * data with graphql-js, so a withheld field answers null with an error at its own path, null
 * propagates through non-null fields as the GraphQL spec requires (section 6.4.4, "Handling Field
 * Errors"), and anything injected for the first pass never reaches the client.
 */
export async function shapeResponse(input: ShapeResponseInput): Promise<ExecutionResult> {
  return execute({
    schema: input.schema,
    document: input.document,
    rootValue: input.fetched,
    contextValue: input.context,
    operationName: input.operationName ?? undefined,
    variableValues: input.variableValues ?? undefined,
    typeResolver,
  }) as ExecutionResult | Promise<ExecutionResult>;
}
