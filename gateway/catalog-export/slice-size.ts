import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ConfigError } from '../../runtime/env.js';
import { MAX_PAGE_SIZE } from '../../schema/catalog-index-contract.js';
import { estimateCost, type CostSettings } from '../limits/cost-estimate.js';
import { CATALOG_PAGE_OPERATION } from './export-operation.js';

/**
 * How many datasets one run of the export's page operation may ask for: the most whose estimated
 * cost (gateway/limits/cost-estimate.ts, the estimate the cost limit applies to every operation) stays
 * within MAX_COST, at most the index's largest page. The estimate grows by the same amount with each
 * dataset, so two estimates give it. Throws when MAX_COST does not even pay for one dataset, so the
 * gateway stops at start-up naming the setting rather than failing every export.
 */
export function exportSliceSize(schema: GraphQLSchema, limits: CostSettings & { maxCost: number }): number {
  const document = parse(CATALOG_PAGE_OPERATION);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const cost = (first: number) => estimateCost(schema, document, operation, { first, after: null }, limits);
  const one = cost(1);
  const perDataset = cost(2) - one;
  const fitting = perDataset > 0 ? Math.floor((limits.maxCost - (one - perDataset)) / perDataset) : MAX_PAGE_SIZE;
  if (fitting < 1) {
    throw new ConfigError(`MAX_COST (${limits.maxCost}) is below the estimated cost of exporting one dataset to DCAT (${one}): raise MAX_COST or lower FIELD_COSTS`);
  }
  return Math.min(fitting, MAX_PAGE_SIZE);
}
