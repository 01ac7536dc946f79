import { describe, expect, it } from 'vitest';
import { ReservedNamesRule } from '../../../../gateway/validation/reserved-names-rule.js';
import { expectErrors } from './harness.js';

describe('ReservedNamesRule', () => {
  it.each([
    ['plain fields', '{ datasets { id title } }', []],
    ['ordinary aliases', '{ a: datasets { b: id } }', []],
    ['__typename itself', '{ datasets { __typename } }', []],
    ['an alias that could forge a governance fact', '{ datasets { __concord_fact_dataClass: title } }', ['Alias "__concord_fact_dataClass" is not allowed: names beginning with "__" are reserved.']],
    ['an alias in a fragment', '{ datasets { ...F } } fragment F on Dataset { __x: id }', ['Alias "__x" is not allowed: names beginning with "__" are reserved.']],
  ])('%s', (_name, query, errors) => {
    expect(expectErrors(ReservedNamesRule, query)).toEqual(errors);
  });
});
