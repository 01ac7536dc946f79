import { composeServices } from '@apollo/composition';
import { catalogIndexTypeDefs } from '../../../../schema/catalog-index-contract.js';
import { governanceTypeDefs } from '../../../../schema/governance-contract.js';
import { datasetTypeNameFor, partnerTypeDefs } from '../../../../schema/partner-contract.js';
import { failure, partnerText } from '../finding.js';
import type { SdlRule } from '../rule.js';

// The partner's SDL composed, as `npm run compose` would, with the federation it joins: the other
// partners of schema/subgraphs.json, the catalog index and the governance subgraph. This catches
// what comparing with the contract tolerates (a type of its own that clashes with another
// subgraph's) and what only Federation's composition rules know.

/** Composition's messages name the subgraphs and elements involved: worth more room than a partner's text. */
const MESSAGE_SHOWN = 600;

export const composition: SdlRule = {
  id: 'composition',
  title: 'the SDL composes with the federation of schema/subgraphs.json',
  check({ partnerId, partnerDocument, manifest }) {
    const others = manifest.partners.filter((p) => p.id !== partnerId);
    const partners = [...others.map((p) => p.id), partnerId].map((id) => ({ id, datasetTypeName: datasetTypeNameFor(id) }));
    const subgraphs = [
      ...others.map((p) => ({ name: p.id, url: p.url, typeDefs: partnerTypeDefs(p.id) })),
      { name: partnerId, url: 'http://partner.invalid/graphql', typeDefs: partnerDocument },
      { name: manifest.catalogIndex.name, url: manifest.catalogIndex.url, typeDefs: catalogIndexTypeDefs(partners) },
      ...(manifest.governance ? [{ name: manifest.governance.name, url: manifest.governance.url, typeDefs: governanceTypeDefs(partners) }] : []),
    ];
    const expected = `the subgraph composes with ${subgraphs.filter((s) => s.name !== partnerId).map((s) => s.name).join(', ')}`;
    const fix = 'make the SDL match schema/partner.graphql where the message points: `npm run compose` refuses the federation until it composes';
    let errors: readonly { message: string; extensions?: Record<string, unknown> }[];
    try {
      errors = composeServices(subgraphs).errors ?? [];
    } catch (error) {
      errors = [{ message: error instanceof Error ? error.message : String(error) }];
    }
    return errors.map((error) => failure({
      where: 'composition',
      expected,
      found: partnerText(`${String(error.extensions?.code ?? 'ERROR')}: ${error.message}`, MESSAGE_SHOWN),
      fix,
    }));
  },
};
