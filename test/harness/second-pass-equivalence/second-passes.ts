import { createHash } from 'node:crypto';
import { GraphQLError, type ExecutionResult, type FieldNode, type GraphQLSchema } from 'graphql';
import type { AuthorizationPolicies } from '../../../gateway/authz/authorization-policies.js';
import { denialHandling, type EnforcementMode } from '../../../gateway/authz/enforcement-mode.js';
import { EntityDecisions, type EntityDecisionsInput } from '../../../gateway/authz/entity-decisions.js';
import type { Denial } from '../../../gateway/authz/field-decision.js';
import { OperationAnalysisCache } from '../../../gateway/authz/operation-analysis-cache.js';
import { walkResponse } from '../../../gateway/authz/response-walker.js';
import { lazyGrantsOf, type GrantStore } from '../../../gateway/stores/grant-store.js';
import { silentLogger } from '../../../runtime/logger.js';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { Grant } from '../../../schema/policy/principal.js';
import { authorizeOperation } from '../reference-second-pass/operation-authorizer.js';
import { shapeResponse } from '../reference-second-pass/response-shaper.js';
import { buildShapingSchema } from '../reference-second-pass/shaping-schema.js';
import type { EntityDecision, ShapingContext } from '../reference-second-pass/shaping-context.js';
import type { GeneratedOperation } from './operation-generator.js';
import type { GeneratedPrincipal } from './principal-generator.js';
import { fetchFromWorld, type Page, type World } from './world.js';

/** One request of one principal over one page of the world, at one time, in one enforcement mode. */
export interface EquivalenceCase {
  operation: GeneratedOperation;
  principal: GeneratedPrincipal;
  mode: EnforcementMode;
  page: Page;
  now: Date;
}

/** Where a request ended: the stage names the path through the gateway, so both sides must agree on it too. */
export type Stage = 'rejected-before-planning' | 'unguarded' | 'fetch-failed' | 'no-walk' | 'second-pass' | 'rejected-after-fetch';

export interface PassOutcome {
  stage: Stage;
  result: ExecutionResult;
  /** The per-entity decisions, as the gateway logs them. */
  decisions: readonly EntityDecision[];
  /** Fields denied before planning and fields left to decide per entity, by node of the client's document. */
  staticDenials: ReadonlySet<FieldNode>;
  perEntity: ReadonlySet<FieldNode>;
}

/**
 * Both second passes over the same world: the reference (the gateway's former graphql-js execute
 * pass, test/harness/reference-second-pass) and the walk of gateway/authz, each strung together as
 * its gateway does it (ARCHITECTURE.md "Request path", steps 4 to 6), each fetching what its own
 * planned document asks for.
 */
export class SecondPasses {
  readonly #shapingSchema: GraphQLSchema;
  /** One cache across cases, as in the gateway: principals of one static shape share compiled operations. */
  readonly #caches = new Map<EnforcementMode, OperationAnalysisCache>();

  constructor(private readonly world: World, private readonly policies: AuthorizationPolicies) {
    this.#shapingSchema = buildShapingSchema(world.apiSchema, world.plan, policies);
  }

  async reference(c: EquivalenceCase): Promise<PassOutcome> {
    const { world, policies } = this;
    const { document, operationName, variables } = c.operation;
    const principal = c.principal.principal;
    const authorization = authorizeOperation({ schema: world.apiSchema, document, plan: world.plan, principal, policies, mode: c.mode });
    const sets = { staticDenials: new Set(authorization.denials.keys()), perEntity: new Set(authorization.perEntity.keys()) };
    if (authorization.rejectOperation) {
      return { stage: 'rejected-before-planning', result: rejection(authorization.denials), decisions: [], ...sets };
    }
    if (authorization.document === document) {
      return { stage: 'unguarded', result: fetchFromWorld(world, c.page, { document, operationName, variables }), decisions: [], ...sets };
    }
    const fetched = fetchFromWorld(world, c.page, { document: authorization.document, operationName, variables });
    if (fetched.data === null || fetched.data === undefined) return { stage: 'fetch-failed', result: fetched, decisions: [], ...sets };
    const context: ShapingContext = {
      principal,
      policies,
      entityDenials: denialHandling(c.mode, 'per-entity'),
      now: c.now,
      denials: authorization.denials,
      factsOf: new WeakMap(),
      unreadable: new WeakSet(),
      grants: requestGrants(c.principal),
      decisions: [],
      logger: silentLogger,
    };
    const shaped = await shapeResponse({
      schema: this.#shapingSchema, document, operationName, variableValues: variables, fetched: fetched.data as Record<string, unknown>, context,
    });
    const denied = (shaped.errors ?? []).filter((e) => e.extensions?.code === ErrorCode.UnauthorizedFieldOrType);
    if (context.entityDenials === 'reject-operation' && denied.length > 0) {
      return { stage: 'rejected-after-fetch', result: { data: null, errors: denied }, decisions: context.decisions, ...sets };
    }
    const errors = [...(fetched.errors ?? []), ...(shaped.errors ?? [])];
    return {
      stage: 'second-pass',
      result: { ...fetched, data: shaped.data, ...(errors.length > 0 ? { errors } : {}) },
      decisions: context.decisions,
      ...sets,
    };
  }

