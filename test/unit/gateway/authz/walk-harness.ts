import { createHash } from 'node:crypto';
import {
  Kind, buildSchema, executeSync, isObjectType, parse, print,
  type GraphQLAbstractType, type GraphQLObjectType, type GraphQLTypeResolver, type SelectionSetNode,
} from 'graphql';
import { expect } from 'vitest';
import { AuthorizationPlan } from '../../../../gateway/authz/authorization-plan.js';
import type { AuthorizationPolicies, GovernanceFacts } from '../../../../gateway/authz/authorization-policies.js';
import { denialHandling, type EnforcementMode } from '../../../../gateway/authz/enforcement-mode.js';
import { EntityDecisions, type EntityDecision } from '../../../../gateway/authz/entity-decisions.js';
import type { FieldStep, GuardedSelection } from '../../../../gateway/authz/guarded-paths.js';
import { OperationAnalysisCache, type CompiledOperation } from '../../../../gateway/authz/operation-analysis-cache.js';
import type { OperationAnalysis } from '../../../../gateway/authz/operation-analysis.js';
import type { FieldRequirements } from '../../../../gateway/authz/requirements.js';
import { walkResponse } from '../../../../gateway/authz/response-walker.js';
import { ALLOW, deny, type NamedPolicies } from '../../../../schema/policy/decision.js';
import type { DatasetFacts } from '../../../../schema/policy/facts.js';
import { ANONYMOUS, type Principal } from '../../../../schema/policy/principal.js';
import { isDataClass } from '../../../../schema/vocabulary.js';
import { silentLogger } from '../../../../runtime/logger.js';

// A small API of its own for the second pass's unit tests: an interface (Asset) with two
// implementations, a union, lists of lists, non-null guarded fields and non-null objects holding
// them, and a governed entity (every Asset) whose facts the walk reads. Nothing here comes from the
// catalog, so each row shows one rule of the walk in isolation.
export const TOY_SDL = `
  type Query {
    asset(id: ID!): Asset
    requiredAsset: Asset!
    assets: [Asset]
    strictAssets: [Asset!]!
    search: [SearchResult]
    grid: [[Item]]
    strictGrid: [[Item!]!]
    box: Box
    requiredBox: Box!
    boxes: [Box]
    strictBoxes: [Box!]!
    people: [Person]
    tags: [String]
    auditLog: String
    motto: String!
  }

  interface Asset {
    id: ID!
    dataClass: String!
    title: String
    summary: String
    detail: Detail!
    related: Asset
  }

  type Report implements Asset {
    id: ID!
    dataClass: String!
    title: String
    summary: String
    detail: Detail!
    related: Asset
    pages: Int
    secret: String!
    audit: String
    notes: [String]
  }

  type Chart implements Asset {
    id: ID!
    dataClass: String!
    title: String
    summary: String
    detail: Detail!
    related: Asset
    points: [[Float]]
    caption: String
  }

  type Detail {
    note: String
    secret: String!
    hidden: String
    sealed: String
  }

  type Person {
    name: String
    email: String
    phone: String
  }

  union SearchResult = Report | Chart | Person

  type Item {
    name: String
    code: String
    secret: String!
  }

  type Box {
    label: String
    item: Item
    detail: Detail!
    details: [Detail!]
    maybeDetails: [Detail]
  }
`;

export const toySchema = buildSchema(TOY_SDL);

const STAFF: FieldRequirements = [{ kind: 'requiresScopes', anyOf: [['staff']] }];
const OPEN_OR_OWNER: FieldRequirements = [{ kind: 'policy', anyOf: [['open'], ['owner']] }];

/**
 * Written by hand, as prepareSupergraph would derive it: an interface field demands what its
 * implementations' fields demand (ARCHITECTURE.md "Authorization plan").
 */
