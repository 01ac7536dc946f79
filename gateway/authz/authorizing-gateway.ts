import { createHash } from 'node:crypto';
import { getOperationAST, print, type ExecutionResult } from 'graphql';
import type {
  GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface, GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback, GatewayUnsubscriber, GatewayApolloConfig,
} from '@apollo/server-gateway-interface';
import type { AuthorizationPlan } from './authorization-plan.js';
import type { PolicyRegistry } from './field-decision.js';
import { authorizeOperation } from './operation-authorizer.js';
import { ANONYMOUS, type Principal } from './principal.js';
import { shapeResponse } from './response-shaper.js';

export interface AuthorizedRequestContext {
  principal?: Principal;
}

export interface AuthorizingGatewayOptions {
  inner: GatewayInterface;
  plan: AuthorizationPlan;
  policies: PolicyRegistry;
  /** Called once per operation that ran the second pass; lets tests and metrics see it. */
  onSecondPass?: () => void;
}

/**
 * Wraps @apollo/gateway so that authorization happens around query planning: fields the principal
 * may not see are removed before the plan is built, and the response is reshaped afterwards.
 */
export class AuthorizingGateway implements GatewayInterface {
  constructor(private readonly options: AuthorizingGatewayOptions) {}

  async load(options: { apollo: GatewayApolloConfig }): Promise<GatewayLoadResult> {
    const { executor } = await this.options.inner.load(options);
    if (!executor) throw new Error('the gateway loaded no executor');
    return { executor: this.#authorizing(executor) };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    return this.options.inner.onSchemaLoadOrUpdate(callback);
  }

  stop(): Promise<void> {
    return this.options.inner.stop();
  }

  #authorizing(execute: GatewayExecutor): GatewayExecutor {
    const { plan, policies } = this.options;
    return async (requestContext: GatewayGraphQLRequestContext) => {
      const principal = (requestContext.context as AuthorizedRequestContext).principal ?? ANONYMOUS;
      const authorization = authorizeOperation({
        schema: requestContext.schema, document: requestContext.document, plan, principal, policies,
      });
      // Nothing guarded in the operation: plan and execute it as it came, no second pass.
      if (authorization.document === requestContext.document) return execute(requestContext);

      const source = print(authorization.document);
      const operation = getOperationAST(authorization.document, requestContext.operationName);
      // The query plan cache is keyed by queryHash: hashing the pruned operation keeps one
      // principal's plan from ever serving another's (DESIGN: no cache shared across principals).
      const fetched = await execute({
        ...requestContext,
        document: authorization.document,
        source,
        queryHash: createHash('sha256').update(source).digest('hex'),
        operation: operation ?? requestContext.operation,
      });
      if (fetched.data === null || fetched.data === undefined) return fetched;
      this.options.onSecondPass?.();
      const shaped: ExecutionResult = await shapeResponse({
        schema: requestContext.schema,
        document: requestContext.document,
        operationName: requestContext.operationName,
        variableValues: requestContext.request.variables,
        fetched: fetched.data,
        denials: authorization.denials,
      });
      const errors = [...(fetched.errors ?? []), ...(shaped.errors ?? [])];
      return {
        ...fetched,
        data: shaped.data as Record<string, unknown> | null | undefined,
        ...(errors.length > 0 ? { errors } : {}),
      };
    };
  }
}
