import type { Term } from 'n3';
import { DCT, RDF, RDFS, SKOS } from '../../rdf/namespaces.js';
import type { RdfReading } from '../../rdf/rdf-reading.js';
import type { SourceUseCondition } from '../../source-dataset.js';

// DCAT has no data-use vocabulary. A dct:rights statement that is an instance of a GA4GH DUO class
// (its OBO PURL, http://purl.obolibrary.org/obo/DUO_0000007) states that DUO term, as Concord's own
// DCAT-AP 3 export writes it: the term's id in dct:identifier, and what qualifies it in plain DCMI
// terms: the disease of DS (dct:subject), the regions of GS (dct:spatial), who is allowed under IS,
// US and PS (dct:audience), the duration of TS (dct:extent, an xsd:duration) and the end of MOR
// (dct:date). Each term reads only the modifiers it has a place for (mapping/use-conditions.ts).

const MODIFIERS = [DCT('subject'), DCT('spatial'), DCT('audience'), DCT('extent'), DCT('date')];
const DUO_CLASS = /^https?:\/\/purl\.obolibrary\.org\/obo\/DUO_(\d{7})$/;

export function readUseConditions({ graph }: RdfReading, node: Term): SourceUseCondition[] {
  return graph.objects(node, DCT('rights')).flatMap((statement) => {
    if (statement.termType === 'Literal') return [];
    const duo = graph.objects(statement, RDF('type')).map((type) => DUO_CLASS.exec(type.value)).find((m) => m !== null);
    if (!duo) return [];
    const label = graph.texts(statement, RDFS('label'))[0]?.value;
    const condition: SourceUseCondition = {
      term: graph.string(statement, DCT('identifier')) ?? graph.string(statement, SKOS('notation')) ?? `DUO:${duo[1]}`,
      modifiers: graph.strings(statement, MODIFIERS),
    };
    if (label) condition.label = label;
    return [condition];
  });
}
