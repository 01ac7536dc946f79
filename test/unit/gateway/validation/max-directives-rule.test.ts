import { describe, expect, it } from 'vitest';
import { createMaxDirectivesRule } from '../../../../gateway/validation/max-directives-rule.js';
import { expectErrors } from './harness.js';

const rule = createMaxDirectivesRule(2, 5);
const included = (n: number) => Array.from({ length: n }, () => '@include(if: true)').join(' ');

describe('MaxDirectivesRule (2 per field, 5 per document)', () => {
  it.each([
    ['no directives', '{ datasets { id } }', []],
    ['2 on a field', `{ datasets ${included(2)} { id } }`, []],
    ['3 on a field', `{ datasets ${included(3)} { id } }`, ['Field "datasets" carries 3 directives; at most 2 are allowed on one.']],
    ['dozens on an aliased field', `{ d: datasets ${included(40)} { id } }`, ['Field "d" carries 40 directives; at most 2 are allowed on one.', 'The document carries 40 directives; at most 5 are allowed.']],
    ['on an inline fragment', `{ datasets { ... on Dataset ${included(3)} { id } } }`, ['An inline fragment carries 3 directives; at most 2 are allowed on one.']],
    ['on a fragment spread', `{ datasets { ...F ${included(3)} } } fragment F on Dataset { id }`, ['The spread of fragment "F" carries 3 directives; at most 2 are allowed on one.']],
    ['on the operation', `query Q ${included(3)} { datasets { id } }`, ['Operation "Q" carries 3 directives; at most 2 are allowed on one.']],
    ['5 spread over fields', `{ datasets { a: id ${included(2)} b: id ${included(2)} c: id ${included(1)} } }`, []],
    ['6 spread over fields', `{ datasets { a: id ${included(2)} b: id ${included(2)} c: id ${included(2)} } }`, ['The document carries 6 directives; at most 5 are allowed.']],
  ])('%s', (_name, query, errors) => {
    // The rule's errors come first; graphql-js's own (a repeated @include) follow.
    expect(expectErrors(rule, query).slice(0, errors.length)).toEqual(errors);
  });
});
