import type { Literal, Term } from 'n3';
import { RDF, SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import type { LocalizedText } from '../../source-dataset.js';
import { htmlToText } from './html-text.js';

// Texts of a schema.org node: an HTML literal (rdf:HTML, or schema:HTML from a context that maps
// "HTML" under the vocabulary) is read as plain text; any other literal as written.

const HTML_DATATYPES = new Set([RDF('HTML'), SCHEMA('HTML')]);

export function readText({ graph }: RdfReading, node: Term, properties: string | readonly string[]): LocalizedText[] {
  return graph.texts(node, properties, (literal: Literal) => (HTML_DATATYPES.has(literal.datatype.value) ? htmlToText(literal.value) : literal.value));
}
