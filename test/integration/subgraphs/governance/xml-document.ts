// A strict reader of the XML the report charts are made of (elements, attributes in double or single
// quotes, text, the five predefined entities and numeric references; no DTD, comments or CDATA,
// which the charts never hold). It throws at the first thing that is not well-formed XML, naming
// where, so a test can check that a chart parses and then look inside it.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities resolved. */
  text: string;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`not well-formed XML at offset ${at}: ${what} (near ${JSON.stringify(source.slice(at, at + 40))})`);
  };
  const match = (pattern: RegExp): string | null => {
    pattern.lastIndex = at;
    const found = pattern.exec(source);
    if (!found) return null;
    at = pattern.lastIndex;
    return found[0];
  };
  const spaces = () => match(/\s*/y);
  const text = (stop: string): string => {
    let out = '';
    while (at < source.length && !stop.includes(source[at]!)) {
      if (source[at] === '&') {
        const entity = match(ENTITY) ?? fail('a bare &');
        const body = entity.slice(1, -1);
        out += body.startsWith('#x') ? String.fromCodePoint(parseInt(body.slice(2), 16)) : body.startsWith('#') ? String.fromCodePoint(Number(body.slice(1))) : ENTITIES[body]!;
      } else {
        if (source[at] === '<') fail('a < inside a value');
        out += source[at++];
      }
    }
    return out;
  };
  const element = (): XmlElement => {
    if (source[at] !== '<') fail('expected an element');
    at += 1;
    const name = match(NAME) ?? fail('expected an element name');
    const attributes: Record<string, string> = {};
    for (;;) {
      const space = spaces();
      if (source.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[at] === '>') {
        at += 1;
        break;
      }
      if (!space) fail('expected a space before an attribute');
      const attribute = match(NAME) ?? fail('expected an attribute name');
      if (attribute in attributes) fail(`attribute ${attribute} twice`);
      spaces();
      if (source[at++] !== '=') fail('expected = after an attribute name');
      spaces();
      const quote = source[at++];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted attribute value');
      attributes[attribute] = text(quote);
      if (source[at++] !== quote) fail('an attribute value never closes');
    }
    const children: XmlElement[] = [];
    let own = '';
    for (;;) {
      own += text('<');
      if (at >= source.length) fail(`<${name}> never closes`);
      if (source.startsWith('</', at)) {
        at += 2;
        if (match(NAME) !== name) fail(`expected </${name}>`);
        spaces();
        if (source[at++] !== '>') fail('expected > closing an end tag');
        return { name, attributes, children, text: own };
      }
      children.push(element());
    }
  };
  spaces();
  if (source.startsWith('<?xml', at)) {
    const end = source.indexOf('?>', at);
    if (end < 0) fail('an XML declaration never closes');
    at = end + 2;
  }
  spaces();
  const root = element();
  spaces();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
