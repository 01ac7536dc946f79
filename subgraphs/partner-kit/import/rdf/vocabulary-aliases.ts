import { DataFactory, type Quad, type Term } from 'n3';
import { RDF } from './namespaces.js';

// Some vocabularies are written under two namespaces for the same terms: schema.org as http:// and
// https:// (Croissant 1.0 writes https, the schema.org context served offline http). Readers look
// terms up under one; predicates, classes (objects of rdf:type) and datatypes are rewritten to it
// here. Other values, such as a URL that happens to be under schema.org, are kept as written.

/** Namespace written in the file -> namespace the readers look up. */
export type VocabularyAliases = Readonly<Record<string, string>>;

const RDF_TYPE = RDF('type');

export function aliasVocabulary(quads: readonly Quad[], aliases: VocabularyAliases): Quad[] {
  const entries = Object.entries(aliases);
  const rename = (iri: string): string => {
    for (const [from, to] of entries) if (iri.startsWith(from)) return to + iri.slice(from.length);
    return iri;
  };
  return quads.map((quad) => {
    const predicate = rename(quad.predicate.value);
    const object = quad.predicate.value === RDF_TYPE && quad.object.termType === 'NamedNode'
      ? DataFactory.namedNode(rename(quad.object.value))
      : aliasDatatype(quad.object, rename);
    if (predicate === quad.predicate.value && object === quad.object) return quad;
    return DataFactory.quad(quad.subject, DataFactory.namedNode(predicate), object as Quad['object'], quad.graph);
  });
}

function aliasDatatype(term: Term, rename: (iri: string) => string): Term {
  if (term.termType !== 'Literal' || term.language) return term;
  const datatype = rename(term.datatype.value);
  return datatype === term.datatype.value ? term : DataFactory.literal(term.value, DataFactory.namedNode(datatype));
}
