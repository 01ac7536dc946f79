import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { partnerTypeDefs } from '../../../../../schema/partner-contract.js';
import { publicSelection } from '../../../../../subgraphs/partner-kit/contract-check/public-selection.js';
import { sdlModel } from '../../../../../subgraphs/partner-kit/contract-check/sdl-model.js';
import { ENTITY, PARTNER } from './sdl-rule-harness.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@policy", "@requiresScopes", "@inaccessible"])';

describe('the public selection', () => {
  it.each([
    ['guarded fields, guarded types and hidden fields are left out', `
      type T { a: Int b: Int @policy(policies: [["p"]]) c: Secret d: Int @inaccessible e: Inner }
      type Secret @requiresScopes(scopes: [["s"]]) { x: Int }
      type Inner { y: Int z: String @policy(policies: [["p"]]) }`, 'a e { y }'],
    ['a field guarded on the interface is guarded on its implementation', `
      interface I { a: Int b: Int @policy(policies: [["p"]]) }
      type T implements I { a: Int b: Int }`, 'a'],
    ['a field guarded on an implementation is guarded on the interface', `
      interface T { a: Int b: Int }
      type Impl implements T { a: Int b: Int @requiresScopes(scopes: [["s"]]) }`, 'a'],
    ['fields needing an argument are left out, optional ones kept', 'type T { a(x: Int!): Int b(y: Int): Int }', 'b'],
    ['a type met again below itself is not walked again', 'type T { a: Int self: T other: U } type U { t: T n: Int }', 'a other { n }'],
    ['an object with nothing public is left out', 'type T { a: Int s: S } type S { x: Int @policy(policies: [["p"]]) }', 'a'],
  ])('%s', (_name, sdl, expected) => {
    expect(publicSelection(sdlModel(parse(`${LINK}\n${sdl}`)), 'T')).toBe(expected);
  });

  it('of the contract\'s entity type holds its public fields and none of its guarded ones', () => {
    const selection = publicSelection(sdlModel(partnerTypeDefs(PARTNER)), ENTITY);
    expect(selection).toMatch(/^id title description /);
    expect(selection).toContain('licence { id name ');
    for (const guarded of ['sampleRecords', 'retention', 'contactPoint', 'qualityReport', 'dataDictionary', 'royalty', 'accessUrl', 'downloadUrl', 'endpointUrl']) {
      expect(selection).not.toMatch(new RegExp(`\\b${guarded}\\b`));
    }
  });
});
