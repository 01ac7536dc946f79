import type { Term } from 'n3';
import { SCHEMA } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import type { SourceDataset } from '../../source-dataset.js';

// schema:identifier is a text ("doi:10.1234/5"), a URL, or a PropertyValue whose propertyID names
// the scheme (science-on-schema.org, "Identifier"). schema:sameAs IRIs identify the same dataset
// elsewhere (a DOI URL) and are kept after them.

export function readIdentifiers({ graph }: RdfReading, node: Term): SourceDataset['identifiers'] {
  const identifiers: SourceDataset['identifiers'] = [];
  for (const term of graph.objects(node, SCHEMA('identifier'))) {
    if (term.termType !== 'BlankNode') {
      const value = graph.written(term);
      if (value) identifiers.push({ value });
      continue;
    }
    const value = graph.string(term, [SCHEMA('value'), SCHEMA('url')]);
    const scheme = graph.string(term, SCHEMA('propertyID'));
    if (value) identifiers.push(scheme ? { value, scheme } : { value });
  }
  const known = new Set(identifiers.map(({ value }) => value));
  for (const value of graph.strings(node, SCHEMA('sameAs'))) {
    if (!known.has(value)) identifiers.push({ value });
    known.add(value);
  }
  return identifiers;
}
