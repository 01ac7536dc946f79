import { describe, expect, it } from 'vitest';
import { createMaxNestingRule } from '../../../../gateway/validation/max-nesting-rule.js';
import { expectErrors } from './harness.js';

const rule = createMaxNestingRule(4);
const tooDeep = (name = 'The operation') => [`${name} nests selections more than 4 levels deep through fields and fragments, the most allowed.`];
const inline = (n: number) => `{ datasets { ${'... on Dataset { '.repeat(n)}id${' }'.repeat(n)} } }`;
// Each fragment spreads the next twice: walked once per path, this chain would take 2^40 steps.
const doubling = (n: number) => `{ datasets { ...F0 } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Dataset { ${i + 1 < n ? `...F${i + 1} a${i}: related { ...F${i + 1} }` : 'id'} }`).join(' ')}`;

describe('MaxNestingRule (max 4)', () => {
  it.each([
    ['fields 3 deep', '{ datasets { publisher { name } } }', []],
    ['fields 4 deep', '{ datasets { publisher { datasets { id } } } }', []],
    ['fields 5 deep', '{ datasets { publisher { datasets { publisher { name } } } } }', tooDeep()],
    ['inline fragments count', inline(2), []],
    ['inline fragments count, one too many', inline(3), tooDeep()],
    // Deep enough that a recursive measure would be slow to say so; the gateway refuses 2,000 before parsing (hostile-input.test.ts).
    ['500 inline fragments', inline(500), tooDeep()],
    ['a chain of named fragments counts', 'query Q { datasets { ...A } } fragment A on Dataset { ...B } fragment B on Dataset { ...C } fragment C on Dataset { id }', tooDeep('"Q"')],
    ['a fragment cycle does not loop', '{ datasets { ...A } } fragment A on Dataset { ...A }', []],
    ['a doubling chain is measured once per fragment', doubling(40), tooDeep()],
  ])('%s', (_name, query, errors) => {
    expect(expectErrors(rule, query)).toEqual(errors);
  });
});
