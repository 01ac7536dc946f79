import type { BlankNode } from 'n3';
import { countryIri, diseaseIri, duoTermIri } from './authority-terms.js';
import { absoluteIri } from './export-addresses.js';
import type { ExportedUseCondition } from './export-operation.js';
import type { MappingContext } from './mapping-context.js';
import { dct, rdf, rdfs, skos, xsd } from './rdf-vocabulary.js';
import { calendarDate, plain, text, typed } from './triple-sink.js';

// DCAT-AP 3 has no property for data use conditions. The export states each GA4GH DUO term on a
// dataset as a dct:rights statement (DCAT 3 puts dct:rights on every catalogued resource) that is an
// instance of the DUO class itself, its OBO PURL, as DUO is meant to be used
// (https://github.com/EBISPOT/DUO). The term's modifiers use plain DCMI terms:
//   DS disease      dct:subject   the OBO PURL of a MONDO, DOID or HP id; any other id as text
//   GS regions      dct:spatial   EU country authority IRIs
//   IS, US, PS      dct:audience  the institutions, users (IRIs such as ORCIDs) or projects allowed
//   TS months       dct:extent    an xsd:duration, "P12M"
//   MOR until       dct:date      an xsd:date
// with the term's id (dct:identifier "DUO:0000007"), shorthand (skos:notation "DS") and label.

export function useConditionNode({ sink }: MappingContext, condition: ExportedUseCondition): BlankNode {
  const node = sink.blank();
  sink.add(node, rdf.type, dct.RightsStatement);
  sink.add(node, rdf.type, duoTermIri(condition.termId));
  sink.add(node, dct.identifier, plain(condition.termId));
  sink.add(node, skos.notation, plain(condition.code));
  sink.add(node, rdfs.label, text(condition.label, 'en'));
  if (condition.diseaseId) sink.add(node, dct.subject, diseaseIri(condition.diseaseId) ?? plain(condition.diseaseId));
  for (const region of condition.regions ?? []) sink.add(node, dct.spatial, countryIri(region) ?? plain(region));
  for (const allowed of condition.allowed ?? []) sink.add(node, dct.audience, absoluteIri(allowed) ?? plain(allowed));
  if (condition.months !== null && Number.isInteger(condition.months) && condition.months > 0) {
    sink.add(node, dct.extent, typed(`P${condition.months}M`, xsd.duration));
  }
  sink.add(node, dct.date, calendarDate(condition.until));
  return node;
}

/**
 * The data class as a rights statement of its own, next to dct:accessRights (authority-terms.ts),
 * which has three values for the contract's four classes: skos:notation is the class's name in the
 * contract (schema/partner.graphql, DataClass).
 */
export function dataClassNode({ sink }: MappingContext, dataClass: string): BlankNode {
  const node = sink.blank();
  sink.add(node, rdf.type, dct.RightsStatement);
  sink.add(node, skos.notation, plain(dataClass));
  sink.add(node, rdfs.label, text(DATA_CLASS_LABELS[dataClass] ?? dataClass, 'en'));
  return node;
}

const DATA_CLASS_LABELS: Readonly<Record<string, string>> = {
  PUBLIC: 'Data class PUBLIC: anyone may use the data.',
  PARTNER_SHARED: 'Data class PARTNER_SHARED: consortium members may use the data.',
  ANONYMIZED: 'Data class ANONYMIZED: de-identified data, for consortium members who accepted the consortium data use agreement.',
  PROPRIETARY: 'Data class PROPRIETARY: the owning partner, and holders of a grant from it, may use the data.',
};
