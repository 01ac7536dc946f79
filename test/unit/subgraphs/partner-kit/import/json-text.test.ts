import { describe, expect, it } from 'vitest';
import { firstSyntaxError, parseJsonText } from '../../../../../subgraphs/partner-kit/import/json-text.js';

describe('JSON sources that do not parse', () => {
  it.each([
    ['{"a": 1,}', 'f.json:1:9', 'unexpected "}"'],
    ['{\n  "a": tru\n}', 'f.json:2:8', 'unexpected "t"'],
    ['{"a"', 'f.json:1:5', 'the file ends before the JSON value is complete'],
    ['', 'f.json:1:1', 'the file ends before the JSON value is complete'],
    ['[1 2]', 'f.json:1:4', 'unexpected "2"'],
    ['{"a": "x\ny"}', 'f.json:1:9', 'unexpected end of line'],
    ['{"a": "\\q"}', 'f.json:1:9', 'unexpected "q"'],
    ['{"a": 01}', 'f.json:1:8', 'unexpected "1"'],
    ['{"a": 1} {}', 'f.json:1:10', 'unexpected "{"'],
    ['{"a": -}', 'f.json:1:8', 'unexpected "}"'],
  ])('%j is located at %s', (text, where, what) => {
    const parsed = parseJsonText(text, 'f.json');
    expect(parsed).toEqual({ ok: false, problem: { where, message: `not valid JSON: ${what}` } });
  });

  it('parses what JSON.parse parses', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, "\\u00e9", true, null]}', 'f.json')).toEqual({ ok: true, value: { a: [1, 2500, 'é', true, null] } });
  });

  it('locates an error under nesting far deeper than any recursion would survive', () => {
    const depth = 200_000;
    const text = `${'['.repeat(depth)}1,]${']'.repeat(depth - 1)}`;
    expect(firstSyntaxError(text)).toBe(depth + 2);
  });
});
