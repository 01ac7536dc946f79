import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { operationsOfFile, type RegistrationChecks } from '../../../../gateway/persisted-queries/operation-registration.js';
import { createRequestLimitChecks } from '../../../../gateway/composition/validation-rules.js';
import { requestLimits } from '../../../../gateway/limits/request-limits.js';
import { testSchema } from '../validation/harness.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const config = { maxQueryDepth: 4, maxAliases: 2, maxCost: 500, maxNesting: 8 };
const checks: RegistrationChecks = { schema: testSchema, limits: requestLimits(config), validationRules: createRequestLimitChecks(config).validationRules };

describe('operationsOfFile', () => {
  it.each([
    ['one operation: the whole file, comments and all', '# titles\nquery Titles { datasets { title } }\n', [['Titles', '# titles\nquery Titles { datasets { title } }\n']]],
    ['one operation and its fragment: the whole file', 'query A { datasets { ...T } }\nfragment T on Dataset { title }', [['A', 'query A { datasets { ...T } }\nfragment T on Dataset { title }']]],
    [
      'two operations: each with the fragments it reaches, in the file\'s order',
      'fragment P on Partner { name }\nquery A { datasets { ...T } }\nquery B { datasets { id } }\nfragment T on Dataset { title publisher { ...P } }',
      [['A', 'fragment P on Partner { name }\n\nquery A { datasets { ...T } }\n\nfragment T on Dataset { title publisher { ...P } }'], ['B', 'query B { datasets { id } }']],
    ],
  ])('%s', (_, text, expected) => {
    const operations = operationsOfFile(text, 'ops.graphql', checks);
    expect(operations.map((o) => [o.name, o.body])).toEqual(expected);
    for (const o of operations) expect(o.id).toBe(hashOf(o.body));
  });

  it.each([
    ['a syntax error', 'query {', 'ops.graphql: does not parse: Syntax Error: Expected Name, found <EOF>. (line 1, column 8)'],
    ['no operation', 'fragment T on Dataset { title }', 'ops.graphql: holds no operation'],
    ['an anonymous operation', '{ datasets { title } }', 'ops.graphql: every operation must be named to be registered (the name shows in logs and metrics)'],
    ['an unknown field', 'query A { datasets { nope } }', 'ops.graphql, operation "A": does not validate against the supergraph: Cannot query field "nope" on type "Dataset". (line 1, column 22)'],
    ['too many aliases', 'query A { a: datasets { id } b: datasets { id } c: datasets { id } }', 'ops.graphql, operation "A": does not validate against the supergraph: The document uses 3 aliases; at most 2 are allowed.'],
    ['nesting past the text\'s limit', `query A { ${'datasets { related { '.repeat(5)}id${' } }'.repeat(5)} }`, 'ops.graphql: The document nests selections, arguments or values more than 8 levels deep'],
    ['a cost over MAX_COST', 'query A { datasets { related { related { id } } } }', 'ops.graphql, operation "A": Operation "A" has an estimated cost of 2110; at most 500 is allowed.'],
  ])('refuses %s, naming the file and the operation', (_, text, message) => {
    expect(() => operationsOfFile(text, 'ops.graphql', checks)).toThrow(message);
  });
});
