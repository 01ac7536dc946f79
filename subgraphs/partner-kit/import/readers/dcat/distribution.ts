import type { Term } from 'n3';
import { DCAT, DCT, RDF, RDFS, SKOS, SPDX } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { firstOf, sizeAsWritten } from '../../rdf/written-values.js';
import type { SourceChecksum, SourceDataService, SourceDistribution } from '../../source-dataset.js';
import { readLicences, readRights } from './licence.js';

// A dcat:Distribution (DCAT 3, "Class: Distribution"). One IRI may be described in several places
// of a file; the graph merges them, so its URLs add up, and a property the record holds once
// (media type, format, size) keeps the first value with a problem naming the others.

export function readDistribution(reading: RdfReading, node: Term): SourceDistribution {
  const { graph } = reading;
  const where = graph.label(node);
  const one = (property: string, name: string) => firstOf(codes(reading, node, property), where, name, reading.problems);
  const distribution: SourceDistribution = {
    titles: graph.texts(node, DCT('title')),
    descriptions: graph.texts(node, DCT('description')),
    accessUrls: graph.strings(node, DCAT('accessURL')),
    downloadUrls: graph.strings(node, DCAT('downloadURL')),
    checksums: readChecksums(reading, node),
    licences: readLicences(reading, node),
    rights: readRights(reading, node, DCT('rights')),
    conformsTo: graph.strings(node, DCT('conformsTo')),
    accessServices: graph.nodes(node, DCAT('accessService')).map((service) => readDataService(reading, service)),
  };
  if (node.termType === 'NamedNode') distribution.sourceId = where;
  const fields = {
    mediaType: one(DCAT('mediaType'), 'dcat:mediaType'),
    format: one(DCT('format'), 'dct:format'),
    compressFormat: one(DCAT('compressFormat'), 'dcat:compressFormat'),
    packageFormat: one(DCAT('packageFormat'), 'dcat:packageFormat'),
    issued: firstOf(graph.strings(node, DCT('issued')), where, 'dct:issued', reading.problems),
    modified: firstOf(graph.strings(node, DCT('modified')), where, 'dct:modified', reading.problems),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(distribution, { [key]: value });
  const size = graph.objects(node, DCAT('byteSize'))[0];
  const sizeText = size && graph.written(size);
  if (size && sizeText !== undefined) distribution.byteSize = sizeAsWritten(size, sizeText);
  return distribution;
}

// Media types and formats are IRIs or literals; a blank node typed dct:MediaTypeOrExtent that only
// carries a label or rdf:value is read by that.
function codes({ graph }: RdfReading, node: Term, property: string): string[] {
  const values = graph.objects(node, property).flatMap((term) => {
    const written = term.termType === 'BlankNode' ? graph.string(term, CODE_LABELS) : graph.written(term);
    return written === undefined ? [] : [written];
  });
  return [...new Set(values)];
}

const CODE_LABELS = [RDF('value'), SKOS('notation'), SKOS('prefLabel'), RDFS('label')];

// spdx:checksum (DCAT 3) holds spdx:algorithm and spdx:checksumValue; SPDX 2 itself names the
// algorithm property spdx:checksumAlgorithm, which some catalogs use.
function readChecksums({ graph }: RdfReading, node: Term): SourceChecksum[] {
  return graph.nodes(node, SPDX('checksum')).flatMap((checksum) => {
    const algorithm = graph.string(checksum, [SPDX('algorithm'), SPDX('checksumAlgorithm')]);
    const value = graph.string(checksum, SPDX('checksumValue'));
    return algorithm !== undefined && value !== undefined ? [{ algorithm, value }] : [];
  });
}

function readDataService({ graph }: RdfReading, node: Term): SourceDataService {
  return {
    titles: graph.texts(node, DCT('title')),
    endpointUrls: graph.strings(node, DCAT('endpointURL')),
    endpointDescriptions: graph.strings(node, DCAT('endpointDescription')),
    conformsTo: graph.strings(node, DCT('conformsTo')),
  };
}
