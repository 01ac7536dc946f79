import type { Term } from 'n3';
import { DATA_CLASSES } from '../../../../../schema/vocabulary.js';
import { DCT, SKOS } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';

// Concord's DCAT-AP 3 export states the data class (schema/partner.graphql, DataClass) as a dct:rights
// statement whose skos:notation is the class's name, next to dct:accessRights, whose three terms
// cannot tell the four classes apart.

const CLASSES: ReadonlySet<string> = new Set(DATA_CLASSES);

export function readDataClass({ graph }: RdfReading, node: Term): string | undefined {
  const notations = graph.nodes(node, DCT('rights')).flatMap((statement) => graph.strings(statement, SKOS('notation')));
  return notations.find((notation) => CLASSES.has(notation));
}
