import type { FieldNode, GraphQLError } from 'graphql';
import type { PassOutcome } from './second-passes.js';

/** An error as a client sees it: what must be the same on both sides (order aside). */
export interface ClientError {
  message: string;
  path: readonly (string | number)[] | null;
  locations: readonly { line: number; column: number }[] | null;
  extensions: Record<string, unknown>;
}

export function clientError(error: GraphQLError): ClientError {
  return {
    message: error.message,
    path: error.path ?? null,
    locations: error.locations && error.locations.length > 0 ? error.locations.map(({ line, column }) => ({ line, column })) : null,
    extensions: { ...(error.extensions ?? {}) },
  };
}

/**
 * Every way the walk's outcome differs from the reference's; empty when they are the same:
 * the stage reached, `data` byte for byte (JSON key order included), errors as a multiset (their
 * order is free, walker-api's known difference 3), the logged per-entity decisions as a multiset,
 * and which fields of the client's document each denied before planning or left per entity.
 */
export function differences(reference: PassOutcome, walk: PassOutcome): string[] {
  const found: string[] = [];
  if (reference.stage !== walk.stage) found.push(`stage: reference ${reference.stage}, walk ${walk.stage}`);
  const referenceData = JSON.stringify(reference.result.data);
  const walkData = JSON.stringify(walk.result.data);
  if (referenceData !== walkData) found.push(`data differ at ${firstDifference(reference.result.data, walk.result.data, '$')}`);
  const referenceErrors = sortedErrors(reference.result.errors ?? []);
  const walkErrors = sortedErrors(walk.result.errors ?? [], asTheReferenceSaysIt);
  const onlyReference = minus(referenceErrors, walkErrors);
  const onlyWalk = minus(walkErrors, referenceErrors);
  if (onlyReference.length > 0) found.push(`errors only in the reference: ${onlyReference.join(' | ')}`);
  if (onlyWalk.length > 0) found.push(`errors only in the walk: ${onlyWalk.join(' | ')}`);
  // Decisions are compared without their policy: the walk names it on allows too (for the metrics),
  // and a denial's policy is compared through its error.
  const referenceDecisions = reference.decisions.map(({ policy: _policy, ...d }) => canonical(d)).sort();
  // The reference logged no decision for a rule that threw (a grant store that cannot be read): its
  // graphql-shield fallback denied the field and logged the failure only. The walk records that
  // denial (reason GRANTS_UNAVAILABLE) as well, which the reference cannot match.
  const walkDecisions = walk.decisions.filter((d) => d.reason !== 'POLICY_ERROR' && d.reason !== 'GRANTS_UNAVAILABLE')
    .map(({ policy: _policy, ...d }) => canonical(d)).sort();
  const decisionsOnlyReference = minus(referenceDecisions, walkDecisions);
  const decisionsOnlyWalk = minus(walkDecisions, referenceDecisions);
  if (decisionsOnlyReference.length > 0) found.push(`decisions only in the reference: ${decisionsOnlyReference.join(' | ')}`);
  if (decisionsOnlyWalk.length > 0) found.push(`decisions only in the walk: ${decisionsOnlyWalk.join(' | ')}`);
  if (!sameNodes(reference.staticDenials, walk.staticDenials)) {
    found.push(`static denials: reference ${describeNodes(reference.staticDenials)}, walk ${describeNodes(walk.staticDenials)}`);
  }
  if (!sameNodes(reference.perEntity, walk.perEntity)) {
    found.push(`per-entity fields: reference ${describeNodes(reference.perEntity)}, walk ${describeNodes(walk.perEntity)}`);
  }
  return found;
}

function sortedErrors(errors: readonly GraphQLError[], shown: (error: ClientError) => ClientError = (e) => e): string[] {
  return errors.map((e) => canonical(shown(clientError(e)))).sort();
}

/**
 * A walk's error as the reference, frozen before these existed, would say it: grants that could
 * not be read were a POLICY_ERROR without advice (GRANTS_UNAVAILABLE since), and no denial offered
 * requestAccess. Everything else must be the same; requestAccess and GRANTS_UNAVAILABLE have tests
 * of their own (schema/policy request-access tests, the gateway's integration tests).
 */
function asTheReferenceSaysIt(error: ClientError): ClientError {
  const { requestAccess: _offered, ...extensions } = error.extensions;
  if (extensions.reason === 'GRANTS_UNAVAILABLE') {
    const { obtainAccess: _advice, ...rest } = extensions;
    return { ...error, extensions: { ...rest, reason: 'POLICY_ERROR' } };
  }
  return { ...error, extensions };
}

// Each of `a` not matched by one of `b` (multiset difference of sorted lists).
function minus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of b) counts.set(item, (counts.get(item) ?? 0) + 1);
  const left: string[] = [];
  for (const item of a) {
    const n = counts.get(item) ?? 0;
    if (n > 0) counts.set(item, n - 1);
    else left.push(item);
  }
  return left;
}

/** JSON with object keys sorted: for values whose key order means nothing (errors, decisions). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** The first place two JSON values differ, key order included, with both sides there. */
export function firstDifference(a: unknown, b: unknown, path: string): string {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return firstDifference(a[i], b[i], `${path}[${i}]`);
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.join(',') !== keysB.join(',')) return `${path}: keys reference [${keysA.join(', ')}], walk [${keysB.join(', ')}]`;
    for (const key of keysA) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${path}.${key}`);
    }
  }
  return `${path}: reference ${short(a)}, walk ${short(b)}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

// By place in the query text, not by object: the operation cache keeps the document it first met
// for a query text, and a later request with the same text brings a parse of its own.
function sameNodes(a: ReadonlySet<FieldNode>, b: ReadonlySet<FieldNode>): boolean {
  const places = (nodes: ReadonlySet<FieldNode>) => [...nodes].map((n) => n.loc?.start ?? -1).sort((x, y) => x - y).join(',');
  return a.size === b.size && places(a) === places(b);
}

function describeNodes(nodes: ReadonlySet<FieldNode>): string {
  return `[${[...nodes].map((n) => `${n.alias ? `${n.alias.value}: ` : ''}${n.name.value}@${n.loc?.start ?? '?'}`).join(', ')}]`;
}
