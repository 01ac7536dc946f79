import type { BlankNode, NamedNode } from 'n3';
import { absoluteIri } from './export-addresses.js';
import type { MappingContext } from './mapping-context.js';
import { dct, rdf, rdfs } from './rdf-vocabulary.js';
import { text } from './triple-sink.js';

// The statements DCAT-AP 3 gives classes for rather than plain text: a partner's text becomes a node
// of that class labelled with it, in the dataset's language.

/** dct:rights: a dct:RightsStatement. */
export function rightsStatement({ sink }: MappingContext, statement: string, language: string): BlankNode {
  return labelled(sink, dct.RightsStatement, statement, language);
}

/** dct:provenance: a dct:ProvenanceStatement. */
export function provenanceStatement({ sink }: MappingContext, statement: string, language: string): BlankNode {
  return labelled(sink, dct.ProvenanceStatement, statement, language);
}

/** dct:conformsTo: the standard's IRI when the partner gave one, else a dct:Standard titled with its name. */
export function standardNode({ sink }: MappingContext, standard: string, language: string): NamedNode | BlankNode {
  const iri = absoluteIri(standard);
  if (iri) return iri;
  const node = sink.blank();
  sink.add(node, rdf.type, dct.Standard);
  sink.add(node, dct.title, text(standard, language));
  return node;
}

function labelled(sink: MappingContext['sink'], type: NamedNode, statement: string, language: string): BlankNode {
  const node = sink.blank();
  sink.add(node, rdf.type, type);
  sink.add(node, rdfs.label, text(statement, language));
  return node;
}