  async walk(c: EquivalenceCase): Promise<PassOutcome> {
    const { world, policies } = this;
    const { document, operationName, variables, source } = c.operation;
    const principal = c.principal.principal;
    const compiled = this.#cache(c.mode).compile({
      schema: world.apiSchema, document, queryHash: createHash('sha256').update(source).digest('hex'), operationName, principal,
    });
    const { analysis } = compiled;
    const sets = { staticDenials: new Set(analysis.denials.keys()), perEntity: new Set(analysis.perEntity) };
    if (analysis.rejectOperation) return { stage: 'rejected-before-planning', result: rejection(analysis.denials), decisions: [], ...sets };
    if (!analysis.planned) {
      return { stage: 'unguarded', result: fetchFromWorld(world, c.page, { document, operationName, variables }), decisions: [], ...sets };
    }
    const fetched = fetchFromWorld(world, c.page, { document: analysis.planned.document, operationName, variables });
    if (fetched.data === null || fetched.data === undefined) return { stage: 'fetch-failed', result: fetched, decisions: [], ...sets };
    const walk = compiled.walkFor(variables);
    if (!walk) return { stage: 'no-walk', result: fetched, decisions: [], ...sets };
    let grants: EntityDecisionsInput['grants'] = { ok: true, grants: principal.grants };
    if (analysis.perEntity.size > 0) {
      try {
        grants = { ok: true, grants: await requestGrants(c.principal)() };
      } catch (error) {
        grants = { ok: false, error };
      }
    }
    const decisions = new EntityDecisions({
      principal, policies, entityDenials: denialHandling(c.mode, 'per-entity'), now: c.now, grants, logger: silentLogger,
    });
    const shaped = walkResponse({
      schema: world.apiSchema, policies, rootType: walk.type, root: walk.selection, fetched: fetched.data as Record<string, unknown>, decisions,
    });
    if (decisions.entityDenials === 'reject-operation' && shaped.denied > 0) {
      return {
        stage: 'rejected-after-fetch',
        result: { data: null, errors: shaped.errors.filter((e) => e.extensions.code === ErrorCode.UnauthorizedFieldOrType) },
        decisions: decisions.decisions,
        ...sets,
      };
    }
    const errors = [...(fetched.errors ?? []), ...shaped.errors];
    return {
      stage: 'second-pass',
      result: { ...fetched, data: shaped.data, ...(errors.length > 0 ? { errors } : {}) },
      decisions: decisions.decisions,
      ...sets,
    };
  }

  #cache(mode: EnforcementMode): OperationAnalysisCache {
    let cache = this.#caches.get(mode);
    if (!cache) {
      cache = new OperationAnalysisCache({ plan: this.world.plan, policies: this.policies, mode });
      this.#caches.set(mode, cache);
    }
    return cache;
  }
}

/**
 * The request's grants, the token's and the store's, read through the gateway's own lazyGrantsOf
 * from a store double holding the generated grants: a store that cannot be read throws, and a
 * suspended principal has none at all.
 */
function requestGrants(generated: GeneratedPrincipal): () => Promise<readonly Grant[]> {
  return lazyGrantsOf(generated.principal, grantStoreOf(generated));
}

function grantStoreOf(generated: GeneratedPrincipal): GrantStore {
  return {
    async grantsFor() {
      const held = generated.storeGrants;
      if (held === 'unavailable') throw new Error('grant store unavailable');
      if (held === 'suspended') return { grants: [], suspended: true };
      return { grants: [...held], suspended: false };
    },
  };
}

// What the gateway answers when the mode rejects an operation for its static denials, before any
// subgraph is called (gateway/authz/authorizing-gateway.ts, the same for both passes).
function rejection(denials: ReadonlyMap<FieldNode, Denial>): ExecutionResult {
  const errors = [...denials].map(([node, denial]) => new GraphQLError(
    `Operation rejected: not authorized to read field "${node.name.value}"`,
    {
      nodes: [node],
      extensions: { code: ErrorCode.UnauthorizedFieldOrType, policy: denial.policy, reason: denial.reason, ...(denial.obtainAccess ? { obtainAccess: denial.obtainAccess } : {}) },
    },
  ));
  return { data: null, errors };
}
