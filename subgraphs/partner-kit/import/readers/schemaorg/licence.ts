import type { Term } from 'n3';
import { SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { isAbsoluteIri } from '../../rdf/written-values.js';
import type { SourceLicence } from '../../source-dataset.js';

// schema:license is a URL, an id such as "CC-BY-4.0" or Croissant's "mit" (kept as written for the
// mapping to recognise), or a CreativeWork naming the licence.

export function readLicences(reading: RdfReading, node: Term): SourceLicence[] {
  return reading.graph.objects(node, SCHEMA('license')).map((term) => readLicence(reading, term))
    .filter((licence) => Object.keys(licence).length > 0);
}

function readLicence({ graph }: RdfReading, term: Term): SourceLicence {
  const written = graph.written(term);
  if (term.termType === 'Literal') return written && isAbsoluteIri(written) ? { uri: written } : written ? { id: written } : {};
  const licence: SourceLicence = {};
  const uri = term.termType === 'NamedNode' ? written : graph.string(term, SCHEMA('url'));
  if (uri) licence.uri = uri;
  const id = graph.string(term, SCHEMA('identifier'));
  if (id) licence.id = id;
  const name = graph.texts(term, SCHEMA('name'))[0]?.value;
  if (name) licence.name = name;
  const sameAs = graph.strings(term, SCHEMA('sameAs'));
  if (sameAs.length > 0) licence.sameAs = sameAs;
  return licence;
}