export const toyPlan = new AuthorizationPlan(new Map<string, FieldRequirements>([
  ['Asset.summary', OPEN_OR_OWNER],
  ['Report.summary', OPEN_OR_OWNER],
  ['Chart.summary', OPEN_OR_OWNER],
  ['Report.secret', [{ kind: 'policy', anyOf: [['open']] }]],
  ['Report.audit', [{ kind: 'policy', anyOf: [['explosive']] }]],
  ['Report.notes', [{ kind: 'policy', anyOf: [['ghost']] }]],
  ['Chart.caption', STAFF],
  ['Detail.secret', STAFF],
  ['Detail.hidden', [{ kind: 'authenticated' }]],
  ['Detail.sealed', [{ kind: 'policy', anyOf: [['open']] }]],
  ['Item.secret', STAFF],
  ['Person.email', STAFF],
  ['Query.auditLog', STAFF],
  ['Query.motto', STAFF],
]), new Set(['open', 'owner', 'explosive', 'ghost']));

export const FACT_PREFIX = '__concord_fact_';
export const TOY_PUBLISHER = 'toy-publisher';

/** An Asset's facts: its id and class under reserved aliases; anything else unreadable. */
export const toyFacts: GovernanceFacts = {
  interfaceName: 'Asset',
  selection: `${FACT_PREFIX}id: id ${FACT_PREFIX}dataClass: dataClass`,
  read(record) {
    const id = record[`${FACT_PREFIX}id`];
    const dataClass = record[`${FACT_PREFIX}dataClass`];
    if (typeof id !== 'string' || !isDataClass(dataClass)) return null;
    const facts: DatasetFacts = {
      datasetId: id, partnerId: TOY_PUBLISHER, dataClass, licenceId: 'CC0-1.0', useConditions: [], embargoUntil: null, deletionDue: null,
    };
    return facts;
  },
  nested: [],
  refine: (inherited) => inherited,
};

export interface ToyPolicies {
  policies: AuthorizationPolicies;
  /** How many times each named policy ran. */
  calls: Record<string, number>;
}

/** Fresh policies per run, counting their calls: open reads the class, owner the organisation, explosive throws. */
export function toyPolicies(): ToyPolicies {
  const calls: Record<string, number> = { open: 0, owner: 0, explosive: 0 };
  const named: NamedPolicies = {
    open: ({ facts }) => {
      calls.open! += 1;
      return facts.dataClass === 'PUBLIC' ? ALLOW : deny('NO_ACTIVE_GRANT', `${facts.datasetId} is not open`);
    },
    owner: ({ principal, facts }) => {
      calls.owner! += 1;
      return principal.organisation === facts.partnerId ? ALLOW : deny('NOT_A_STEWARD', 'not the publisher');
    },
    explosive: () => {
      calls.explosive! += 1;
      throw new Error('the rule failed');
    },
  };
  return { policies: { version: 'toy-1', named, facts: toyFacts }, calls };
}

export type PrincipalShape = 'anonymous' | 'member' | 'staff' | 'owner';

export function toyPrincipal(shape: PrincipalShape): Principal {
  switch (shape) {
    case 'anonymous':
      return ANONYMOUS;
    case 'member':
      return { ...ANONYMOUS, authenticated: true, subject: 'member-1', organisation: 'elsewhere', scopes: new Set(['reader']) };
    case 'staff':
      return { ...ANONYMOUS, authenticated: true, subject: 'staff-1', organisation: 'elsewhere', scopes: new Set(['staff']) };
    case 'owner':
      return { ...ANONYMOUS, authenticated: true, subject: 'owner-1', organisation: TOY_PUBLISHER, scopes: new Set() };
  }
}

export interface CompileOptions {
  principal?: PrincipalShape;
  mode?: EnforcementMode;
  operationName?: string;
  policies?: ToyPolicies;
}

/** The operation compiled as the gateway compiles it: through the bounded cache. */
export function compileToy(query: string, options: CompileOptions = {}): CompiledOperation {
  const policies = options.policies ?? toyPolicies();
  const cache = new OperationAnalysisCache({ plan: toyPlan, policies: policies.policies, mode: options.mode ?? 'filter' });
  return cache.compile({
    schema: toySchema,
    document: parse(query),
    queryHash: createHash('sha256').update(query).digest('hex'),
    operationName: options.operationName ?? null,
    principal: toyPrincipal(options.principal ?? 'anonymous'),
  });
}

