import type { NamedNode } from 'n3';
import { spdxLicenceIri } from './authority-terms.js';
import { absoluteIri } from './export-addresses.js';
import type { ExportedLicence } from './export-operation.js';
import type { MappingContext } from './mapping-context.js';
import { dct, foaf, rdf } from './rdf-vocabulary.js';
import { plain } from './triple-sink.js';

/**
 * dct:license's object: an SPDX id as its IRI on the SPDX licence list
 * (https://spdx.org/licenses/<id>), a LicenseRef- as the URL of its terms, or, with no URL, an IRI
 * of the export's own. The id, name and URL go with it, so an importer needs no licence table.
 * The royalty terms are guarded and never read.
 */
export function licenceNode({ sink, addresses }: MappingContext, licence: ExportedLicence): NamedNode {
  const node = spdxLicenceIri(licence.id) ?? absoluteIri(licence.url) ?? addresses.licence(licence.id);
  if (sink.describes(node)) return node;
  sink.add(node, rdf.type, dct.LicenseDocument);
  sink.add(node, dct.identifier, plain(licence.id));
  sink.add(node, dct.title, plain(licence.name));
  sink.add(node, foaf.page, absoluteIri(licence.url));
  return node;
}
