import { describe, expect, it } from 'vitest';
import { compareGuards, guardsOf, printGuard } from '../../../../../subgraphs/partner-kit/contract-check/guards.js';
import { sdlModel } from '../../../../../subgraphs/partner-kit/contract-check/sdl-model.js';
import { parse } from 'graphql';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@policy", "@requiresScopes", "@authenticated"])';

/** The guards on `Query.f` written with `directives`. */
function guards(directives: string) {
  return guardsOf(sdlModel(parse(`${LINK}\ntype Query { f: Int ${directives} }`)).types.get('Query')!.fields.get('f')!.directives);
}

describe('guards', () => {
  it.each([
    ['the same', '@policy(policies: [["a", "b"], ["c"]])', '@policy(policies: [["c"], ["b", "a"]])', 'same'],
    ['missing', '@policy(policies: [["a"]])', '', 'missing'],
    ['added', '', '@policy(policies: [["a"]])', 'added'],
    ['stricter: more requirements in the one alternative', '@policy(policies: [["a"]])', '@policy(policies: [["a", "b"]])', 'stricter'],
    ['stricter: fewer alternatives', '@policy(policies: [["a"], ["b"]])', '@policy(policies: [["a"]])', 'stricter'],
    ['weaker: one more alternative', '@policy(policies: [["a"]])', '@policy(policies: [["a"], ["b"]])', 'weaker'],
    ['weaker: fewer requirements', '@policy(policies: [["a", "b"]])', '@policy(policies: [["a"]])', 'weaker'],
    ['weaker: no alternatives at all', '@policy(policies: [["a"]])', '@policy(policies: [])', 'weaker'],
    ['a lone value coerced to a list', '@requiresScopes(scopes: [["s"]])', '@requiresScopes(scopes: "s")', 'same'],
    ['@authenticated on both', '@authenticated', '@authenticated', 'same'],
  ])('%s', (_name, contract, partner, expected) => {
    const kind = /@(\w+)/.exec(contract || partner)![1] as 'policy';
    expect(compareGuards(guards(contract).get(kind), guards(partner).get(kind))).toBe(expected);
  });

  it('reads nothing as a guard that the link does not make federation\'s', () => {
    expect(guardsOf(sdlModel(parse('type Query { f: Int @policy(policies: [["a"]]) }')).types.get('Query')!.fields.get('f')!.directives).size).toBe(0);
  });

  it('prints a guard as the SDL writes it, under the partner\'s name for it', () => {
    expect(printGuard(guards('@policy(policies: [["b", "a"]])').get('policy')!, 'rule')).toBe('@rule(policies: [["a", "b"]])');
    expect(printGuard(guards('@authenticated').get('authenticated')!)).toBe('@authenticated');
  });
});
