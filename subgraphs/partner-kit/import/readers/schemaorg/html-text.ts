// science-on-schema.org gives descriptions as HTML, and repositories often escape it once more
// ("&lt;p&gt;"). The record holds plain text, so an HTML literal has its character references
// decoded (the named ones catalogs use, and every numeric one) and its tags dropped. A "<" that does
// not open a tag ("p < 0.05") is text and stays.

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201C', rdquo: '\u201D',
  deg: '\u00B0', micro: '\u00B5', plusmn: '\u00B1', times: '\u00D7', copy: '\u00A9', reg: '\u00AE',
};

/** Plain text of an HTML fragment, escaped once more or not. */
export function htmlToText(html: string): string {
  return stripTags(decodeReferences(html)).trim();
}

/** Character references (&amp; &#39; &#x27;) replaced by the characters they stand for. */
export function decodeReferences(text: string): string {
  let out = '';
  let at = 0;
  for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', at)) {
    const semicolon = text.indexOf(';', amp);
    const name = semicolon === -1 ? '' : text.slice(amp + 1, semicolon);
    const decoded = name.length > 0 && name.length <= 10 ? reference(name) : undefined;
    out += text.slice(at, amp) + (decoded ?? '&');
    at = decoded === undefined ? amp + 1 : semicolon + 1;
  }
  return out + text.slice(at);
}

function reference(name: string): string | undefined {
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const digits = name.slice(hex ? 2 : 1);
    const code = digits === '' ? NaN : Number.parseInt(digits, hex ? 16 : 10);
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || !isDigits(digits, hex)) return undefined;
    return String.fromCodePoint(code);
  }
  // Own names only: `&toString;` must not decode to a method of Object.prototype.
  return Object.hasOwn(NAMED_REFERENCES, name) ? NAMED_REFERENCES[name] : undefined;
}

function isDigits(digits: string, hex: boolean): boolean {
  return [...digits].every((char) => (hex ? '0123456789abcdefABCDEF' : '0123456789').includes(char));
}

// A tag opens with "<" followed by a letter, "/" or "!" and ends at the next ">"; block tags leave
// a line break so paragraphs do not run together.
function stripTags(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', at)) {
    const next = text[open + 1] ?? '';
    const close = text.indexOf('>', open);
    if (close === -1 || !isTagStart(next)) {
      out += text.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    out += text.slice(at, open) + (isBlockTag(text.slice(open + 1, close)) ? '\n' : '');
    at = close + 1;
  }
  return collapseBlankLines(out + text.slice(at));
}

function isTagStart(char: string): boolean {
  return char === '/' || char === '!' || (char.toLowerCase() !== char.toUpperCase());
}

const BLOCK_TAGS = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote']);

function isBlockTag(inside: string): boolean {
  const name = inside.replace('/', ' ').trim().split(/\s/)[0]?.toLowerCase() ?? '';
  return BLOCK_TAGS.has(name);
}

function collapseBlankLines(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  return lines.filter((line, index) => line !== '' || (index > 0 && lines[index - 1] !== '')).join('\n');
}
