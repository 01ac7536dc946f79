import { describe, expect, it } from 'vitest';
import { deny, type NamedPolicies, type Policy } from '../../../../schema/policy/decision.js';
import {
  bothOf, decideAlternatives, enforceableAlternatives, type AlternativesDecision,
} from '../../../../schema/policy/policy-alternatives.js';
import { input } from './harness.js';

// The one evaluation of @policy (an OR of ANDs) the gateway runs for every @policy field, here on stub policies.
const ok = (...duties: string[]): Policy => () => ({ allow: true, duties });
const no = (detail: string): Policy => () => deny('NOT_A_MEMBER', detail);
const STUBS: NamedPolicies = {
  a: ok('PUB'), b: ok('COL'), c: ok('PUB'), x: no('x'), y: no('y'),
  boom: () => { throw new Error('rule failed'); },
};

/** An allow with its duties, or the denying policy and its reason. */
const summary = (d: AlternativesDecision) => (d.allow ? { allow: true, duties: d.duties } : { policy: d.policy, reason: d.decision.reason });

describe('decideAlternatives', () => {
  it.each<{ name: string; alternatives: string[][]; result: ReturnType<typeof summary> }>([
    { name: 'one list, all allow: the duties of both', alternatives: [['a', 'b']], result: { allow: true, duties: ['PUB', 'COL'] } },
    { name: 'duties are not repeated', alternatives: [['a', 'c']], result: { allow: true, duties: ['PUB'] } },
    { name: 'one list, one denies', alternatives: [['a', 'x']], result: { policy: 'x', reason: 'NOT_A_MEMBER' } },
    { name: 'the second list allows', alternatives: [['x'], ['a']], result: { allow: true, duties: ['PUB'] } },
    { name: 'only the allowing list brings duties', alternatives: [['a', 'x'], ['b']], result: { allow: true, duties: ['COL'] } },
    { name: 'no list allows: the first denial of the first list', alternatives: [['a', 'y', 'x'], ['x']], result: { policy: 'y', reason: 'NOT_A_MEMBER' } },
    { name: 'a list stops at its first denial', alternatives: [['x', 'boom']], result: { policy: 'x', reason: 'NOT_A_MEMBER' } },
    { name: 'an unknown policy never allows', alternatives: [['a', 'nope']], result: { policy: 'nope', reason: 'POLICY_NOT_ENFORCEABLE' } },
    { name: 'an unknown policy in one list, another list allows', alternatives: [['nope'], ['b']], result: { allow: true, duties: ['COL'] } },
    { name: 'a name from Object.prototype is no policy', alternatives: [['constructor']], result: { policy: 'constructor', reason: 'POLICY_NOT_ENFORCEABLE' } },
    { name: 'no lists: never a vacuous allow', alternatives: [], result: { policy: 'policy', reason: 'POLICY_NOT_ENFORCEABLE' } },
    { name: 'an empty list: never a vacuous allow', alternatives: [[]], result: { policy: 'policy', reason: 'POLICY_NOT_ENFORCEABLE' } },
  ])('$name', ({ alternatives, result }) => {
    expect(summary(decideAlternatives(alternatives, input(), STUBS))).toEqual(result);
  });

  it('lets a policy that throws fail the decision (the gateway then denies with POLICY_ERROR)', () => {
    expect(() => decideAlternatives([['a', 'boom']], input(), STUBS)).toThrow('rule failed');
  });

  it('reports the denial detail of the policy that denied', () => {
    expect(decideAlternatives([['y']], input(), STUBS)).toMatchObject({ allow: false, decision: { detail: 'y' } });
  });
});

describe('enforceableAlternatives', () => {
  it.each<{ name: string; anyOf: string[][]; kept: string[][] }>([
    { name: 'all known', anyOf: [['a'], ['a', 'b']], kept: [['a'], ['a', 'b']] },
    { name: 'a list with an unknown name is dropped', anyOf: [['a', 'nope'], ['b']], kept: [['b']] },
    { name: 'an empty list is dropped', anyOf: [[], ['b']], kept: [['b']] },
    { name: 'nothing known', anyOf: [['nope'], ['toString']], kept: [] },
  ])('$name', ({ anyOf, kept }) => {
    expect(enforceableAlternatives(anyOf, STUBS)).toEqual(kept);
  });
});

describe('bothOf: two @policy requirements that must both hold', () => {
  it.each<{ name: string; first: string[][]; second: string[][]; combined: string[][] }>([
    { name: 'one and one', first: [['a']], second: [['b']], combined: [['a', 'b']] },
    { name: 'an OR and one', first: [['a'], ['x']], second: [['b']], combined: [['a', 'b'], ['x', 'b']] },
    { name: 'a name in both is kept once', first: [['a', 'b']], second: [['b']], combined: [['a', 'b']] },
    { name: 'nothing on one side: nothing can allow', first: [['a']], second: [], combined: [] },
  ])('$name', ({ first, second, combined }) => {
    expect(bothOf(first, second)).toEqual(combined);
  });
});
