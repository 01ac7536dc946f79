import type { Literal, Quad, Term } from 'n3';
import type { LocalizedText } from '../source-dataset.js';
import { RDF, XSD } from './namespaces.js';
import type { SourceBase } from './source-base.js';

// Read access to one file's RDF graph, in the terms the readers need: the objects of a node for a
// list of properties (DCAT-AP 2 and 3 name some properties differently), texts with their language,
// strings as written. Named graphs are merged: a catalog file says one thing whichever graph a
// statement is in. RDF lists (schema.org "@list" of creators) are read as their members.
//
// The statements are indexed here, once, by subject and property (plus the nodes each class types
// and the statements pointing at each node), rather than kept in an n3 Store: the readers only walk
// from a node to its properties, and a Store's three full indexes made a file of 10,000 datasets
// take longer to load than to parse.

/** A subject-capable term: an IRI or a blank node. */
export type GraphNode = Extract<Term, { termType: 'NamedNode' | 'BlankNode' }>;

const RDF_TYPE = RDF('type');
const RDF_FIRST = RDF('first');
const RDF_REST = RDF('rest');
const RDF_NIL = RDF('nil');
const XSD_DOUBLE = XSD('double');
/** No real list is longer; a cyclic or absurd one stops here instead of looping. */
const MAX_LIST_LENGTH = 100_000;

interface Incoming {
  subject: GraphNode;
  property: string;
}

export class RdfGraph {
  /** Each subject's statements by property, in the order the subjects first appeared. */
  private readonly outgoing = new Map<string, Map<string, Term[]>>();
  private readonly typed = new Map<string, GraphNode[]>();
  private readonly incoming = new Map<string, Incoming[]>();
  private subjectOrder: Map<string, number> | undefined;
  readonly size: number;

  constructor(
    quads: readonly Quad[],
    private readonly base: SourceBase,
  ) {
    this.size = quads.length;
    for (const { subject, predicate, object } of quads) {
      if (!isNode(subject)) continue;
      const key = termKey(subject);
      let byProperty = this.outgoing.get(key);
      if (!byProperty) this.outgoing.set(key, (byProperty = new Map()));
      push(byProperty, predicate.value, object);
      if (!isNode(object)) continue;
      push(this.incoming, termKey(object), { subject, property: predicate.value });
      if (predicate.value === RDF_TYPE && object.termType === 'NamedNode') push(this.typed, object.value, subject);
    }
  }

  /** Nodes typed with any of the classes, each once, in the order the file first described them. */
  nodesOfType(...classes: string[]): GraphNode[] {
    const nodes = unique(classes.flatMap((type) => this.typed.get(type) ?? []));
    if (classes.length < 2) return nodes;
    this.subjectOrder ??= new Map([...this.outgoing.keys()].map((key, index) => [key, index]));
    const order = this.subjectOrder;
    return nodes.sort((a, b) => (order.get(termKey(a)) ?? 0) - (order.get(termKey(b)) ?? 0));
  }

  hasType(node: Term, type: string): boolean {
    return this.statements(node).get(RDF_TYPE)?.some((object) => object.termType === 'NamedNode' && object.value === type) ?? false;
  }

  /** True when the graph says anything about the node. */
  isDescribed(node: Term): boolean {
    return this.statements(node).size > 0;
  }

  /** True when some statement points at the node. */
  isReferenced(node: Term): boolean {
    return isNode(node) && this.incoming.has(termKey(node));
  }

  /** The objects of the node for each property in turn, lists replaced by their members, each once. */
  objects(node: Term, properties: string | readonly string[]): Term[] {
    const statements = this.statements(node);
    if (statements.size === 0) return [];
    const found: Term[] = [];
    for (const property of asList(properties)) {
      for (const object of statements.get(property) ?? []) {
        if (isNode(object)) {
          if (object.value === RDF_NIL) continue;
          const members = this.listMembers(object);
          if (members) {
            found.push(...members);
            continue;
          }
        }
        found.push(object);
      }
    }
    return unique(found);
  }

  /** The node objects (IRIs and blank nodes) of the node for the properties. */
  nodes(node: Term, properties: string | readonly string[]): GraphNode[] {
    return this.objects(node, properties).filter(isNode);
  }

