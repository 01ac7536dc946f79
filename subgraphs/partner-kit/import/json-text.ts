import type { SourceProblem } from './source-dataset.js';

// JSON sources are parsed once, with JSON.parse. When that fails, the file is scanned again by a
// small JSON grammar walker (RFC 8259) to find where: V8's own messages give a position in some
// cases and Node versions and not in others, and the partner needs a line and column to fix a
// catalog of many megabytes. The walker loops over an explicit stack, so no nesting depth makes it
// recurse.

export type JsonText = { ok: true; value: unknown } | { ok: false; problem: SourceProblem };

export function parseJsonText(text: string, fileName: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const offset = firstSyntaxError(text);
    const { line, column } = lineAndColumn(text, offset);
    const what = offset >= text.length ? 'the file ends before the JSON value is complete' : `unexpected ${describeCharacter(text, offset)}`;
    return { ok: false, problem: { where: `${fileName}:${line}:${column}`, message: `not valid JSON: ${what}` } };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeCharacter(text: string, offset: number): string {
  const char = text[offset]!;
  if (char === '\n' || char === '\r') return 'end of line';
  const code = char.codePointAt(0)!;
  return code < 0x20 ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `"${String.fromCodePoint(code)}"`;
}

type Expecting = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/** The offset of the first character that breaks the JSON grammar; text.length when the text ends too early. */
export function firstSyntaxError(text: string): number {
  const open: string[] = [];
  let expecting: Expecting = 'value';
  let i = 0;
  const afterValue = (): Expecting => (open.length > 0 ? 'comma-or-close' : 'end');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return text.length;
    const char = text[i]!;
    switch (expecting) {
      case 'value':
      case 'value-or-close': {
        if (expecting === 'value-or-close' && char === ']') {
          open.pop();
          i++;
          expecting = afterValue();
        } else if (char === '{' || char === '[') {
          open.push(char);
          i++;
          expecting = char === '{' ? 'key-or-close' : 'value-or-close';
        } else {
          const end = scalarEnd(text, i);
          if (end.error !== undefined) return end.error;
          i = end.next;
          expecting = afterValue();
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (expecting === 'key-or-close' && char === '}') {
          open.pop();
          i++;
          expecting = afterValue();
          break;
        }
        if (char !== '"') return i;
        const end = stringEnd(text, i);
        if (end.error !== undefined) return end.error;
        i = end.next;
        expecting = 'colon';
        break;
      }
      case 'colon':
        if (char !== ':') return i;
        i++;
        expecting = 'value';
        break;
      case 'comma-or-close': {
        const top = open[open.length - 1];
        if (char === ',') {
          i++;
          expecting = top === '{' ? 'key' : 'value';
        } else if ((char === '}' && top === '{') || (char === ']' && top === '[')) {
          open.pop();
          i++;
          expecting = afterValue();
        } else {
          return i;
        }
        break;
      }
      case 'end':
        return i;
    }
  }
}

interface ScanEnd {
  next: number;
  error?: number;
}

function scalarEnd(text: string, at: number): ScanEnd {
  const char = text[at]!;
  if (char === '"') return stringEnd(text, at);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, at)) return { next: at + literal.length };
  }
  if (char === '-' || (char >= '0' && char <= '9')) return numberEnd(text, at);
  return { next: at, error: at };
}

function stringEnd(text: string, at: number): ScanEnd {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return { next: i + 1 };
    if (code < 0x20) return { next: i, error: i };
    if (code === 0x5c) {
      const escaped = text[i + 1];
      if (escaped === undefined) return { next: i, error: text.length };
      if (escaped === 'u') {
        for (let h = i + 2; h < i + 6; h++) {
          if (h >= text.length) return { next: h, error: text.length };
          if (!/[0-9a-fA-F]/.test(text[h]!)) return { next: h, error: h };
        }
        i += 5;
      } else if ('"\\/bfnrt'.includes(escaped)) {
        i += 1;
      } else {
        return { next: i + 1, error: i + 1 };
      }
    }
  }
  return { next: text.length, error: text.length };
}

function numberEnd(text: string, at: number): ScanEnd {
  let i = at;
  const digits = (): number => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    return i - start;
  };
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (digits() === 0) return { next: i, error: i };
  if (text[i] === '.') {
    i++;
    if (digits() === 0) return { next: i, error: i };
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (digits() === 0) return { next: i, error: i };
  }
  return { next: i };
}
