import { Supergraph } from '@apollo/federation-internals';
import type { IndexedPartner } from '../../schema/catalog-index-contract.js';

export interface PartnerEndpoint extends IndexedPartner {
  url: string;
}

const HARVEST_FIELD = '_catalogHarvest';

/**
 * The partners listed in a supergraph: every subgraph that serves the contract's harvest field.
 * Their dataset type is the one that implements Dataset with a key in that subgraph.
 */
export function partnersInSupergraph(supergraphSdl: string, urlOverrides = new Map<string, string>()): PartnerEndpoint[] {
  // Only the subgraph list is read here, nothing is served from it, so the security features the
  // gateway enforces need no support in this process.
  const supergraph = Supergraph.build(supergraphSdl, { supportedFeatures: null });
  const partners: PartnerEndpoint[] = [];
  for (const subgraph of supergraph.subgraphs()) {
    if (!subgraph.schema.schemaDefinition.rootType('query')?.field(HARVEST_FIELD)) continue;
    const datasetType = subgraph.schema.objectTypes().find((t) =>
      t.hasAppliedDirective('key') && t.interfaces().some((i) => i.name === 'Dataset'),
    );
    if (!datasetType) {
      throw new Error(`subgraph "${subgraph.name}" serves ${HARVEST_FIELD} but has no entity type implementing Dataset`);
    }
    partners.push({ id: subgraph.name, datasetTypeName: datasetType.name, url: urlOverrides.get(subgraph.name) ?? subgraph.url });
  }
  return partners.sort((a, b) => a.id.localeCompare(b.id));
}