  /** Every node that some statement with the property points at, e.g. all dcat:dataset targets. */
  targets(property: string): GraphNode[] {
    const found: GraphNode[] = [];
    for (const byProperty of this.outgoing.values()) found.push(...(byProperty.get(property) ?? []).filter(isNode));
    return unique(found);
  }

  /** Nodes that have the property pointing at the target, e.g. the catalogs listing a sub-catalog. */
  subjects(property: string, target: Term): GraphNode[] {
    if (!isNode(target)) return [];
    const pointing = this.incoming.get(termKey(target)) ?? [];
    return unique(pointing.filter((statement) => statement.property === property).map(({ subject }) => subject));
  }

  /** Literals of the node for the properties, as texts with their language tags. */
  texts(node: Term, properties: string | readonly string[], read: (literal: Literal) => string = (literal) => literal.value): LocalizedText[] {
    const texts = this.objects(node, properties)
      .filter(isLiteral)
      .map((literal) => localized(read(literal).trim(), literal.language))
      .filter((text) => text.value !== '');
    return uniqueBy(texts, (text) => `${text.language ?? ''}\u0000${text.value}`);
  }

  /** Literals and IRIs of the node for the properties, as written; blank nodes are skipped. */
  strings(node: Term, properties: string | readonly string[]): string[] {
    const values = this.objects(node, properties).flatMap((term) => {
      const text = this.written(term);
      return text === undefined || text === '' ? [] : [text];
    });
    return [...new Set(values)];
  }

  /** The first of strings(), or undefined. */
  string(node: Term, properties: string | readonly string[]): string | undefined {
    return this.strings(node, properties)[0];
  }

  /** A literal's lexical form or an IRI as the source wrote it; undefined for a blank node. */
  written(term: Term): string | undefined {
    if (term.termType === 'NamedNode') return this.base.written(term.value);
    if (term.termType === 'Literal') return literalText(term as Literal);
    return undefined;
  }

  /** How the report names a node: its IRI as written, or a blank node's label. */
  label(node: Term): string {
    return this.written(node) ?? `_:${node.value}`;
  }

  private statements(node: Term): ReadonlyMap<string, Term[]> {
    return (isNode(node) && this.outgoing.get(termKey(node))) || NO_STATEMENTS;
  }

  private listMembers(head: Term): Term[] | undefined {
    if (!this.statements(head).has(RDF_FIRST)) return undefined;
    const members: Term[] = [];
    const seen = new Set<string>();
    for (let cell: Term | undefined = head; cell && cell.value !== RDF_NIL && isNode(cell) && !seen.has(cell.value);) {
      if (members.length >= MAX_LIST_LENGTH) break;
      seen.add(cell.value);
      const statements = this.statements(cell);
      members.push(...(statements.get(RDF_FIRST) ?? []));
      cell = statements.get(RDF_REST)?.[0];
    }
    return members;
  }
}

const NO_STATEMENTS: ReadonlyMap<string, Term[]> = new Map();

// JSON-LD writes a JSON number that is not an integer as a canonical xsd:double ("1.5E0"); the
// number is what the source wrote.
function literalText(literal: Literal): string {
  if (literal.datatypeString === XSD_DOUBLE) {
    const number = Number(literal.value);
    if (Number.isFinite(number)) return String(number);
  }
  return literal.value;
}

function localized(value: string, language: string): LocalizedText {
  return language ? { value, language } : { value };
}

/** A literal as a text with its language tag. */
export function localizedText(literal: Literal): LocalizedText {
  return localized(literal.value.trim(), literal.language);
}

export function isNode(term: Term | undefined): term is GraphNode {
  return term?.termType === 'NamedNode' || term?.termType === 'BlankNode';
}

export function isLiteral(term: Term | undefined): term is Literal {
  return term?.termType === 'Literal';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

function asList(properties: string | readonly string[]): readonly string[] {
  return typeof properties === 'string' ? [properties] : properties;
}

// n3 keeps each term as one string (its id: the IRI, "_:label", or the literal with its language or
// datatype), which is a key as it is; a literal's value and language are cut from it on each read.
function termKey(term: Term): string {
  return term.id;
}

function unique<T extends Term>(terms: T[]): T[] {
  return terms.length < 2 ? terms : uniqueBy(terms, termKey);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
