import { readFileSync } from 'node:fs';
import { parse, visit, type DocumentNode } from 'graphql';
import { repositoryPath } from './repository-files.js';

/** The entity type name in the contract SDL that each partner renames to its own. */
export const CONTRACT_ENTITY_TYPE = 'PartnerDataset';

const contractSdl = readFileSync(repositoryPath('schema/partner.graphql'), 'utf8');

/** "northbridge-hospital" -> "NorthbridgeHospitalDataset". */
export function datasetTypeNameFor(partnerId: string): string {
  const pascal = partnerId
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  if (!/^[A-Z]/.test(pascal)) throw new Error(`partner id "${partnerId}" does not give a GraphQL type name`);
  return `${pascal}Dataset`;
}

/**
 * The contract SDL for one partner. Federation routes entities by type, so each partner's datasets
 * get a type of their own; everything else (the Dataset interface, value types) is shared verbatim.
 */
export function partnerTypeDefs(partnerId: string): DocumentNode {
  const typeName = datasetTypeNameFor(partnerId);
  return visit(parse(contractSdl), {
    Name(node) {
      return node.value === CONTRACT_ENTITY_TYPE ? { ...node, value: typeName } : undefined;
    },
  });
}

export function contractSource(): string {
  return contractSdl;
}
