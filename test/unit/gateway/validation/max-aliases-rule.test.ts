import { describe, expect, it } from 'vitest';
import { createMaxAliasesRule } from '../../../../gateway/validation/max-aliases-rule.js';
import { expectErrors } from './harness.js';

const rule = createMaxAliasesRule(3);
const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: datasets { id }`).join(' ')} }`;

describe('MaxAliasesRule (max 3)', () => {
  it.each([
    ['no aliases', '{ datasets { id } }', []],
    ['3 aliases', aliased(3), []],
    ['4 aliases', aliased(4), ['The document uses 4 aliases; at most 3 are allowed.']],
    ['aliases in fragments count too', `{ a: datasets { ...F } b: datasets { id } } fragment F on Dataset { c: id d: title }`, ['The document uses 4 aliases; at most 3 are allowed.']],
  ])('%s', (_name, query, errors) => {
    expect(expectErrors(rule, query)).toEqual(errors);
  });
});
