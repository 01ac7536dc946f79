import { describe, expect, it } from 'vitest';
import { createMaxDepthRule } from '../../../../gateway/validation/max-depth-rule.js';
import { expectErrors } from './harness.js';

const rule = createMaxDepthRule(3);

describe('MaxDepthRule (max 3)', () => {
  it.each([
    ['depth 1', '{ datasets { id } }', []],
    ['depth 3', '{ datasets { publisher { name } } }', []],
    ['depth 4', '{ datasets { publisher { datasets { id } } } }', ['The operation is nested more than 3 fields deep, the most allowed.']],
    ['depth 4 through a fragment', 'query Q { datasets { ...P } } fragment P on Dataset { publisher { datasets { id } } }', ['"Q" is nested more than 3 fields deep, the most allowed.']],
    ['inline fragments add no depth', '{ datasets { ... on Dataset { publisher { name } } } }', []],
    ['very deep is reported without walking it all', `{ datasets { ${'related { '.repeat(50)}id${' }'.repeat(50)} } }`, ['The operation is nested more than 3 fields deep, the most allowed.']],
    ['a fragment cycle does not loop', '{ datasets { ...A } } fragment A on Dataset { related { ...A } }', []],
  ])('%s', (_name, query, errors) => {
    expect(expectErrors(rule, query)).toEqual(errors);
  });
});
