import { GraphQLError, type GraphQLSchema } from 'graphql';
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
import { EntityDecisions, type EntityDecision, type EntityDecisionsInput } from './entity-decisions.js';
import { ANONYMOUS, type Principal } from '../../schema/policy/principal.js';
import { OperationAnalysisCache, type CompiledOperation } from './operation-analysis-cache.js';
import type { OperationAnalysis, PlannedOperation } from './operation-analysis.js';
import { walkResponse } from './response-walker.js';
import type { Denial } from './field-decision.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { operationAuditEntry } from '../audit/operation-audit.js';

/** Every guarded field withheld when the audit trail cannot be written (ARCHITECTURE.md "Audit"). */
const AUDIT_UNAVAILABLE: Denial = Object.freeze({
  policy: 'audit',
  reason: 'AUDIT_UNAVAILABLE',
  obtainAccess: 'The audit trail could not be written just now; try again shortly.',
});

export interface AuthorizedRequestContext {
  principal?: Principal;
  /** The principal's grants from the token and the grant store, read at most once per request. */
  grants?: () => Promise<readonly Grant[]>;
}

/** One decision as metrics count it: the policy that made it and what it decided. */
export interface DecisionOutcome {
  policy: string;
  outcome: EntityDecision['outcome'];
}

export interface AuthorizingGatewayOptions {
  inner: GatewayInterface;
  plan: AuthorizationPlan;
  policies: AuthorizationPolicies;
  mode: EnforcementMode;
  grants: GrantStore;
  logger: Logger;
  /** Operations whose analysis is kept, per schema (operation-analysis-cache.ts). */
  maxCachedOperations?: number;
  /** Where operations that touched a guarded field are recorded; none: not audited (tests, benchmarks of the bare path). */
  audit?: AuditTrail;
  /** Called once per operation that ran the second pass; lets tests and metrics see it. */
  onSecondPass?: () => void;
  /** Called once per operation with its decisions (static denials, then per entity), for metrics. */
  onDecisions?: (decisions: readonly DecisionOutcome[]) => void;
  now?: () => Date;
  /**
   * The plan of each supergraph text the inner gateway loads (gateway/supergraph/live-supergraph.ts);
   * absent: `plan` for every schema. A text it does not know fails every operation (fail closed).
   */
  planFor?: (coreSupergraphSdl: string) => AuthorizationPlan | undefined;
}

/** A schema and the plan of the same supergraph, switched together (ARCHITECTURE.md, "Supergraph reload"). */
interface Generation {
  /** Undefined until the inner gateway has loaded: the request's own schema is then the one. */
  schema?: GraphQLSchema;
  operations: OperationAnalysisCache | null;
}

/** Every operation fails when the supergraph in use has no authorization plan, which reload prevents. */
const NO_PLAN: GatewayExecutionResult = Object.freeze({
  errors: [new GraphQLError('The gateway has no authorization plan for the supergraph it serves', { extensions: { code: ErrorCode.InternalServerError } })],
});

/**
 * Wraps @apollo/gateway so that authorization happens around query planning: fields the principal
 * may not see are removed before the plan is built, and the response is reshaped afterwards by a
 * walk along the guarded paths (ARCHITECTURE.md "Request path").
 */
export class AuthorizingGateway implements GatewayInterface {
  #generation: Generation;

