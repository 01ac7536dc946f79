import type { Quad } from 'n3';
import type { SourceProblem } from '../source-dataset.js';
import { RdfGraph } from './graph.js';
import { parseJson } from './json-syntax.js';
import { jsonLdQuads } from './jsonld-quads.js';
import { detectRdfSyntax } from './rdf-syntax.js';
import { sourceBase } from './source-base.js';
import { turtleQuads } from './turtle-quads.js';
import { aliasVocabulary, type VocabularyAliases } from './vocabulary-aliases.js';

// One file's text to one RDF graph, whatever its syntax: the readers for DCAT and schema.org query
// the graph and never see the syntax. Nothing here throws on bad input: what is wrong comes back as
// problems, with a line and column when the text itself is broken.

export interface GraphReading {
  /** Absent when nothing could be read (broken syntax, refused context, unsupported syntax). */
  graph?: RdfGraph;
  problems: SourceProblem[];
}

export interface GraphOptions {
  /** Namespaces to read as another (schema.org's https form as its http form). */
  aliases?: VocabularyAliases;
}

const BYTE_ORDER_MARK = '\uFEFF';

export async function readGraph(text: string, fileName: string, options: GraphOptions = {}): Promise<GraphReading> {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  if (body.trim() === '') return { problems: [{ where: fileName, message: 'the file is empty' }] };
  const base = sourceBase(fileName);
  const parsed = await quadsOf(body, fileName, base.iri);
  if (parsed.quads.length === 0 && parsed.problems.length > 0) return { problems: parsed.problems };
  const quads = options.aliases ? aliasVocabulary(parsed.quads, options.aliases) : parsed.quads;
  return { graph: new RdfGraph(quads, base), problems: parsed.problems };
}

async function quadsOf(text: string, fileName: string, baseIri: string): Promise<{ quads: Quad[]; problems: SourceProblem[] }> {
  switch (detectRdfSyntax(text, fileName)) {
    case 'json-ld': {
      const json = parseJson(text);
      if (!json.ok) {
        const { line, column, message } = json.error;
        return { quads: [], problems: [{ where: `${line}:${column}`, message: `JSON syntax error at line ${line}, column ${column}: ${message}` }] };
      }
      return jsonLdQuads(json.value, baseIri);
    }
    case 'turtle':
      return turtleQuads(text, baseIri, 'TriG');
    case 'n-quads':
      return turtleQuads(text, baseIri, 'N-Quads');
    case 'rdf-xml':
      return unsupported(fileName, 'RDF/XML is not read; export the catalog as Turtle or JSON-LD');
    case 'html':
      return unsupported(fileName, 'an HTML page is not read; save its <script type="application/ld+json"> content as a .jsonld file');
  }
}

function unsupported(fileName: string, message: string) {
  return { quads: [], problems: [{ where: fileName, message }] };
}
