// JSON.parse says that a text is not JSON but, on Node.js 20, often not where ("Unexpected token '}',
// ... is not valid JSON"). A partner fixing an export needs the line and column, so when JSON.parse
// fails, this scanner walks the text by the grammar of RFC 8259 to the first character that breaks
// it. It keeps its own stack of open brackets instead of recursing, so no nesting depth can
// overflow the call stack.

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** JSON.parse, with the place of the first syntax error when the text is not JSON. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const located = locateJsonSyntaxError(text);
    if (located) return { ok: false, error: located };
    // The grammar holds but V8 refused anyway (e.g. a string past its maximum length).
    return { ok: false, error: { line: 1, column: 1, message: (error as Error).message } };
  }
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

/** The first place where the text breaks the JSON grammar, or undefined if it does not. */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: Array<'{' | '['> = [];
  let expect: Expect = 'value';
  let at = 0;
  const fail = (message: string, offset = at) => ({ ...lineAndColumn(text, offset), message });
  const afterValue = (): Expect => (open.length === 0 ? 'end' : 'comma-or-close');

  for (;;) {
    at = skipWhitespace(text, at);
    if (at >= text.length) {
      return expect === 'end' ? undefined : fail(open.length > 0 ? `unexpected end of text: "${closing(open)}" is missing` : 'unexpected end of text: expected a value');
    }
    const char = text[at]!;
    switch (expect) {
      case 'end':
        return fail(`unexpected ${describe(char)} after the end of the JSON value`);
      case 'colon':
        if (char !== ':') return fail(`expected ":" after the key, found ${describe(char)}`);
        at += 1;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const top = open[open.length - 1]!;
        if (char === ',') {
          at += 1;
          expect = top === '{' ? 'key' : 'value';
        } else if (char === closing(open)) {
          at += 1;
          open.pop();
          expect = afterValue();
        } else {
          return fail(`expected "," or "${closing(open)}", found ${describe(char)}`);
        }
        continue;
      }
      case 'key':
      case 'key-or-close':
        if (char === '}' && expect === 'key-or-close') {
          at += 1;
          open.pop();
          expect = afterValue();
          continue;
        }
        if (char !== '"') return fail(`expected a quoted key, found ${describe(char)}`);
        {
          const end = scanString(text, at);
          if (typeof end !== 'number') return fail(end.message, end.offset);
          at = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'value-or-close': {
        if (char === ']' && expect === 'value-or-close') {
          at += 1;
          open.pop();
          expect = afterValue();
          continue;
        }
        if (char === '{' || char === '[') {
          open.push(char);
          at += 1;
          expect = char === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        const end = scanScalar(text, at);
        if (typeof end !== 'number') return fail(end.message, end.offset);
        at = end;
        expect = afterValue();
        continue;
      }
    }
  }
}

type ScanFailure = { message: string; offset: number };

function scanScalar(text: string, at: number): number | ScanFailure {
  const char = text[at]!;
  if (char === '"') return scanString(text, at);
  for (const literal of LITERALS) if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  return { message: `expected a value, found ${describe(char)}`, offset: at };
}

function scanString(text: string, start: number): number | ScanFailure {
  for (let at = start + 1; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20) return { message: 'a control character (such as a line break) inside a string must be escaped', offset: at };
    if (code === 0x5c) {
      const escaped = text[at + 1];
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return { message: 'invalid \\u escape in a string', offset: at };
        at += 5;
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
        at += 1;
      } else {
        return { message: `invalid escape "\\${escaped ?? ''}" in a string`, offset: at };
      }
    }
  }
  return { message: 'unterminated string', offset: start };
}

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  return at;
}

function closing(open: ReadonlyArray<'{' | '['>): '}' | ']' {
  return open[open.length - 1] === '{' ? '}' : ']';
}

function describe(char: string): string {
  return char === '"' ? "'\"'" : `"${char}"`;
}

/** 1-based line and column of a character offset (a column counts UTF-16 code units). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