  constructor(private readonly options: AuthorizingGatewayOptions) {
    this.#generation = { operations: this.#operationsFor(options.plan) };
    // Registered before Apollo Server's own listener and called in the same synchronous step: from
    // the first request on the new schema, the new plan decides.
    options.inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      const plan = options.planFor ? options.planFor(coreSupergraphSdl) : options.plan;
      if (!plan) options.logger.error('the supergraph loaded has no authorization plan: every operation fails until one that has is loaded');
      this.#generation = { schema: apiSchema, operations: plan ? this.#operationsFor(plan) : null };
    });
  }

  #operationsFor(plan: AuthorizationPlan): OperationAnalysisCache {
    const { policies, mode, maxCachedOperations } = this.options;
    return new OperationAnalysisCache({ plan, policies, mode, maxOperations: maxCachedOperations });
  }

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

  // The schema and plan in use now, which the inner gateway also plans with when execute is called
  // in the same synchronous step: a request validated just before a reload is analysed, planned
  // and shaped on the new supergraph throughout; one already executing finishes on the old one.
  #current(requestContext: GatewayGraphQLRequestContext): { operations: OperationAnalysisCache | null; requestContext: GatewayGraphQLRequestContext } {
    const { schema, operations } = this.#generation;
    if (!schema || schema === requestContext.schema) return { operations, requestContext };
    return { operations, requestContext: { ...requestContext, schema } };
  }

  #authorizing(execute: GatewayExecutor): GatewayExecutor {
    return async (received) => {
      const context = received.context as AuthorizedRequestContext;
      const principal = context.principal ?? ANONYMOUS;
      const compile = (withholdGuarded?: Denial) => {
        const { operations, requestContext } = this.#current(received);
        return operations && {
          requestContext,
          compiled: operations.compile({
            schema: requestContext.schema,
            document: requestContext.document,
            queryHash: requestContext.queryHash,
            operationName: requestContext.operationName,
            principal,
            ...(withholdGuarded ? { withholdGuarded } : {}),
          }),
        };
      };
      const current = compile();
      if (!current) return NO_PLAN;
      const { requestContext, compiled } = current;
      const answered = await this.#answer(execute, requestContext, compiled, principal);
      this.#observe(compiled.analysis, answered.decisions);
      const { audit } = this.options;
      const entry = audit ? operationAuditEntry({
        principal,
        analysis: compiled.analysis,
        decisions: answered.decisions?.decisions ?? [],
        partnerOf: answered.decisions?.partnerOf ?? new Map(),
        policyVersion: this.options.policies.version,
        mode: this.options.mode,
        clientName: requestContext.request.http?.headers.get('apollographql-client-name') ?? null,
        requestId: requestContext.request.http?.headers.get('x-request-id') ?? null,
        now: this.options.now?.() ?? new Date(),
      }) : null;
      if (!audit || !entry) return answered.result;
      try {
        await audit.record(entry);
        return answered.result;
      } catch (error) {
        // No audit, no access (ARCHITECTURE.md "Audit"): the operation is answered again with every
        // guarded field withheld; public fields are served as ever.
        this.options.logger.error({ err: error, subject: principal.subject }, 'audit log could not be written: guarded fields withheld (AUDIT_UNAVAILABLE)');
        const withheld = compile(AUDIT_UNAVAILABLE);
        if (!withheld) return NO_PLAN;
        return (await this.#answer(execute, withheld.requestContext, withheld.compiled, principal, AUDIT_UNAVAILABLE)).result;
      }
    };
  }

  async #answer(
    execute: GatewayExecutor, requestContext: GatewayGraphQLRequestContext, compiled: CompiledOperation, principal: Principal, withhold?: Denial,
  ): Promise<{ result: GatewayExecutionResult; decisions?: EntityDecisions }> {
    const { analysis } = compiled;
    if (analysis.rejectOperation) return { result: this.#rejectBeforePlanning(analysis, principal) };
    // Nothing guarded in the operation: plan and execute it as it came, no second pass.
    if (!analysis.planned) return { result: await execute(requestContext) };
    const fetched = await execute(withPlannedOperation(requestContext, analysis.planned));
    if (fetched.data === null || fetched.data === undefined) return { result: fetched };
    return this.#secondPass(requestContext, compiled, principal, fetched, withhold);
  }

  async #secondPass(
    requestContext: GatewayGraphQLRequestContext,
    compiled: CompiledOperation,
    principal: Principal,
    fetched: GatewayExecutionResult,
    withhold?: Denial,
  ): Promise<{ result: GatewayExecutionResult; decisions?: EntityDecisions }> {
    this.options.onSecondPass?.();
    const walk = compiled.walkFor(requestContext.request.variables);
    if (!walk) return { result: fetched };
    const input = await this.#decisionsInput(principal, compiled.analysis, (requestContext.context as AuthorizedRequestContext).grants);
    const decisions = new EntityDecisions(withhold ? { ...input, withhold } : input);
    const shaped = walkResponse({
      schema: requestContext.schema,
      policies: this.options.policies,
      rootType: walk.type,
      root: walk.selection,
      fetched: fetched.data as Record<string, unknown>,
      decisions,
    });
    this.#log(principal, compiled.analysis, decisions.decisions);
    // One withheld entity field fails the whole operation when the mode says so.
    if (decisions.entityDenials === 'reject-operation' && shaped.denied > 0) {
      return { result: { data: null, errors: shaped.errors.filter((e) => e.extensions.code === ErrorCode.UnauthorizedFieldOrType) }, decisions };
    }
    const errors = [...(fetched.errors ?? []), ...shaped.errors];
    return { result: { ...fetched, data: shaped.data, ...(errors.length > 0 ? { errors } : {}) }, decisions };
  }

  // Grants are read once per request and only when a field is decided per entity; a store that
  // cannot be read denies those fields (fail closed) rather than failing the request.
  async #decisionsInput(principal: Principal, analysis: OperationAnalysis, requestGrants?: () => Promise<readonly Grant[]>): Promise<EntityDecisionsInput> {
    let grants: EntityDecisionsInput['grants'] = { ok: true, grants: principal.grants };
    if (analysis.perEntity.size > 0) {
      try {
        grants = { ok: true, grants: await (requestGrants ?? lazyGrantsOf(principal, this.options.grants))() };
      } catch (error) {
        grants = { ok: false, error };
      }
    }
    return {
      principal,
      policies: this.options.policies,
      entityDenials: denialHandling(this.options.mode, 'per-entity'),
      now: this.options.now?.() ?? new Date(),
      grants,
      logger: this.options.logger,
    };
  }

  #rejectBeforePlanning(analysis: OperationAnalysis, principal: Principal): GatewayExecutionResult {
    this.#log(principal, analysis, []);
    const errors = [...analysis.denials].map(([node, denial]) => new GraphQLError(
      `Operation rejected: not authorized to read field "${node.name.value}"`,
      { nodes: [node], extensions: { code: ErrorCode.UnauthorizedFieldOrType, policy: denial.policy, reason: denial.reason, ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}) } },
    ));
    return { data: null, errors };
  }

  #observe(analysis: OperationAnalysis, decisions: EntityDecisions | undefined): void {
    const { onDecisions } = this.options;
    if (!onDecisions || (analysis.denials.size === 0 && !decisions?.decisions.length)) return;
    onDecisions([
      ...[...analysis.denials.values()].map((denial) => ({ policy: denial.policy, outcome: 'deny' as const })),
      ...(decisions?.decisions ?? []).map((d) => ({ policy: d.policy ?? 'policy', outcome: d.outcome })),
    ]);
  }

  // One record per operation with every decision and the policy version that made it: a line per
  // decision cost more than the decisions themselves on a page of 50 datasets.
  #log(principal: Principal, analysis: OperationAnalysis, decisions: readonly EntityDecision[]): void {
    const { logger, policies, mode } = this.options;
    const denied = [
      ...[...analysis.denials].map(([node, denial]) => ({ stage: 'static', field: node.name.value, policy: denial.policy, reason: denial.reason })),
      ...decisions.filter((d) => d.outcome === 'deny').map((d) => ({ stage: 'entity', field: d.coordinate, dataset: d.datasetId, policy: d.policy, reason: d.reason })),
    ];
    const wouldDeny = decisions.filter((d) => d.outcome === 'would-deny')
      .map((d) => ({ field: d.coordinate, dataset: d.datasetId, policy: d.policy, reason: d.reason }));
    const allowed = decisions.length - denied.length + analysis.denials.size - wouldDeny.length;
    const record = { policyVersion: policies.version, mode, subject: principal.subject, organisation: principal.organisation, allowed, denied, wouldDeny };
    if (denied.length > 0 || wouldDeny.length > 0) logger.info(record, 'authorization decisions');
    else if (logger.isLevelEnabled('debug')) logger.debug(record, 'authorization decisions');
  }
}

// The query plan cache is keyed by queryHash: the planned operation's own hash keeps one static
// shape's plan from ever serving another's (ARCHITECTURE.md "Request path": no cache shared across principals).
function withPlannedOperation(requestContext: GatewayGraphQLRequestContext, planned: PlannedOperation): GatewayGraphQLRequestContext {
  return {
    ...requestContext,
    document: planned.document,
    source: planned.source,
    queryHash: planned.queryHash,
    operation: planned.operation ?? requestContext.operation,
  };
}
