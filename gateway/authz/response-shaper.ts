import {
  buildASTSchema, execute, GraphQLError, parse, printSchema, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLFieldResolver,
  type GraphQLSchema, type GraphQLTypeResolver,
} from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Denial } from './field-decision.js';
import { TYPENAME_KEY } from './operation-authorizer.js';

export interface ShapeResponseInput {
  schema: GraphQLSchema;
  /** The client's own document: the response has exactly its shape. */
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  /** What the query plan fetched, keyed by response key. */
  fetched: Record<string, unknown> | null | undefined;
  denials: ReadonlyMap<FieldNode, Denial>;
}

/**
 * The second pass (DESIGN "Authorization", step 3): runs the client's operation over the fetched
 * data with graphql-js, so a withheld field answers null with an error at its own path, null
 * propagates through non-null fields as the GraphQL spec requires (section 6.4.4, "Handling Field
 * Errors"), and anything injected for the first pass never reaches the client.
 */
export async function shapeResponse(input: ShapeResponseInput): Promise<ExecutionResult> {
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
    for (const node of info.fieldNodes) {
      const denial = input.denials.get(node);
      if (denial) throw unauthorizedField(info.parentType.name, info.fieldName, denial);
    }
    return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;
  };
  const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) => {
    const record = value as Record<string, unknown>;
    const name = record[TYPENAME_KEY] ?? record.__typename;
    return typeof name === 'string' ? name : undefined;
  };
  return execute({
    schema: shapingSchema(input.schema),
    document: input.document,
    rootValue: input.fetched ?? {},
    operationName: input.operationName ?? undefined,
    variableValues: input.variableValues ?? undefined,
    fieldResolver,
    typeResolver,
  }) as ExecutionResult | Promise<ExecutionResult>;
}

export function unauthorizedField(typeName: string, fieldName: string, denial: Denial): GraphQLError {
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

// @apollo/gateway attaches resolvers to its API schema (for local introspection), and execute()
// prefers them over fieldResolver; the second pass runs over a resolver-free copy of the same
// types, built once per loaded schema.
const shapingSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

function shapingSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  let schema = shapingSchemas.get(apiSchema);
  if (!schema) {
    schema = buildASTSchema(parse(printSchema(apiSchema)), { assumeValidSDL: true });
    shapingSchemas.set(apiSchema, schema);
  }
  return schema;
}
