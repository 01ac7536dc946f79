import { ConfigError, readPositiveInt, type Env } from '../../runtime/env.js';

// The limits every request meets before planning (ARCHITECTURE.md, "Request path", steps 1 to 3),
// with their defaults in one place: gateway/config.ts reads them from the environment, and a
// configuration built in code (tests, benchmarks) that leaves one out gets the default here.

export interface RequestLimits {
  /** Deepest field nesting an operation may have (the standard introspection query needs 15). */
  maxQueryDepth: number;
  maxAliases: number;
  /**
   * Brackets nested in the query text, and selection sets nested through fragments: checked on the
   * text before parsing, so no recursive step (parser, validation, planner) ever meets a deeper one.
   */
  maxNesting: number;
  /** Lexical tokens in one document (graphql's parse option maxTokens, checked before parsing too). */
  maxTokens: number;
  /** Directives on one field, fragment or operation. */
  maxDirectivesPerField: number;
  /** Directives in one document. */
  maxDirectives: number;
  /** The highest estimated cost of an operation (gateway/limits/cost-estimate.ts). */
  maxCost: number;
  /** Cost of one occurrence of a field, by schema coordinate; fields not listed cost 1. */
  fieldCosts: ReadonlyMap<string, number>;
  /** Items assumed in a list whose size no `first` argument states. */
  defaultListSize: number;
  /** The request's variables, as JSON, in bytes. */
  maxVariablesBytes: number;
}

/**
 * Full-text search scores the whole index for every word, whatever the page size: one search is
 * worth many plain fields (issue 12: forty aliased searches kept the index busy for 20 s).
 */
export const DEFAULT_FIELD_COSTS: ReadonlyMap<string, number> = new Map([
  ['Query.search', 10],
  // The audit views read up to 50,000 records of the trail a page, and the reports every request,
  // grant and record of a period: priced so that aliasing them is refused and rate-limited by cost.
  ['Query.auditEvents', 2_000],
  ['Query.myAccessHistory', 2_000],
  ['Query.complianceSample', 10_000],
  ['Query.complianceReport', 10_000],
  ['Query.providerReport', 10_000],
]);

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxQueryDepth: 20,
  maxAliases: 100,
  maxNesting: 64,
  maxTokens: 5_000,
  maxDirectivesPerField: 4,
  maxDirectives: 50,
  maxCost: 100_000,
  fieldCosts: DEFAULT_FIELD_COSTS,
  defaultListSize: 10,
  maxVariablesBytes: 65_536,
};

/** The limits of a configuration, each one it leaves out at its default. */
export function requestLimits(config: Partial<RequestLimits>): RequestLimits {
  const limits = { ...DEFAULT_REQUEST_LIMITS };
  for (const key of Object.keys(limits) as (keyof RequestLimits)[]) {
    if (config[key] !== undefined) Object.assign(limits, { [key]: config[key] });
  }
  return limits;
}

/** Every limit from the environment; a bad value stops start-up naming its variable. */
export function readRequestLimits(env: Env): RequestLimits {
  const d = DEFAULT_REQUEST_LIMITS;
  return {
    maxQueryDepth: readPositiveInt(env, 'MAX_QUERY_DEPTH', d.maxQueryDepth),
    maxAliases: readPositiveInt(env, 'MAX_ALIASES', d.maxAliases),
    maxNesting: readPositiveInt(env, 'MAX_NESTING', d.maxNesting),
    maxTokens: readPositiveInt(env, 'MAX_TOKENS', d.maxTokens),
    maxDirectivesPerField: readPositiveInt(env, 'MAX_DIRECTIVES_PER_FIELD', d.maxDirectivesPerField),
    maxDirectives: readPositiveInt(env, 'MAX_DIRECTIVES', d.maxDirectives),
    maxCost: readPositiveInt(env, 'MAX_COST', d.maxCost),
    fieldCosts: readFieldCosts(env, 'FIELD_COSTS'),
    defaultListSize: readPositiveInt(env, 'DEFAULT_LIST_SIZE', d.defaultListSize),
    maxVariablesBytes: readPositiveInt(env, 'MAX_VARIABLES_BYTES', d.maxVariablesBytes),
  };
}

const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;

/** `Type.field=cost,...` on top of the defaults: an operator can make a field dearer, cheaper or free. */
export function readFieldCosts(env: Env, name: string): ReadonlyMap<string, number> {
  const costs = new Map(DEFAULT_FIELD_COSTS);
  const raw = env[name];
  if (!raw) return costs;
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [coordinate = '', value = '', ...rest] = entry.split('=').map((s) => s.trim());
    const cost = Number(value);
    if (rest.length > 0 || !COORDINATE.test(coordinate) || value === '' || !Number.isInteger(cost) || cost < 0) {
      throw new ConfigError(`${name} must be a comma-separated list of Type.field=cost with whole costs of 0 or more, got "${entry}"`);
    }
    costs.set(coordinate, cost);
  }
  return costs;
}
