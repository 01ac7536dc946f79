import { describe, expect, it } from 'vitest';
import { checkSourceLimits } from '../../../../gateway/validation/source-limits.js';

const limits = { maxTokens: 20, maxNesting: 3 };
const check = (text: string) => {
  const error = checkSourceLimits(text, limits);
  return error ? [error.message, error.locations?.[0]] : null;
};
const TOO_DEEP = 'The document nests selections, arguments or values more than 3 levels deep, the most allowed.';
const TOO_LONG = 'The document has more than 20 tokens, the most allowed.';

describe('checkSourceLimits (20 tokens, nesting 3), before parsing', () => {
  it.each([
    ['a small query', '{ datasets { id } }', null],
    ['3 levels', '{ a { b { c } } }', null],
    ['4 levels of selections', '{ a { b { c { d } } } }', [TOO_DEEP, { line: 1, column: 13 }]],
    ['siblings do not add up', '{ a { b } c { d } e { f { g } } }', null],
    ['4 levels through an argument', '{ a(x: { y: [1] }) }', [TOO_DEEP, { line: 1, column: 13 }]],
    ['a list nested 100,000 deep, which overflows the parser', `{ a(x: ${'['.repeat(100_000)}) }`, [TOO_DEEP, { line: 1, column: 9 }]],
    ['brackets in strings and comments do not count', '{ a(x: "{{{{[[[[") # {{{{\n }', null],
    ['20 tokens', `{ ${'a '.repeat(18)}}`, null],
    ['21 tokens', `{ ${'a '.repeat(19)}}`, [TOO_LONG, { line: 1, column: 41 }]],
    ['comments are not tokens', `# ${'a '.repeat(100)}\n{ a }`, null],
    ['a syntax error is left to the parser', '{ a(x: "unterminated', null],
  ])('%s', (_name, text, expected) => {
    expect(check(text)).toEqual(expected);
  });
});
