import type { Term } from 'n3';
import { CROISSANT, SCHEMA, SPDX } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import { firstOf, sizeAsWritten } from '../../rdf/written-values.js';
import type { SourceChecksum, SourceDistribution } from '../../source-dataset.js';
import { readLicences } from './licence.js';
import { readText } from './text.js';

// A schema:DataDownload, or a Croissant 1.0 cr:FileObject (one file: contentUrl, sha256 or md5) or
// cr:FileSet (files matched by cr:includes globs inside another file object, with no URL of its
// own). encodingFormat is a media type when it reads as one ("text/csv"); anything else ("git+https")
// is a format. Checksums come from schema:sha256, Croissant's cr:md5, or science-on-schema.org's
// spdx:checksum nodes.

const MEDIA_TYPE_ROOTS = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);

export function readDistribution(reading: RdfReading, node: Term): SourceDistribution {
  const { graph, problems } = reading;
  const where = graph.label(node);
  const distribution: SourceDistribution = {
    titles: readText(reading, node, SCHEMA('name')),
    descriptions: readText(reading, node, SCHEMA('description')),
    accessUrls: graph.strings(node, SCHEMA('url')),
    downloadUrls: graph.strings(node, SCHEMA('contentUrl')),
    checksums: readChecksums(reading, node),
    licences: readLicences(reading, node),
    rights: readText(reading, node, SCHEMA('conditionsOfAccess')),
    conformsTo: [],
    accessServices: [],
  };
  if (node.termType === 'NamedNode') distribution.sourceId = where;
  const encodings = graph.strings(node, SCHEMA('encodingFormat'));
  const mediaType = firstOf(encodings.filter(isMediaType), where, 'encodingFormat (media type)', problems);
  const format = firstOf([...encodings.filter((e) => !isMediaType(e)), ...graph.strings(node, SCHEMA('fileFormat'))], where, 'encodingFormat', problems);
  if (mediaType) distribution.mediaType = mediaType;
  if (format) distribution.format = format;
  const size = graph.objects(node, SCHEMA('contentSize'))[0];
  const sizeText = size && graph.written(size);
  if (size && sizeText !== undefined) distribution.byteSize = sizeAsWritten(size, sizeText);
  const issued = firstOf(graph.strings(node, SCHEMA('datePublished')), where, 'datePublished', problems);
  if (issued) distribution.issued = issued;
  const modified = firstOf(graph.strings(node, SCHEMA('dateModified')), where, 'dateModified', problems);
  if (modified) distribution.modified = modified;
  return distribution;
}

/** "type/subtype" with a registered top-level type (RFC 6838, section 4.2). */
export function isMediaType(text: string): boolean {
  const [type, subtype, ...rest] = text.split(';')[0]!.trim().toLowerCase().split('/');
  return rest.length === 0 && type !== undefined && MEDIA_TYPE_ROOTS.has(type) && !!subtype && !/\s/.test(subtype);
}

function readChecksums({ graph }: RdfReading, node: Term): SourceChecksum[] {
  const named = [
    ...graph.strings(node, SCHEMA('sha256')).map((value) => ({ algorithm: 'sha256', value })),
    ...graph.strings(node, [CROISSANT('md5'), SCHEMA('md5')]).map((value) => ({ algorithm: 'md5', value })),
  ];
  const spdx = graph.nodes(node, SPDX('checksum')).flatMap((checksum) => {
    const algorithm = graph.string(checksum, [SPDX('checksumAlgorithm'), SPDX('algorithm')]);
    const value = graph.string(checksum, SPDX('checksumValue'));
    return algorithm !== undefined && value !== undefined ? [{ algorithm, value }] : [];
  });
  return [...named, ...spdx];
}
