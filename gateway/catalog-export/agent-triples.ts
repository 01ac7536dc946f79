import type { BlankNode, NamedNode } from 'n3';
import { countryIri } from './authority-terms.js';
import { absoluteIri } from './export-addresses.js';
import type { ExportedAgent, ExportedPartner } from './export-operation.js';
import type { MappingContext } from './mapping-context.js';
import { dcat, dct, foaf, prov, rdf, skos } from './rdf-vocabulary.js';
import { plain } from './triple-sink.js';

/**
 * A partner as the dct:publisher of its datasets: one foaf:Organization under the export's own
 * address, described once however many datasets it publishes, its country as foaf:based_near.
 */
export function partnerNode({ sink, addresses }: MappingContext, partner: ExportedPartner): NamedNode {
  const node = addresses.partner(partner.id);
  if (sink.describes(node)) return node;
  sink.add(node, rdf.type, foaf.Agent);
  sink.add(node, rdf.type, foaf.Organization);
  sink.add(node, dct.identifier, plain(partner.id));
  sink.add(node, foaf.name, plain(partner.name));
  sink.add(node, foaf.homepage, absoluteIri(partner.homepage));
  sink.add(node, foaf.based_near, countryIri(partner.country));
  return node;
}

/** A creator or attributed agent (DCAT-AP 3, Agent): its own IRI (ORCID, ROR) when it has one. */
export function agentNode({ sink }: MappingContext, agent: ExportedAgent): NamedNode | BlankNode {
  const node = absoluteIri(agent.identifier) ?? sink.blank();
  sink.add(node, rdf.type, foaf.Agent);
  if (agent.kind === 'PERSON') sink.add(node, rdf.type, foaf.Person);
  if (agent.kind === 'ORGANIZATION') sink.add(node, rdf.type, foaf.Organization);
  sink.add(node, foaf.name, plain(agent.name));
  sink.add(node, foaf.homepage, absoluteIri(agent.homepage));
  return node;
}

/** prov:qualifiedAttribution: an agent and its role, an IRI (e.g. ISO 19115 role codes) or a role name kept as a concept. */
export function attributionNode(context: MappingContext, attribution: { agent: ExportedAgent; role: string }): BlankNode {
  const { sink } = context;
  const node = sink.blank();
  sink.add(node, rdf.type, prov.Attribution);
  sink.add(node, prov.agent, agentNode(context, attribution.agent));
  let role: NamedNode | BlankNode | undefined = absoluteIri(attribution.role);
  if (!role) {
    role = sink.blank();
    sink.add(role, rdf.type, dcat.Role);
    sink.add(role, skos.prefLabel, plain(attribution.role));
  }
  sink.add(node, dcat.hadRole, role);
  return node;
}
