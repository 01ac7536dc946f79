import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { prepareSupergraph } from '../../../../gateway/authz/authorization-plan.js';
import { CATALOG_PAGE_OPERATION } from '../../../../gateway/catalog-export/export-operation.js';
import { exportSliceSize } from '../../../../gateway/catalog-export/slice-size.js';
import { estimateCost } from '../../../../gateway/limits/cost-estimate.js';
import { DEFAULT_REQUEST_LIMITS } from '../../../../gateway/limits/request-limits.js';
import { ConfigError } from '../../../../runtime/env.js';
import { CATALOG_SUPERGRAPH } from '../../../harness/demo-federation.js';

const schema = Supergraph.build(prepareSupergraph(readFileSync(CATALOG_SUPERGRAPH, 'utf8')).executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
const document = parse(CATALOG_PAGE_OPERATION);
const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
const limits = (maxCost: number, fieldCosts = DEFAULT_REQUEST_LIMITS.fieldCosts) => ({ ...DEFAULT_REQUEST_LIMITS, maxCost, fieldCosts });
const cost = (first: number, settings = limits(DEFAULT_REQUEST_LIMITS.maxCost)) => estimateCost(schema, document, operation, { first, after: null }, settings);

describe('exportSliceSize: the most datasets one operation may ask for within MAX_COST', () => {
  it.each<[string, ReturnType<typeof limits>]>([
    ['the default MAX_COST', limits(DEFAULT_REQUEST_LIMITS.maxCost)],
    ['a low MAX_COST', limits(5_000)],
    ['a dear field', limits(DEFAULT_REQUEST_LIMITS.maxCost, new Map([['Dataset.distributions', 50]]))],
  ])('%s: that many fit, one more does not', (_name, settings) => {
    const size = exportSliceSize(schema, settings);
    expect(size).toBeGreaterThanOrEqual(1);
    expect(cost(size, settings)).toBeLessThanOrEqual(settings.maxCost);
    if (size < 1000) expect(cost(size + 1, settings)).toBeGreaterThan(settings.maxCost);
  });

  it('asks for no more than the index\'s largest page', () => {
    expect(exportSliceSize(schema, limits(100_000_000))).toBe(1000);
  });

  it('stops start-up naming MAX_COST when it does not pay for one dataset', () => {
    expect(() => exportSliceSize(schema, limits(50))).toThrow(ConfigError);
    expect(() => exportSliceSize(schema, limits(50))).toThrow(/^MAX_COST \(50\) is below the estimated cost of exporting one dataset to DCAT \(\d+\): raise MAX_COST or lower FIELD_COSTS$/);
  });
});
