import { ENFORCEMENT_MODES } from '../../../gateway/authz/enforcement-mode.js';
import { canonical, clientError, differences } from './compare.js';
import { generateOperation, type GeneratedOperation } from './operation-generator.js';
import { claimVocabulary, generatePrincipal, type ClaimVocabulary } from './principal-generator.js';
import { Random } from './random.js';
import type { EquivalenceCase, PassOutcome, SecondPasses } from './second-passes.js';
import type { World } from './world.js';

/**
 * The times requests are decided at: before and after embargoes lift and deletion dates pass in the
 * demo catalogs, and the very day one dataset is deleted (retention counts from 00:00 UTC).
 */
export const DECISION_TIMES: readonly Date[] = [
  '2025-03-01T09:00:00Z', '2025-06-30T00:00:00Z', '2026-01-15T12:00:00Z', '2028-06-01T00:00:00Z',
].map((t) => new Date(t));

/** Requests per generated operation: each with its own principal and mode, sharing the operation cache. */
export const RUNS_PER_OPERATION = 3;

export interface RandomCases {
  world: World;
  vocabulary: ClaimVocabulary;
  datasetIds: readonly string[];
}

export function randomCases(world: World): RandomCases {
  return { world, vocabulary: claimVocabulary(world), datasetIds: world.datasets.map((d) => d.id) };
}

/** Case `index` of the run seeded `seed`: one operation over one page, asked by RUNS_PER_OPERATION principals. */
export function randomCase(cases: RandomCases, seed: number, index: number): EquivalenceCase[] {
  const random = Random.forCase(seed, index);
  const { world } = cases;
  const operation: GeneratedOperation = generateOperation(random, { schema: world.apiSchema, datasetIds: cases.datasetIds });
  const page: (string | null)[] = random.sample(cases.datasetIds, random.int(0, 8));
  if (random.chance(0.1)) page.splice(random.int(0, page.length), 0, null);
  const now = random.pick(DECISION_TIMES);
  return Array.from({ length: RUNS_PER_OPERATION }, () => ({
    operation,
    principal: generatePrincipal(random, world, cases.vocabulary, now),
    mode: random.pick(ENFORCEMENT_MODES),
    page,
    now,
  }));
}

/** Runs both passes and returns a report of their differences, or null when they agree. */
export async function compareCase(passes: SecondPasses, c: EquivalenceCase): Promise<{ report: string | null; reference: PassOutcome; walk: PassOutcome }> {
  const reference = await passes.reference(c);
  const walk = await passes.walk(c);
  const found = differences(reference, walk);
  return { report: found.length === 0 ? null : describe(c, reference, walk, found), reference, walk };
}

/** Everything needed to replay a differing request by hand. */
export function describe(c: EquivalenceCase, reference: PassOutcome, walk: PassOutcome, found: readonly string[]): string {
  const result = (outcome: PassOutcome) => [
    `  stage: ${outcome.stage}`,
    `  data: ${JSON.stringify(outcome.result.data)}`,
    `  errors: ${(outcome.result.errors ?? []).map((e) => canonical(clientError(e))).join('\n          ')}`,
  ].join('\n');
  return [
    ...found.map((f) => `- ${f}`),
    `mode: ${c.mode}; now: ${c.now.toISOString()}; page: ${JSON.stringify(c.page)}`,
    `principal (${c.principal.label}): claims ${JSON.stringify(c.principal.claims)}; store grants ${JSON.stringify(c.principal.storeGrants)}`,
    `operation${c.operation.operationName ? ` (operationName ${c.operation.operationName})` : ''}, variables ${JSON.stringify(c.operation.variables)}:`,
    c.operation.source,
    'reference:',
    result(reference),
    'walk:',
    result(walk),
  ].join('\n');
}


/** What a run of random cases met, so that a run that stopped meeting something shows (and fails). */
export class CoverageTally {
  readonly counts = new Map<string, number>();

  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Constructs of the operation text, counted once per operation. */
  operation(operation: GeneratedOperation): void {
    const source = operation.source;
    this.add('operations');
    if (/\.\.\. on Dataset\b/.test(source)) this.add('inline fragment on Dataset');
    if (/\.\.\. on \w+Dataset\b/.test(source)) this.add('inline fragment on a partner type');
    if (/\.\.\. @(skip|include)/.test(source)) this.add('fragment without type condition');
    const spreads = [...source.matchAll(/\.\.\.(F\d+_\w+)/g)].map((m) => m[1]!);
    if (spreads.length > 0) this.add('named fragment');
    if (new Set(spreads).size < spreads.length) this.add('named fragment spread twice');
    if (/@(skip|include)\(if: (true|false)\)/.test(source)) this.add('@skip/@include literal');
    if (/@(skip|include)\(if: \$/.test(source)) this.add('@skip/@include variable');
    const definitions = /^query Main\(([^)]*)\)/.exec(source)?.[1] ?? '';
    for (const [, name] of definitions.matchAll(/\$(\w+)/g)) {
      if (!(name! in operation.variables)) this.add('variable omitted');
      else if (operation.variables[name!] === null) this.add('variable sent as null');
      else this.add('variable sent');
    }
    if (/\b(\w+)_2: \1\b/.test(source)) this.add('field under a second alias');
    if (/__typename/.test(source)) this.add('__typename');
    if (operation.operationName) this.add('operation chosen by name');
  }

  /** What the reference did with one request. */
  outcome(c: EquivalenceCase, reference: PassOutcome): void {
    this.add(`mode ${c.mode}`);
    this.add(`stage ${reference.stage}`);
    for (const error of reference.result.errors ?? []) {
      const reason = error.extensions?.reason;
      this.add(typeof reason === 'string' ? `denial ${reason}` : 'other error');
    }
    for (const decision of reference.decisions) this.add(`decision ${decision.outcome}`);
  }

  summary(): string {
    return [...this.counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `${name}: ${n}`).join('; ');
  }
}
