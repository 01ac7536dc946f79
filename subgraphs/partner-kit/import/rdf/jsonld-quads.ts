import jsonld from 'jsonld';
import { DataFactory, type Quad, type Term } from 'n3';
import type { SourceProblem } from '../source-dataset.js';
import { offlineDocumentLoader, RemoteContextRefused } from './offline-contexts.js';

// JSON-LD is turned into RDF by jsonld (JSON-LD 1.1 API, "Deserialize JSON-LD to RDF") and the
// result handed to n3 as terms: the readers query one n3 Store whatever the syntax was. The dataset
// jsonld returns is converted term by term rather than serialised to N-Quads and parsed again, which
// costs a second parse and would turn an IRI that jsonld keeps but N-Quads cannot write (one with a
// space) into a parse error at a line of a text the partner never saw.

interface JsonLdTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  language?: string;
  datatype?: { value: string };
}

interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
  graph: JsonLdTerm;
}

interface JsonLdEvent {
  event: { code: string; level: string; message: string; details?: Record<string, unknown> };
  next: () => void;
}

export interface JsonLdReading {
  quads: Quad[];
  problems: SourceProblem[];
}

/** Warnings jsonld raises for data it drops; more than this many of one kind are summarised. */
const MAX_PROBLEMS_PER_KIND = 10;

/**
 * jsonld expands by recursion, so a hostile document nested deeply enough overflows the stack (and
 * V8 prints the overflow to stderr on its way). Catalogs nest a dozen levels; this is far above.
 */
export const MAX_JSON_DEPTH = 256;

/** The quads of a parsed JSON-LD document; never fetches, never throws on bad input. */
export async function jsonLdQuads(document: unknown, baseIri: string): Promise<JsonLdReading> {
  if (deeperThan(document, MAX_JSON_DEPTH)) {
    return { quads: [], problems: [{ where: 'JSON-LD', message: `the JSON nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, which no catalog needs; it is not read` }] };
  }
  const scoped = scopedTermCount(document);
  if (scoped > MAX_SCOPED_TERMS) {
    return { quads: [], problems: [{ where: '@context', message: `the contexts inside term definitions (scoped contexts) define ${scoped} terms, more than the ${MAX_SCOPED_TERMS} any catalog needs; jsonld would apply them again to every node, so the file is not read` }] };
  }
  const refused: string[] = [];
  const dropped = new DroppedData();
  const documentLoader = async (url: string) => {
    try {
      return await offlineDocumentLoader(url);
    } catch (error) {
      if (error instanceof RemoteContextRefused) refused.push(error.url);
      throw error;
    }
  };
  try {
    const dataset = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      base: baseIri,
      documentLoader,
      eventHandler: (event: JsonLdEvent) => dropped.note(event),
    } as jsonld.Options.ToRdf)) as JsonLdQuad[];
    const noContext = noContextProblem(document, dataset);
    return { quads: dataset.map(toN3Quad), problems: noContext.length > 0 ? noContext : dropped.problems() };
  } catch (error) {
    if (refused.length > 0) {
      return { quads: [], problems: [...new Set(refused)].map((url) => ({ where: '@context', message: new RemoteContextRefused(url).message })) };
    }
    return { quads: [], problems: [{ where: 'JSON-LD', message: jsonLdErrorMessage(error) }] };
  }
}

function toN3Quad(quad: JsonLdQuad): Quad {
  return DataFactory.quad(
    toN3Term(quad.subject) as Quad['subject'],
    toN3Term(quad.predicate) as Quad['predicate'],
    toN3Term(quad.object) as Quad['object'],
    toN3Term(quad.graph) as Quad['graph'],
  );
}

function toN3Term(term: JsonLdTerm): Term {
  switch (term.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(term.value);
    case 'BlankNode':
      return DataFactory.blankNode(term.value.startsWith('_:') ? term.value.slice(2) : term.value);
    case 'Literal':
      return DataFactory.literal(term.value, term.language || (term.datatype ? DataFactory.namedNode(term.datatype.value) : undefined));
    case 'DefaultGraph':
      return DataFactory.defaultGraph();
  }
}

// A JSON file without "@context" is valid JSON-LD that says nothing: every key is dropped. Saying so
// is more useful than the list of dropped keys.
function noContextProblem(document: unknown, dataset: readonly JsonLdQuad[]): SourceProblem[] {
  if (dataset.length > 0 || !isObject(document) || '@context' in document || '@graph' in document) return [];
  return [{ where: '$', message: 'the JSON has no "@context", so it is not JSON-LD: no RDF statement could be read from it' }];
}

/** The warnings jsonld raises while expanding: each names data the file holds that was dropped. */
class DroppedData {
  private readonly byKind = new Map<string, { message: string; items: Set<string> }>();

  note({ event, next }: JsonLdEvent): void {
    if (event.level === 'warning') {
      const kind = this.byKind.get(event.code) ?? { message: event.message, items: new Set<string>() };
      kind.items.add(describeDetails(event.details));
      this.byKind.set(event.code, kind);
    }
    next();
  }

  problems(): SourceProblem[] {
    return [...this.byKind.entries()].flatMap(([code, { message, items }]) => {
      const listed = [...items].slice(0, MAX_PROBLEMS_PER_KIND).map((item) => ({
        where: item || 'JSON-LD',
        message: `${code}: ${message}`,
      }));
      const more = items.size - listed.length;
      return more > 0 ? [...listed, { where: 'JSON-LD', message: `${code}: ${more} more like this` }] : listed;
    });
  }
}

function describeDetails(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  const named = details.property ?? details.value ?? details.subject ?? details.object ?? details.graph;
  return typeof named === 'string' ? `"${named}"` : '';
}

function jsonLdErrorMessage(error: unknown): string {
  if (error instanceof RangeError) return `the JSON-LD is nested too deeply to read (${error.message})`;
  if (!(error instanceof Error)) return `the JSON-LD could not be read: ${String(error)}`;
  const details = (error as Error & { details?: { code?: string } }).details;
  return `the JSON-LD could not be read: ${error.message}${details?.code ? ` (${details.code})` : ''}`;
}

/** True if the value nests arrays and objects more than the limit; walked with a stack, not recursion. */
/**
 * Term definitions in scoped contexts (JSON-LD 1.1, section 4.1.8: a context inside a term
 * definition). jsonld applies a scoped context again for every node of its type or property, so the
 * work is their count times the nodes: a 94 KB file with 2,000 of each took 13 s, 190 KB took 48 s.
 * Catalogs use a handful, if any.
 */
export const MAX_SCOPED_TERMS = 1000;

function scopedTermCount(document: unknown): number {
  let count = 0;
  const pending: Array<{ value: unknown; inContext: boolean }> = [{ value: document, inContext: false }];
  while (pending.length > 0) {
    const { value, inContext } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const isContext = key === '@context';
      if (isContext && inContext) count += termsIn(child);
      pending.push({ value: child, inContext: inContext || isContext });
    }
  }
  return count;
}

function termsIn(context: unknown): number {
  if (Array.isArray(context)) return context.reduce((sum: number, item) => sum + termsIn(item), 0);
  return isObject(context) ? Object.keys(context).length : 0;
}

function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: next, depth } = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(next)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
