import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { datasetTypeNameFor, partnerTypeDefs } from '../../../../schema/partner-contract.js';
import { createCatalogIndex, type CatalogIndexService } from '../../../../subgraphs/catalog-index/create-catalog-index.js';
import { createLogger } from '../../../../runtime/logger.js';
import { TEST_SIGNING_SECRET } from '../../../harness/demo-federation.js';

// A partner on another stack built before the contract had translations and identifiers: its
// answers lack both non-null lists, so the index's harvest with them fails. Its datasets are
// still harvested, searched by their own texts, and the index says why the rest is missing.

const PARTNER = 'fjord-biobank';
const licence = { id: 'CC-BY-4.0', name: 'CC BY 4.0', commercialUse: true, attributionRequired: true, fieldsOfUse: [] };
const DATASETS = [1, 2].map((n) => ({
  id: `${PARTNER}:ds-${n}`, title: `Fjord cohort ${n}`, description: 'Blood samples from a coastal cohort.', keywords: ['cohort'], themes: ['Health'],
  issued: '2020-01-01', modified: '2024-01-01T00:00:00Z', dataClass: 'PUBLIC', licence, embargoUntil: null,
  useConditions: [{ code: 'NRES', diseaseId: null, regions: null, allowed: null, months: null, until: null }],
}));

function olderStackSchema() {
  return buildSubgraphSchema({
    typeDefs: partnerTypeDefs(PARTNER),
    resolvers: {
      Query: {
        _catalogHarvest: () => ({
          partner: { id: PARTNER }, generatedAt: '2026-11-24T12:00:00Z', totalCount: DATASETS.length, datasets: DATASETS, datasetIds: DATASETS.map((d) => d.id),
        }),
      },
      Dataset: { __resolveType: () => datasetTypeNameFor(PARTNER) },
    },
  });
}

describe('harvesting a partner that serves no translations or identifiers', () => {
  let apollo: ApolloServer;
  let index: CatalogIndexService;
  const logged: { msg: string; partner?: string }[] = [];

  beforeAll(async () => {
    apollo = new ApolloServer({ schema: olderStackSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
    const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
    const logger = createLogger('index', 'warn', { write: (line: string) => { logged.push(JSON.parse(line)); } });
    index = createCatalogIndex({
      partners: [{ id: PARTNER, datasetTypeName: datasetTypeNameFor(PARTNER), url }], logger, signingSecret: TEST_SIGNING_SECRET,
    });
    await index.harvester.harvestAll();
  });
  afterAll(async () => {
    await index?.harvester.close();
    await apollo?.stop();
  });

  it('indexes its datasets with their own texts and says that the rest is missing', () => {
    const hits = index.index.search({ query: 'cohort', sort: 'RELEVANCE', first: 10 }).hits.map((h) => h.dataset);
    expect(hits.map((d) => d.id).sort()).toEqual([`${PARTNER}:ds-1`, `${PARTNER}:ds-2`]);
    expect(hits.every((d) => d.translations === undefined && d.identifiers === undefined)).toBe(true);
    expect(logged).toContainEqual(expect.objectContaining({ partner: PARTNER, msg: expect.stringMatching(/serves no translations or identifiers/) }));
  });
});
