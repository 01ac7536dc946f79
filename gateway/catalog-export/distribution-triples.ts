import type { BlankNode, NamedNode } from 'n3';
import { mediaTypeIri } from './authority-terms.js';
import { absoluteIri } from './export-addresses.js';
import type { ExportedDistribution } from './export-operation.js';
import { licenceNode } from './licence-triples.js';
import type { MappingContext } from './mapping-context.js';
import { rightsStatement, standardNode } from './statement-triples.js';
import { dcat, dct, rdf, rdfs, spdx, xsd, checksumAlgorithm } from './rdf-vocabulary.js';
import { nonNegativeInteger, plain, text, typed } from './triple-sink.js';

/**
 * A dcat:Distribution. Its accessUrl, downloadUrl and access service's endpointUrl are guarded
 * (schema/partner.graphql) and never read; DCAT-AP 3 still requires a dcat:accessURL, and the
 * truthful one is the gateway's GraphQL endpoint, where a caller the policies allow reads them.
 */
export function distributionNode(context: MappingContext, distribution: ExportedDistribution, language: string): NamedNode {
  const { sink, addresses } = context;
  const node = addresses.distribution(distribution.id);
  sink.add(node, rdf.type, dcat.Distribution);
  sink.add(node, dct.identifier, plain(distribution.id));
  if (distribution.title) sink.add(node, dct.title, text(distribution.title, language));
  sink.add(node, dcat.accessURL, addresses.api);
  if (distribution.mediaType) sink.add(node, dcat.mediaType, mediaTypeIri(distribution.mediaType));
  if (distribution.format) sink.add(node, dct.format, formatNode(context, distribution.format));
  sink.add(node, dcat.byteSize, nonNegativeInteger(distribution.byteSize));
  for (const checksum of distribution.checksums) sink.add(node, spdx.checksum, checksumNode(context, checksum));
  sink.add(node, dct.license, licenceNode(context, distribution.licence));
  if (distribution.rights) sink.add(node, dct.rights, rightsStatement(context, distribution.rights, language));
  if (distribution.accessService) sink.add(node, dcat.accessService, dataServiceNode(context, distribution.accessService, language));
  return node;
}

/** dct:format: an IRI (the EU file-type authority) as it is, a label such as "CSV" as a MediaTypeOrExtent. */
function formatNode({ sink }: MappingContext, format: string): NamedNode | BlankNode {
  const iri = absoluteIri(format);
  if (iri) return iri;
  const node = sink.blank();
  sink.add(node, rdf.type, dct.MediaTypeOrExtent);
  sink.add(node, rdfs.label, plain(format));
  return node;
}

/** spdx:checksum with the SPDX 2.3 algorithm IRI and the value as xsd:hexBinary (DCAT-AP 3, Checksum). */
function checksumNode({ sink }: MappingContext, checksum: { algorithm: string; value: string }): BlankNode | undefined {
  const algorithm = checksumAlgorithm(checksum.algorithm);
  if (!algorithm || !/^[0-9a-fA-F]+$/.test(checksum.value)) return undefined;
  const node = sink.blank();
  sink.add(node, rdf.type, spdx.Checksum);
  sink.add(node, spdx.algorithm, algorithm);
  sink.add(node, spdx.checksumValue, typed(checksum.value.toLowerCase(), xsd.hexBinary));
  return node;
}

/** dcat:DataService without its endpointURL, which is guarded like the access URL. */
function dataServiceNode(
  context: MappingContext, service: NonNullable<ExportedDistribution['accessService']>, language: string,
): BlankNode {
  const { sink } = context;
  const node = sink.blank();
  sink.add(node, rdf.type, dcat.DataService);
  sink.add(node, dct.title, text(service.title, language));
  sink.add(node, dcat.endpointDescription, absoluteIri(service.endpointDescription));
  for (const standard of service.conformsTo) sink.add(node, dct.conformsTo, standardNode(context, standard, language));
  return node;
}
