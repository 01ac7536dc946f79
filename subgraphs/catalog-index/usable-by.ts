import { CATALOG_POLICIES } from '../../schema/policy/catalog-policies.js';
import type { DatasetFacts } from '../../schema/policy/facts.js';
import type { Principal } from '../../schema/policy/principal.js';
import type { IndexedDataset } from './catalog-index.js';

const datasetAccess = CATALOG_POLICIES['dataset:access']!;

export function factsOf(dataset: IndexedDataset): DatasetFacts {
  return {
    datasetId: dataset.id,
    partnerId: dataset.partnerId,
    dataClass: dataset.dataClass,
    licenceId: dataset.licenceId,
    useConditions: dataset.useConditions,
    embargoUntil: dataset.embargoUntil,
    // The index harvests public metadata only, and the deletion date is part of the stewards'
    // retention schedule. The contract asks a partner to leave a dataset past its deletion date out
    // of its harvest (the partner kit does); should one list it anyway, the gateway still withholds
    // its guarded fields (ARCHITECTURE.md, "Governance facts and retention").
    deletionDue: null,
  };
}

/**
 * usableBy: ME keeps the datasets whose content the caller could use: the very policy the gateway
 * enforces on distribution URLs (dataset:access), on the same facts, so the list never promises
 * what the gateway would then withhold.
 */
export function usableBy(principal: Principal, now: Date): (dataset: IndexedDataset) => boolean {
  return (dataset) => datasetAccess({ principal, facts: factsOf(dataset), grants: principal.grants, now }).allow;
}
