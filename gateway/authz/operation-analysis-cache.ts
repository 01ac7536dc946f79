import { LRUCache } from 'lru-cache';
import { valueFromASTUntyped, type DocumentNode, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../schema/policy/principal.js';
import type { AuthorizationPlan } from './authorization-plan.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import type { EnforcementMode } from './enforcement-mode.js';
import type { Denial } from './field-decision.js';
import { GuardedSelection, PerEntityRules, rootSelection } from './guarded-paths.js';
import { analyzeOperation, type OperationAnalysis } from './operation-analysis.js';

/** Operations kept per schema unless configured otherwise. */
export const DEFAULT_OPERATION_CACHE_SIZE = 1000;

/** An analysed operation and its guarded paths, compiled for each set of @skip/@include values met. */
export class CompiledOperation {
  readonly #walks = new Map<string, { type: GraphQLObjectType; selection: GuardedSelection } | null>();

  constructor(
    readonly analysis: OperationAnalysis,
    private readonly schema: GraphQLSchema,
    private readonly rules: PerEntityRules,
  ) {}

  /** The walk's entry for these variables; null when the operation selects no known root. */
  walkFor(variables: Readonly<Record<string, unknown>> | null | undefined): { type: GraphQLObjectType; selection: GuardedSelection } | null {
    const conditions = this.#conditions(variables);
    const key = this.analysis.conditionVariables.map((name) => (conditions[name] === true ? '1' : '0')).join('');
    let walk = this.#walks.get(key);
    if (walk === undefined) {
      walk = rootSelection({ schema: this.schema, rules: this.rules, analysis: this.analysis, conditions });
      // At most 2^n condition sets for n condition variables; a hostile client could send many
      // variables, so beyond a few the walk is compiled per request rather than kept.
      if (this.#walks.size < 16) this.#walks.set(key, walk);
    }
    return walk;
  }

  // @skip and @include read the coerced value: the request's, else the variable's default (GraphQL
  // spec section 6.4.1, CoerceVariableValues).
  #conditions(variables: Readonly<Record<string, unknown>> | null | undefined): Record<string, unknown> {
    const conditions: Record<string, unknown> = {};
    const definitions = this.analysis.operation?.variableDefinitions ?? [];
    for (const name of this.analysis.conditionVariables) {
      if (variables && Object.hasOwn(variables, name) && variables[name] !== undefined) {
        conditions[name] = variables[name];
        continue;
      }
      const defaultValue = definitions.find((d) => d.variable.name.value === name)?.defaultValue;
      conditions[name] = defaultValue ? valueFromASTUntyped(defaultValue) : undefined;
    }
    return conditions;
  }
}

export interface OperationAnalysisCacheOptions {
  plan: AuthorizationPlan;
  policies: AuthorizationPolicies;
  mode: EnforcementMode;
  maxOperations?: number;
}

export interface CompileInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** A hash of the client's query text (Apollo Server's queryHash). */
  queryHash: string;
  operationName?: string | null;
  principal: Principal;
  /** Deny every guarded field with this denial (the audit log cannot be written). */
  withholdGuarded?: Denial;
}

/**
 * Compiles each operation once per static shape of principal (ARCHITECTURE.md "Static decisions"):
 * whether they are authenticated and which of the scopes the supergraph names they hold, which is
 * all a static decision reads. Keyed by shape, never by principal, so two researchers with the
 * same scopes share an entry and nothing of one principal's data is ever in it. Bounded, least
 * recently used first out.
 */
export class OperationAnalysisCache {
  readonly #bySchema = new WeakMap<GraphQLSchema, LRUCache<string, CompiledOperation>>();
  readonly #scopes: readonly string[];
  readonly #max: number;
  readonly #rules: PerEntityRules;

  constructor(private readonly options: OperationAnalysisCacheOptions) {
    this.#max = options.maxOperations ?? DEFAULT_OPERATION_CACHE_SIZE;
    if (!Number.isInteger(this.#max) || this.#max < 1) throw new Error(`maxOperations must be a positive integer, got ${String(options.maxOperations)}`);
    this.#scopes = scopesNamedBy(options.plan);
    this.#rules = new PerEntityRules(options.plan, options.policies);
  }

  compile(input: CompileInput): CompiledOperation {
    let cache = this.#bySchema.get(input.schema);
    if (!cache) {
      cache = new LRUCache({ max: this.#max });
      this.#bySchema.set(input.schema, cache);
    }
    const shape = input.withholdGuarded ? `withheld:${input.withholdGuarded.reason}` : this.staticShapeOf(input.principal);
    const key = `${input.queryHash}\u0000${input.operationName ?? ''}\u0000${shape}`;
    let compiled = cache.get(key);
    if (!compiled) {
      const { plan, policies, mode } = this.options;
      const analysis = analyzeOperation({
        schema: input.schema, document: input.document, operationName: input.operationName, plan, principal: input.principal, policies, mode,
        ...(input.withholdGuarded ? { withholdGuarded: input.withholdGuarded } : {}),
      });
      compiled = new CompiledOperation(analysis, input.schema, this.#rules);
      cache.set(key, compiled);
    }
    return compiled;
  }

  /** What a static decision reads of a principal: authenticated or not, and the supergraph's scopes it holds. */
  staticShapeOf(principal: Principal): string {
    let shape = principal.authenticated ? 'a' : 'n';
    for (const scope of this.#scopes) shape += principal.scopes.has(scope) ? '1' : '0';
    return shape;
  }
}

function scopesNamedBy(plan: AuthorizationPlan): string[] {
  const scopes = new Set<string>();
  for (const coordinate of plan.coordinates()) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    for (const requirement of plan.requirementsFor(typeName, fieldName) ?? []) {
      if (requirement.kind === 'requiresScopes') for (const scope of requirement.anyOf.flat()) scopes.add(scope);
    }
  }
  return [...scopes].sort();
}
