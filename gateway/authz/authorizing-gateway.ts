import { createHash } from 'node:crypto';
import { GraphQLError, getOperationAST, print, type GraphQLSchema } from 'graphql';
import type {
  GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface, GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback, GatewayUnsubscriber, GatewayApolloConfig,
} from '@apollo/server-gateway-interface';
import type { Grant } from '../../schema/policy/principal.js';
import type { Logger } from '../../runtime/logger.js';
import { lazyGrantsOf, type GrantStore } from '../stores/grant-store.js';
import { ErrorCode } from '../../schema/error-codes.js';
import type { AuthorizationPlan } from './authorization-plan.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import { denialHandling, type EnforcementMode } from './enforcement-mode.js';
import { authorizeOperation, type OperationAuthorization } from './operation-authorizer.js';
import { ANONYMOUS, type Principal } from '../../schema/policy/principal.js';
import { shapeResponse } from './response-shaper.js';
import type { EntityDecision, ShapingContext } from './shaping-context.js';
import { buildShapingSchema } from './shaping-schema.js';

export interface AuthorizedRequestContext {
  principal?: Principal;
  /** The principal's grants from the token and the grant store, read at most once per request. */
  grants?: () => Promise<readonly Grant[]>;
}

export interface AuthorizingGatewayOptions {
  inner: GatewayInterface;
  plan: AuthorizationPlan;
  policies: AuthorizationPolicies;
  mode: EnforcementMode;
  grants: GrantStore;
  logger: Logger;
  /** Called once per operation that ran the second pass; lets tests and metrics see it. */
  onSecondPass?: () => void;
  now?: () => Date;
}

/**
 * Wraps @apollo/gateway so that authorization happens around query planning: fields the principal
 * may not see are removed before the plan is built, and the response is reshaped afterwards.
 */
export class AuthorizingGateway implements GatewayInterface {
  readonly #shapingSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

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
    const { plan, policies, mode } = this.options;
    return async (requestContext) => {
      const principal = (requestContext.context as AuthorizedRequestContext).principal ?? ANONYMOUS;
      const authorization = authorizeOperation({
        schema: requestContext.schema, document: requestContext.document, plan, principal, policies, mode,
      });
      if (authorization.rejectOperation) return this.#rejectBeforePlanning(authorization, principal);
      // Nothing guarded in the operation: plan and execute it as it came, no second pass.
      if (authorization.document === requestContext.document) return execute(requestContext);

      const fetched = await execute(this.#withDocument(requestContext, authorization));
      if (fetched.data === null || fetched.data === undefined) return fetched;
      return this.#secondPass(requestContext, authorization, principal, fetched);
    };
  }

  // The query plan cache is keyed by queryHash: hashing the pruned operation keeps one principal's
  // plan from ever serving another's (ARCHITECTURE.md "Request path": no cache shared across principals).
  #withDocument(requestContext: GatewayGraphQLRequestContext, authorization: OperationAuthorization): GatewayGraphQLRequestContext {
    const source = print(authorization.document);
    return {
      ...requestContext,
      document: authorization.document,
      source,
      queryHash: createHash('sha256').update(source).digest('hex'),
      operation: getOperationAST(authorization.document, requestContext.operationName) ?? requestContext.operation,
    };
  }

  async #secondPass(
    requestContext: GatewayGraphQLRequestContext,
    authorization: OperationAuthorization,
    principal: Principal,
    fetched: GatewayExecutionResult,
  ): Promise<GatewayExecutionResult> {
    this.options.onSecondPass?.();
    const context = this.#shapingContext(principal, authorization, (requestContext.context as AuthorizedRequestContext).grants);
    const shaped = await shapeResponse({
      schema: this.#shapingSchema(requestContext.schema),
      document: requestContext.document,
      operationName: requestContext.operationName,
      variableValues: requestContext.request.variables,
      fetched: fetched.data as Record<string, unknown>,
      context,
    });
    this.#log(principal, authorization, context.decisions);
    const denied = (shaped.errors ?? []).filter((e) => e.extensions?.code === ErrorCode.UnauthorizedFieldOrType);
    // One withheld entity field fails the whole operation when the mode says so.
    if (context.entityDenials === 'reject-operation' && denied.length > 0) return { data: null, errors: denied };
    const errors = [...(fetched.errors ?? []), ...(shaped.errors ?? [])];
    return {
      ...fetched,
      data: shaped.data as Record<string, unknown> | null | undefined,
      ...(errors.length > 0 ? { errors } : {}),
    };
  }

  #shapingContext(principal: Principal, authorization: OperationAuthorization, requestGrants?: () => Promise<readonly Grant[]>): ShapingContext {
    return {
      principal,
      policies: this.options.policies,
      entityDenials: denialHandling(this.options.mode, 'per-entity'),
      now: this.options.now?.() ?? new Date(),
      denials: authorization.denials,
      factsOf: new WeakMap(),
      unreadable: new WeakSet(),
      grants: requestGrants ?? lazyGrantsOf(principal, this.options.grants),
      decisions: [],
      logger: this.options.logger,
    };
  }

  #shapingSchema(apiSchema: GraphQLSchema): GraphQLSchema {
    let schema = this.#shapingSchemas.get(apiSchema);
    if (!schema) {
      schema = buildShapingSchema(apiSchema, this.options.plan, this.options.policies);
      this.#shapingSchemas.set(apiSchema, schema);
    }
    return schema;
  }

  #rejectBeforePlanning(authorization: OperationAuthorization, principal: Principal): GatewayExecutionResult {
    this.#log(principal, authorization, []);
    const errors = [...authorization.denials].map(([node, denial]) => new GraphQLError(
      `Operation rejected: not authorized to read field "${node.name.value}"`,
      { nodes: [node], extensions: { code: ErrorCode.UnauthorizedFieldOrType, policy: denial.policy, reason: denial.reason, ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}) } },
    ));
    return { data: null, errors };
  }

  // Every decision is logged with the policy version that made it; denials one by one, allows counted.
  // One record per operation with every decision and the policy version that made it: a line per
  // decision cost more than the decisions themselves on a page of 50 datasets.
  #log(principal: Principal, authorization: OperationAuthorization, decisions: readonly EntityDecision[]): void {
    const { logger, policies, mode } = this.options;
    const denied = [
      ...[...authorization.denials].map(([node, denial]) => ({ stage: 'static', field: node.name.value, policy: denial.policy, reason: denial.reason })),
      ...decisions.filter((d) => d.outcome === 'deny').map((d) => ({ stage: 'entity', field: d.coordinate, dataset: d.datasetId, policy: d.policy, reason: d.reason })),
    ];
    const wouldDeny = decisions.filter((d) => d.outcome === 'would-deny')
      .map((d) => ({ field: d.coordinate, dataset: d.datasetId, policy: d.policy, reason: d.reason }));
    const allowed = decisions.length - denied.length + authorization.denials.size - wouldDeny.length;
    const record = { policyVersion: policies.version, mode, subject: principal.subject, organisation: principal.organisation, allowed, denied, wouldDeny };
    if (denied.length > 0 || wouldDeny.length > 0) logger.info(record, 'authorization decisions');
    else logger.debug(record, 'authorization decisions');
  }
}
