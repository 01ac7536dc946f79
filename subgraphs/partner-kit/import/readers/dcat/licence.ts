import type { Term } from 'n3';
import { DCT, OWL, RDFS, SKOS } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { isAbsoluteIri } from '../../rdf/written-values.js';
import type { LocalizedText, SourceLicence } from '../../source-dataset.js';

// dct:license is an IRI (an SPDX, Creative Commons or EU licence authority IRI, or the publisher's
// own), a dct:LicenseDocument node with a title, identifier and skos:exactMatch to a known licence
// (DCAT-AP 3 HVD), or, against the profile, a literal. dct:rights and dct:accessRights are
// RightsStatements: an IRI, or a node whose label says it.

const SAME_AS = [SKOS('exactMatch'), OWL('sameAs')];
const STATEMENT_TEXT = [RDFS('label'), DCT('description'), DCT('title'), SKOS('prefLabel')];

export function readLicence({ graph }: RdfReading, term: Term): SourceLicence {
  const written = graph.written(term);
  if (term.termType === 'Literal') return written && isAbsoluteIri(written) ? { uri: written } : { id: written };
  const licence: SourceLicence = {};
  if (term.termType === 'NamedNode' && written) licence.uri = written;
  const id = graph.string(term, DCT('identifier'));
  const name = graph.texts(term, [DCT('title'), RDFS('label'), SKOS('prefLabel')])[0]?.value;
  const sameAs = graph.strings(term, SAME_AS);
  if (id) licence.id = id;
  if (name) licence.name = name;
  if (sameAs.length > 0) licence.sameAs = sameAs;
  return licence;
}

/** The licences a node gives with dct:license, each once. */
export function readLicences(reading: RdfReading, node: Term): SourceLicence[] {
  return reading.graph.objects(node, DCT('license')).map((term) => readLicence(reading, term))
    .filter((licence) => Object.keys(licence).length > 0);
}

/** Rights statements as text: literals, and the labels of RightsStatement nodes (or their IRIs). */
export function readRights({ graph }: RdfReading, node: Term, property: string): LocalizedText[] {
  const statements = graph.nodes(node, property).flatMap((statement) => {
    const texts = graph.texts(statement, STATEMENT_TEXT);
    if (texts.length > 0) return texts;
    return statement.termType === 'NamedNode' ? [{ value: graph.label(statement) }] : [];
  });
  return [...graph.texts(node, property), ...statements];
}

/** dct:accessRights: the IRI (EU access-right authority), else the statement's text. */
export function readAccessRights({ graph }: RdfReading, node: Term): string | undefined {
  const term = graph.objects(node, DCT('accessRights'))[0];
  if (!term) return undefined;
  if (term.termType !== 'BlankNode') return graph.written(term);
  return graph.texts(term, STATEMENT_TEXT)[0]?.value;
}
