import { isDeepStrictEqual } from 'node:util';

// The federation manifest is read and reviewed by people: a partner is added to its text as one
// more entry laid out like the last one, so the change is that entry alone in a diff, rather than
// the whole file written again in another layout.

export interface PartnerEntry {
  id: string;
  url: string;
  catalog: string;
}

interface Token {
  kind: 'string' | 'punctuation' | 'literal';
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The manifest's text with `entry` appended to its partners, in the layout of the last entry (its
 * indentation, line breaks and spacing). A text whose layout cannot be followed is written as
 * JSON with two-space indentation instead, so the result always parses to the manifest plus the entry.
 */
export function withPartnerEntry(text: string, entry: PartnerEntry): string {
  const manifest = JSON.parse(text) as { partners: unknown[] };
  const expected = { ...manifest, partners: [...manifest.partners, entry] };
  const kept = insertLikeLastEntry(text, entry);
  if (kept !== undefined && isDeepStrictEqual(JSON.parse(kept), expected)) return kept;
  return `${JSON.stringify(expected, null, 2)}\n`;
}

function insertLikeLastEntry(text: string, entry: PartnerEntry): string | undefined {
  const tokens = tokenize(text);
  const array = partnersArray(text, tokens);
  if (!array) return undefined;
  const elements = elementsOf(tokens, array.open, array.close, text);
  const last = elements[elements.length - 1];
  if (!last) return undefined;
  const lastToken = tokens[last.to]!;
  const entryText = entryLike(text, tokens, last.from, last.to, entry);
  if (entryText === undefined) return undefined;
  // What separates the last entry from the comma (or bracket) before it separates the new one too.
  const before = tokens[last.from - 1]!;
  const separator = text.slice(before.end, tokens[last.from]!.start);
  return `${text.slice(0, lastToken.end)},${separator}${entryText}${text.slice(lastToken.end)}`;
}

/** JSON's tokens; whitespace is what lies between them. The text is known to be valid JSON. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', start: i, end: j + 1 });
      i = j + 1;
    } else if ('{}[]:,'.includes(c)) {
      tokens.push({ kind: 'punctuation', start: i, end: i + 1 });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s{}[\]:,]/.test(text[j]!)) j++;
      tokens.push({ kind: 'literal', start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

const textOf = (text: string, token: Token | undefined) => (token ? text.slice(token.start, token.end) : '');

/** The token indexes of the top-level "partners" array's brackets. */
function partnersArray(text: string, tokens: Token[]): { open: number; close: number } | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = textOf(text, tokens[i]);
    if (depth === 1 && tokens[i]!.kind === 'string' && JSON.parse(t) === 'partners' && textOf(text, tokens[i + 1]) === ':' && textOf(text, tokens[i + 2]) === '[') {
      const close = matchingBracket(text, tokens, i + 2);
      return close === undefined ? undefined : { open: i + 2, close };
    }
    if (t === '{' || t === '[') depth++;
    if (t === '}' || t === ']') depth--;
  }
  return undefined;
}

function matchingBracket(text: string, tokens: Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = textOf(text, tokens[i]);
    if (t === '{' || t === '[') depth++;
    if (t === '}' || t === ']') depth--;
    if (depth === 0) return i;
  }
  return undefined;
}

/** Each element of an array as its first and last token indexes. */
function elementsOf(tokens: Token[], open: number, close: number, text: string): { from: number; to: number }[] {
  const elements: { from: number; to: number }[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < close; i++) {
    const t = textOf(text, tokens[i]);
    if (t === '{' || t === '[') depth++;
    if (t === '}' || t === ']') depth--;
    if (depth === 0 && t === ',') {
      elements.push({ from, to: i - 1 });
      from = i + 1;
    }
  }
  if (from < close) elements.push({ from, to: close - 1 });
  return elements;
}

/**
 * The last entry's text with each of its values replaced by the new entry's: the same keys in the
 * same order, laid out alike. Undefined when that entry is not an object of exactly those keys.
 */
function entryLike(text: string, tokens: Token[], from: number, to: number, entry: PartnerEntry): string | undefined {
  if (textOf(text, tokens[from]) !== '{' || textOf(text, tokens[to]) !== '}') return undefined;
  const keys: string[] = [];
  let out = '';
  let copiedUpTo = tokens[from]!.start;
  for (let i = from + 1; i < to; i++) {
    // Only a string right after "key": at the entry's own level is a value; the entry holds no nesting.
    if (tokens[i]!.kind !== 'string' && textOf(text, tokens[i]) !== ':' && textOf(text, tokens[i]) !== ',') return undefined;
    if (textOf(text, tokens[i]) !== ':') continue;
    const key = JSON.parse(textOf(text, tokens[i - 1])) as string;
    const value = tokens[i + 1];
    if (!value || value.kind !== 'string' || !(key in entry)) return undefined;
    keys.push(key);
    out += text.slice(copiedUpTo, value.start) + JSON.stringify(entry[key as keyof PartnerEntry]);
    copiedUpTo = value.end;
  }
  if ([...keys].sort().join() !== Object.keys(entry).sort().join()) return undefined;
  return out + text.slice(copiedUpTo, tokens[to]!.end);
}