/** The planned document printed on one line, or null when the client's own document is planned. */
export function plannedText(compiled: CompiledOperation): string | null {
  const planned = compiled.analysis.planned;
  return planned ? oneLine(print(planned.document)) : null;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// The steps of a compiled selection, one runtime type at a time, in a compact notation:
//   key            a field whose value is passed on as fetched (below: null)
//   alias:field    the response key and the field it reads
//   key*2          two field nodes merged under the key
//   key!REASON     denied before planning
//   key?a+b|c      decided per entity: (a and b) or c
//   key { ... }    rebuilt, with the steps below; for an abstract type, "on Type { ... }" per possible type
export function renderSteps(selection: GuardedSelection, runtimeType: GraphQLObjectType): string {
  return braces(selection.stepsFor(runtimeType).map(renderStep).join(' '));
}

function renderStep(step: FieldStep): string {
  let text = step.key === step.fieldName ? step.key : `${step.key}:${step.fieldName}`;
  if (step.nodes.length > 1) text += `*${step.nodes.length}`;
  if (step.staticDenial) text += `!${step.staticDenial.reason}`;
  if (step.alternatives) text += `?${step.alternatives.length > 0 ? step.alternatives.map((all) => all.join('+')).join('|') : 'none'}`;
  if (step.below) text += ` ${renderBelow(step.below)}`;
  return text;
}

function renderBelow(selection: GuardedSelection): string {
  const type = selection.staticType;
  if (isObjectType(type)) return renderSteps(selection, type);
  const possible = toySchema.getPossibleTypes(type);
  return braces(possible.map((p) => `on ${p.name} ${renderSteps(selection, p)}`).join(' '));
}

function braces(inner: string): string {
  return inner.length > 0 ? `{ ${inner} }` : '{}';
}

export interface ExpectedError {
  path: readonly (string | number)[];
  /** extensions.code; absent for errors that are not denials (a null where the schema forbids one). */
  code?: string;
  reason?: string;
  /** Part of the message, for errors that are not denials. */
  message?: string;
}

export interface WalkRow {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  principal?: PrincipalShape;
  mode?: EnforcementMode;
  /** The grant store could not be read for this request. */
  grantsUnreadable?: boolean;
  /** The planned document, one line, when the row shows it. */
  planned?: string | null;
  /** What the planner returns for the planned document, response keys and order included. */
  fetched: Record<string, unknown>;
  /** Set when fetched is deliberately not what the planner would return (a subgraph broke the schema). */
  notAsPlanned?: string;
  data: Record<string, unknown> | null;
  errors?: readonly ExpectedError[];
  /** Paths (from data) whose value must be the very object fetched, not a copy. */
  identical?: readonly (readonly (string | number)[])[];
  /** Calls of each named policy, when the row counts them. */
  calls?: Partial<Record<string, number>>;
  /** The recorded decisions (coordinate, outcome, reason), in order, when the row shows them. */
  decisions?: readonly Pick<EntityDecision, 'coordinate' | 'outcome' | 'reason'>[];
  /**
   * Set on rows that state what the GraphQL specification or ARCHITECTURE.md requires and the code
   * does not do; the text says which section. Such rows run, and fail, until the code is fixed.
   */
  discrepancy?: string;
}

export interface WalkOutcome {
  data: Record<string, unknown> | null;
  errors: ExpectedError[];
  denied: number;
  decisions: readonly EntityDecision[];
  calls: Record<string, number>;
  compiled: CompiledOperation;
}

const NOW = new Date('2025-06-01T00:00:00Z');

/** The second pass as the gateway runs it (authorizing-gateway.ts): no walk when nothing is guarded. */
export function walkToy(row: WalkRow): WalkOutcome {
  const policies = toyPolicies();
  const principal = row.principal ?? 'anonymous';
  const mode = row.mode ?? 'filter';
  const compiled = compileToy(row.query, { principal, mode, operationName: row.operationName, policies });
  const decisions = new EntityDecisions({
    principal: toyPrincipal(principal),
    policies: policies.policies,
    entityDenials: denialHandling(mode, 'per-entity'),
    now: NOW,
    grants: row.grantsUnreadable ? { ok: false, error: new Error('grant store unreachable') } : { ok: true, grants: [] },
    logger: silentLogger,
  });
  const walk = compiled.analysis.planned ? compiled.walkFor(row.variables) : null;
  if (!walk) return { data: row.fetched, errors: [], denied: 0, decisions: decisions.decisions, calls: policies.calls, compiled };
  const result = walkResponse({ schema: toySchema, policies: policies.policies, rootType: walk.type, root: walk.selection, fetched: row.fetched, decisions });
  const errors = result.errors.map((e): ExpectedError => ({
    path: e.path ?? [],
    ...(typeof e.extensions.code === 'string' ? { code: e.extensions.code } : {}),
    ...(typeof e.extensions.reason === 'string' ? { reason: e.extensions.reason } : {}),
    ...(e.extensions.code === undefined ? { message: e.message } : {}),
  }));
  return { data: result.data, errors, denied: result.denied, decisions: decisions.decisions, calls: policies.calls, compiled };
}

/**
 * Checks a row's fixture: executing the planned document (the client's when nothing is planned)
 * over the fetched data gives the fetched data back, keys and order included, so the fetched data
 * is exactly what a planner would return for it.
 */
export function expectAsPlanned(row: WalkRow, compiled: CompiledOperation): void {
  const document = compiled.analysis.planned?.document ?? compiled.analysis.document;
  const result = executeSync({
    schema: toySchema,
    document,
    rootValue: row.fetched,
    variableValues: row.variables ?? {},
    operationName: row.operationName ?? null,
    fieldResolver: (source: Record<string, unknown>, _args, _context, info) => source[info.path.key as string],
    typeResolver: typeFromKeys,
  });
  expect(result.errors ?? []).toEqual([]);
  expect(JSON.stringify(result.data)).toBe(JSON.stringify(row.fetched));
}

// A planner's objects carry their type name where the planned document asks for it; elsewhere the
// fixture's keys tell the implementation apart.
const typeFromKeys: GraphQLTypeResolver<unknown, unknown> = (value, _context, _info, abstractType: GraphQLAbstractType) => {
  const record = value as Record<string, unknown>;
  const named = record.__concord_typename ?? record.__typename;
  if (typeof named === 'string') return named;
  const keys = Object.keys(record);
  return toySchema.getPossibleTypes(abstractType).find((t) => keys.every((k) => k in t.getFields()))?.name;
};

/** Response keys of every object, depth first: toEqual does not compare key order. */
export function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object') return null;
  return Object.entries(value).map(([key, inner]) => [key, keyOrder(inner)]);
}

