import { PARTNER_ID_PATTERN } from '../../../schema/vocabulary.js';
import { datasetTypeNameFor } from '../../../schema/partner-contract.js';
import type { FederationManifest } from '../../../schema/federation-manifest.js';

// A partner id is its subgraph name, the prefix of its dataset ids and, as a Pascal-case type name,
// the entity type the gateway routes its datasets by (schema/partner-contract.ts). A new one must be
// well formed and clash with none of these in the manifest.

/** Why `id` cannot join the federation of `manifest`; empty when it can. */
export function partnerIdProblems(id: string, manifest: FederationManifest): string[] {
  if (!PARTNER_ID_PATTERN.test(id)) {
    return [`"${id}" is not a partner id: lower-case letters and digits in words joined by single hyphens, starting with a letter, such as "aurora-marine-lab"`];
  }
  if (manifest.partners.some((p) => p.id === id)) return [`partner "${id}" is already in the federation manifest`];
  const services = [
    ['the catalog index', manifest.catalogIndex.name],
    ...(manifest.governance ? [['the governance subgraph', manifest.governance.name]] : []),
  ] as const;
  const service = services.find(([, name]) => name === id);
  if (service) return [`"${id}" is the subgraph name of ${service[0]}`];
  // "a-1b" and "a1b" both give A1bDataset: two subgraphs with one entity type would share its datasets.
  const typeName = datasetTypeNameFor(id);
  const sharing = manifest.partners.find((p) => datasetTypeNameFor(p.id) === typeName);
  if (sharing) return [`"${id}" gives the dataset type ${typeName}, which partner "${sharing.id}" already has`];
  return [];
}
