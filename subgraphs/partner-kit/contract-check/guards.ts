import { Kind, type ConstValueNode } from 'graphql';
import type { DirectiveUse } from './sdl-model.js';

// The security directives of the contract (ARCHITECTURE.md, "Authorization"): `@authenticated`,
// `@requiresScopes(scopes:)` and `@policy(policies:)`. Both list arguments are alternatives of
// requirements: [["a", "b"], ["c"]] is satisfied by (a and b) or c. A partner's guard is as strict
// as the contract's when each of its alternatives demands at least everything of one of the
// contract's; it is weaker otherwise, and the gateway would serve the field to callers the contract
// refuses.

export const GUARD_KINDS = ['authenticated', 'requiresScopes', 'policy'] as const;
export type GuardKind = (typeof GUARD_KINDS)[number];

const ARGUMENT_OF: Record<GuardKind, string | null> = { authenticated: null, requiresScopes: 'scopes', policy: 'policies' };

export interface Guard {
  kind: GuardKind;
  /** Sorted alternatives of sorted requirements; `@authenticated` is one empty alternative. */
  alternatives: string[][];
}

/** A guard of the contract compared with the partner's on the same element. */
export type GuardComparison = 'same' | 'missing' | 'weaker' | 'stricter' | 'added';

/** The guards among an element's directives, by kind. */
export function guardsOf(directives: readonly DirectiveUse[]): Map<GuardKind, Guard> {
  const guards = new Map<GuardKind, Guard>();
  for (const directive of directives) {
    const kind = GUARD_KINDS.find((k) => k === directive.federationName);
    if (!kind) continue;
    const argument = ARGUMENT_OF[kind];
    const alternatives = argument === null ? [[]] : alternativesOf(directive.args.get(argument));
    const known = guards.get(kind);
    // Two directives of one kind (not valid Federation, but possible in a hand-written SDL) must both hold.
    guards.set(kind, { kind, alternatives: known ? bothOf(known.alternatives, alternatives) : alternatives });
  }
  return guards;
}

export function compareGuards(expected: Guard | undefined, found: Guard | undefined): GuardComparison | null {
  if (!expected && !found) return null;
  if (!expected) return 'added';
  if (!found) return 'missing';
  if (sameAlternatives(expected.alternatives, found.alternatives)) return 'same';
  return demandsAtLeast(found.alternatives, expected.alternatives) ? 'stricter' : 'weaker';
}

/** `@policy(policies: [["dataset:sample-records"]])`, written under the given local name. */
export function printGuard(guard: Guard, localName: string = guard.kind): string {
  const argument = ARGUMENT_OF[guard.kind];
  if (argument === null) return `@${localName}`;
  const list = guard.alternatives.map((alternative) => `[${alternative.map((r) => JSON.stringify(r)).join(', ')}]`).join(', ');
  return `@${localName}(${argument}: [${list}])`;
}

/**
 * A list of lists of strings, with GraphQL's input coercion of a single value to a list of one
 * (GraphQL spec, section 3.11 "List", input coercion): "a" is [["a"]] and ["a", "b"] is [["a"], ["b"]].
 */
function alternativesOf(value: ConstValueNode | undefined): string[][] {
  if (!value) return [];
  const outer = value.kind === Kind.LIST ? value.values : [value];
  return normalise(outer.map((item) => (item.kind === Kind.LIST ? item.values : [item])
    .flatMap((requirement) => (requirement.kind === Kind.STRING ? [requirement.value] : []))));
}

function normalise(alternatives: string[][]): string[][] {
  const unique = new Map(alternatives.map((a) => {
    const sorted = [...new Set(a)].sort();
    return [JSON.stringify(sorted), sorted] as const;
  }));
  return [...unique.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function sameAlternatives(a: string[][], b: string[][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether every alternative of `strict` demands at least all of some alternative of `loose`. */
function demandsAtLeast(strict: string[][], loose: string[][]): boolean {
  return strict.length > 0 && strict.every((s) => loose.some((l) => l.every((requirement) => s.includes(requirement))));
}

/** Both guards at once: every pair of alternatives, joined. */
function bothOf(a: string[][], b: string[][]): string[][] {
  return normalise(a.flatMap((x) => b.map((y) => [...x, ...y])));
}