/** Errors as a multiset, sorted by path then reason (their order is not specified). */
export function sortedErrors(errors: readonly ExpectedError[]): ExpectedError[] {
  return [...errors].sort((a, b) => {
    const byPath = JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));
    return byPath !== 0 ? byPath : (a.reason ?? a.message ?? '').localeCompare(b.reason ?? b.message ?? '');
  });
}

/**
 * The selection sets the analysis walks, each named by its field's response key, "on Type" or "..."
 * for an inline fragment, "fragment Name", or the operation's name or kind, in document order.
 */
export function walkedLabels(analysis: OperationAnalysis): string[] {
  const labels: string[] = [];
  const visitSet = (set: SelectionSetNode, label: string): void => {
    if (analysis.walked.has(set)) labels.push(label);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD && selection.selectionSet) visitSet(selection.selectionSet, selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visitSet(selection.selectionSet, selection.typeCondition ? `on ${selection.typeCondition.name.value}` : '...');
    }
  };
  for (const definition of analysis.document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visitSet(definition.selectionSet, definition.name?.value ?? definition.operation);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet, `fragment ${definition.name.value}`);
  }
  return labels;
}

/** The value at a path of response keys and list indices. */
export function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown> | null | undefined)?.[key], value);
}

/** Marks a discrepancy row's name so it is easy to find in the output. */
export function rowName(row: { name: string; discrepancy?: string }): string {
  return row.discrepancy ? `[DISCREPANCY] ${row.name}` : row.name;
}
