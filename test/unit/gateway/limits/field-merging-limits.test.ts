import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkFieldMergingLimits, DEFAULT_FIELD_MERGING_LIMITS } from '../../../../gateway/limits/field-merging-limits.js';
import { fieldMergingLimits, readFieldMergingLimits } from '../../../../gateway/limits/field-merging-settings.js';
import { ConfigError } from '../../../../runtime/env.js';

// Fields graphql-js's OverlappingFieldsCanBeMerged would compare pair by pair (issue 12), counted on
// the raw text before validation: at most 3 sharing a response path, at most 12 fields in all.
const limits = { maxSameNameFields: 3, maxFields: 12, maxTokens: 5_000 };
const check = (text: string) => {
  const error = checkFieldMergingLimits(text, limits);
  return error ? [error.message, error.locations?.[0]] : null;
};
const same = (name: string, n: number) => `Field "${name}" is selected ${n} times at one place of the response; at most 3 are allowed. Select it once, or alias the selections that differ.`;
const TOO_MANY = 'The operation selects more than 12 fields, counting a fragment\'s fields wherever it is spread; at most 12 are allowed.';
const at = (line: number, column: number) => ({ line, column });

describe('checkFieldMergingLimits (3 sharing a response path, 12 fields)', () => {
  it.each([
    ['a small query', '{ datasets { totalCount } }', null],
    ['3 fields sharing a name', '{ a a a }', null],
    ['4 fields sharing a name', '{ a a a a }', [same('a', 4), at(1, 9)]],
    ['aliases name the response', '{ x: a y: a z: a a }', null],
    ['4 under one alias', '{ x: a x: b x: c x: d }', [same('x', 4), at(1, 18)]],
    ['repeated parents merge their children', '{ p { a a } p { a } p { a } }', [same('a', 4), expect.anything()]],
    ['children of different parents do not merge', '{ p { a a a } q { a a a } }', null],
    ['inline fragments open into their place', '{ ... { a a } ... on Query { a a } }', [same('a', 4), expect.anything()]],
    ['fragment spreads open into their place', '{ a ...F ...G } fragment F on Query { a } fragment G on Query { a a }', [same('a', 4), expect.anything()]],
    ['a fragment spread twice in one place opens once', '{ a ...F ...F ...F } fragment F on Query { a a }', null],
    ['a fragment definition is checked on its own, spread or not', '{ b } fragment F on Query { a a a a }', [same('a', 4), expect.anything()]],
    ['12 fields', '{ p { a b c d e } q { a b c d e } }', null],
    ['13 fields', '{ p { a b c d e } q { a b c d e f } }', [TOO_MANY, expect.anything()]],
    ['a fragment counts wherever it is spread', '{ p { ...F } q { ...F } r { ...F } } fragment F on T { a b c }', null],
    ['... and a fourth place passes the total', '{ p { ...F } q { ...F } r { ...F } s { ...F } } fragment F on T { a b c }', [TOO_MANY, expect.anything()]],
    ['fields of a fragment definition alone do not count towards the total', '{ a } fragment F on T { a b c d e f g h i j k l m }', null],
    ['a fragment spreading itself', '{ p { ...A } } fragment A on T { q { ...A } }', ['Cannot spread fragment "A" within itself.', at(1, 38)]],
    ['a cycle of two fragments', '{ ...A } fragment A on T { ...B } fragment B on T { x { ...A } }', ['Cannot spread fragment "A" within itself.', expect.anything()]],
    ['a fragment used at two depths is no cycle', '{ ...A p { ...A } } fragment A on T { a }', null],
    ['an unknown fragment is left to validation', '{ ...Missing }', null],
    ['a syntax error is left to the parser', '{ a a a a', null],
  ])('%s', (_name, text, expected) => {
    expect(check(text)).toEqual(expected);
  });

  it('passes the standard introspection query at the default limits', () => {
    const text = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(checkFieldMergingLimits(text, { ...DEFAULT_FIELD_MERGING_LIMITS, maxTokens: 5_000 })).toBeNull();
  });

  it('bounds its own work: fragments opened at many places are refused once their selections pass 50 per field allowed', () => {
    // 150 fragments in a chain, each only spreading the next, the last selecting one field, under 100 aliases.
    const chain = Array.from({ length: 150 }, (_, i) => `fragment F${i} on T { ${i < 149 ? `...F${i + 1}` : 'x'} }`).join(' ');
    const text = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: p { ...F0 }`).join(' ')} } ${chain}`;
    expect(checkFieldMergingLimits(text, { ...limits, maxFields: 1_000 })).toBeNull();
    expect(checkFieldMergingLimits(text, { ...limits, maxFields: 200 })?.message)
      .toBe('The document\'s fragments, opened wherever they are spread, make more than 10000 selections; at most 10000 are allowed.');
  });
});

describe('field-merging settings', () => {
  it.each<[Record<string, string>, object]>([
    [{}, { maxSameNameFields: 20, maxFields: 2000 }],
    [{ MAX_SAME_NAME_FIELDS: '5', MAX_FIELDS: '300' }, { maxSameNameFields: 5, maxFields: 300 }],
  ])('reads %j', (env, expected) => {
    expect(readFieldMergingLimits(env)).toEqual(expected);
  });

  it.each([['MAX_SAME_NAME_FIELDS', '0'], ['MAX_FIELDS', 'many']])('refuses %s=%s, naming it', (name, value) => {
    expect(() => readFieldMergingLimits({ [name]: value })).toThrow(ConfigError);
    expect(() => readFieldMergingLimits({ [name]: value })).toThrow(`${name} must be a positive whole number, got "${value}"`);
  });

  it('gives a configuration built in code the defaults it leaves out', () => {
    expect(fieldMergingLimits({ maxFields: 10 })).toEqual({ maxSameNameFields: 20, maxFields: 10 });
  });
});
