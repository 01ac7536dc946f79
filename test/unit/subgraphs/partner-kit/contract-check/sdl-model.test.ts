import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readFederationLink } from '../../../../../subgraphs/partner-kit/contract-check/federation-link.js';
import { isFederationMachinery, parseSdl, SdlSyntaxError, sdlModel } from '../../../../../subgraphs/partner-kit/contract-check/sdl-model.js';

describe('the federation link', () => {
  it.each([
    ['imported as is', 'import: ["@key", "@policy"]', { key: 'key', policy: 'policy', federation__shareable: 'shareable', shareable: null }],
    ['imported under another name', 'import: [{ name: "@policy", as: "@rule" }]', { rule: 'policy', policy: null, federation__policy: 'policy' }],
    ['the link renamed', 'import: [], as: "fed"', { fed__key: 'key', federation__key: null, key: null }],
  ])('%s', (_name, args, expected) => {
    const link = readFederationLink(parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ${args})`))!;
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, link.federationNameOf(name)]))).toEqual(expected);
    expect(link.version).toBe('2.7');
  });

  it('is found on a schema definition too, beside the link spec\'s own link', () => {
    const link = readFederationLink(parse('schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) { query: Query }'));
    expect([link?.version, link?.importedNameOf('key'), link?.importedNameOf('policy')]).toEqual(['2.3', 'key', null]);
  });

  it('is absent from a Federation 1 SDL', () => {
    expect(readFederationLink(parse('type Query { a: Int }'))).toBeNull();
  });
});

describe('the SDL model', () => {
  it('merges a type with its extensions', () => {
    const model = sdlModel(parse('type Query { a: Int } extend type Query { b(x: Int = 3): [String!]! @deprecated } enum E { A } extend enum E { B }'));
    const query = model.types.get('Query')!;
    expect([...query.fields.keys()]).toEqual(['a', 'b']);
    expect(query.fields.get('b')).toMatchObject({ type: '[String!]!', namedType: 'String', args: new Map([['x', { name: 'x', type: 'Int', defaultValue: '3', directives: [] }]]) });
    expect([...model.types.get('E')!.values.keys()]).toEqual(['A', 'B']);
  });

  it('says where an SDL does not parse', () => {
    expect(() => parseSdl('type Query {')).toThrow(SdlSyntaxError);
    expect(() => parseSdl('type Query {')).toThrow('Syntax Error: Expected Name, found <EOF>.');
  });

  it.each([['_Service', true], ['link__Import', true], ['federation__Scope', true], ['FieldSet', true], ['Partner', false]])(
    'counts %s as federation machinery: %s', (name, expected) => expect(isFederationMachinery(name)).toBe(expected),
  );
});
