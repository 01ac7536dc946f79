import { describe, expect, it } from 'vitest';
import { lineAndColumn, locateJsonSyntaxError, parseJson } from '../../../../../../subgraphs/partner-kit/import/rdf/json-syntax.js';

// Each row is a broken JSON text; the scanner must name the line, the column and what is wrong.
const broken: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
  { name: 'doubled comma', text: '{"a": 1,\n "b": 2,,\n}', line: 2, column: 9, message: /expected a quoted key, found ","/ },
  { name: 'missing value', text: '{"a": 1,\n "b": }', line: 2, column: 7, message: /expected a value, found "}"/ },
  { name: 'trailing comma in an array', text: '[1, 2,\n]', line: 2, column: 1, message: /expected a value, found "]"/ },
  { name: 'missing colon', text: '{\n  "a" 1\n}', line: 2, column: 7, message: /expected ":" after the key/ },
  { name: 'unquoted key', text: '{\n  a: 1\n}', line: 2, column: 3, message: /expected a quoted key, found "a"/ },
  { name: 'single quotes', text: "{'a': 1}", line: 1, column: 2, message: /expected a quoted key/ },
  { name: 'unterminated string', text: '{"a": "text\n}', line: 1, column: 12, message: /control character/ },
  { name: 'string never closed', text: '{"a": "text', line: 1, column: 7, message: /unterminated string/ },
  { name: 'bad escape', text: '["a\\qb"]', line: 1, column: 4, message: /invalid escape "\\q"/ },
  { name: 'bad unicode escape', text: '["\\u12G4"]', line: 1, column: 3, message: /invalid \\u escape/ },
  { name: 'unclosed object', text: '{"a": [1, 2]', line: 1, column: 13, message: /"}" is missing/ },
  { name: 'mismatched bracket', text: '{"a": [1, 2}', line: 1, column: 12, message: /expected "," or "]", found "}"/ },
  { name: 'text after the value', text: '{"a": 1}\n{"b": 2}', line: 2, column: 1, message: /after the end of the JSON value/ },
  { name: 'leading zero', text: '[01]', line: 1, column: 3, message: /expected "," or "]"/ },
  { name: 'NaN', text: '[NaN]', line: 1, column: 2, message: /expected a value, found "N"/ },
  { name: 'empty text', text: '   ', line: 1, column: 4, message: /unexpected end of text: expected a value/ },
  { name: 'deeply nested and unclosed', text: '['.repeat(100_000), line: 1, column: 100_001, message: /"]" is missing/ },
];

describe('JSON syntax errors are located', () => {
  it.each(broken)('$name', ({ text, line, column, message }) => {
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ line, column });
    expect(parsed.error.message).toMatch(message);
  });
});

describe('valid JSON passes the scanner as it passes JSON.parse', () => {
  const valid = ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"y"]}', ' \n{"nested": {"deep": [[[{}]]]}}\n ', '"text"', '0'];
  it.each(valid)('%s', (text) => {
    expect(locateJsonSyntaxError(text)).toBeUndefined();
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});

describe('lineAndColumn', () => {
  it.each([
    { offset: 0, line: 1, column: 1 },
    { offset: 3, line: 2, column: 1 },
    { offset: 5, line: 2, column: 3 },
    { offset: 7, line: 3, column: 1 },
  ])('offset $offset is $line:$column', ({ offset, line, column }) => {
    expect(lineAndColumn('ab\ncde\nf', offset)).toEqual({ line, column });
  });
});
