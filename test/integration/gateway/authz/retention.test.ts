import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeCatalog } from '../../../../schema/compose.js';
import { datasetTypeNameFor, partnerTypeDefs } from '../../../../schema/partner-contract.js';
import type { TokenClaims } from '../../../../schema/identity-claims.js';
import { createGateway } from '../../../../gateway/create-gateway.js';
import { createCatalogIndex, startCatalogIndexServer, type CatalogIndexService } from '../../../../subgraphs/catalog-index/create-catalog-index.js';
import { partnersInSupergraph } from '../../../../subgraphs/catalog-index/partner-directory.js';
import type { RunningHttpServer } from '../../../../runtime/http-server.js';
import { silentLogger } from '../../../../runtime/logger.js';
import { gatewayConfig, TEST_SIGNING_SECRET } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer, TEST_AUTHN } from '../../../harness/tokens.js';

// Retention at the gateway (schema/policies.ts "retention"): a partner on another stack, written by
// hand here rather than with the partner kit, keeps serving a dataset past its deletion date. The
// gateway reads the date from the stewards-only retention schedule as a governance fact, under a
// reserved alias it never returns, and withholds every guarded field of that dataset from everyone,
// its owner and stewards included; public fields stay, and the date itself is never disclosed.

const NOW = new Date('2026-11-24T12:00:00Z');
const PARTNER = 'fjord-biobank';
const PAST = `${PARTNER}:ds-1`;
const CURRENT = `${PARTNER}:ds-2`;

const partner = { id: PARTNER, name: 'Fjord Biobank', kind: 'NONPROFIT', country: 'NO', homepage: null };
const licence = {
  id: 'LicenseRef-Fjord-1.0', name: 'Fjord Biobank terms', url: null, commercialUse: false, attributionRequired: true,
  fieldsOfUse: [], maxDurationMonths: null, royalty: { ratePercent: 2, basis: 'net sales', minimumAnnualFee: null, currency: 'NOK' },
};
const dataset = (id: string, deletionDue: string) => ({
  id, title: `Fjord cohort ${id.slice(-1)}`, description: 'Blood samples from a coastal cohort.', keywords: ['cohort'], themes: ['Health'],
  publisher: partner, issued: '2020-01-01', modified: '2024-01-01T00:00:00Z', conformsTo: [], dataClass: 'PUBLIC', licence,
  useConditions: [{ code: 'NRES', termId: 'DUO:0000004', label: 'no restriction', diseaseId: null, regions: null, allowed: null, months: null, until: null }],
  distributions: [{ id: `${id}/csv`, mediaType: 'text/csv', licence, accessUrl: `https://fjord.example.org/${id}`, downloadUrl: null }],
  embargoUntil: null, sampleRecords: ['{"age":41}'], retention: { retainUntil: '2024-12-31', deletionDue, basis: 'consent form v2' },
});
const DATASETS = [dataset(PAST, '2025-06-30'), dataset(CURRENT, '2099-01-01')];

/** The contract served by hand: harvest and entity resolution, no partner kit, no deletion filter. */
function otherStackSchema() {
  const byId = new Map(DATASETS.map((d) => [d.id, d]));
  return buildSubgraphSchema({
    typeDefs: partnerTypeDefs(PARTNER),
    resolvers: {
      Query: {
        _catalogHarvest: () => ({
          partner, generatedAt: NOW.toISOString(), totalCount: DATASETS.length, datasets: DATASETS, datasetIds: DATASETS.map((d) => d.id),
        }),
      },
      Dataset: { __resolveType: () => datasetTypeNameFor(PARTNER) },
      [datasetTypeNameFor(PARTNER)]: { __resolveReference: (ref: { id: string }) => byId.get(ref.id) ?? null },
    },
  });
}

const PERSONAS: Record<string, TokenClaims | null> = {
  anonymous: null,
  licensee: { sub: 'ada', org: 'uni-leiden', scope: 'consortium:member institution:uni-leiden', accepted_terms: [licence.id] },
  'owner and steward': { sub: 'sigrid', org: PARTNER, scope: `consortium:member partner:${PARTNER} steward:${PARTNER}` },
};

const QUERY = `query($id: ID!) {
  dataset(id: $id) { id title sampleRecords retention { basis deletionDue } licence { id royalty { ratePercent } } distributions { mediaType accessUrl } }
}`;

describe('a partner on another stack serving a dataset past its deletion date', () => {
  let partnerServer: { url: string; stop(): Promise<void> };
  let index: CatalogIndexService;
  let indexServer: RunningHttpServer;
  let gateway: RunningHttpServer;
  let folder: string | undefined;

  beforeAll(async () => {
    const apollo = new ApolloServer({ schema: otherStackSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
    const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
    partnerServer = { url, stop: () => apollo.stop() };
    const { supergraphSdl } = composeCatalog({
      catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:9/graphql' },
      partners: [{ id: PARTNER, url, catalog: 'served by its own stack' }],
    });
    folder = mkdtempSync(join(tmpdir(), 'concord-retention-'));
    const supergraphPath = join(folder, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphSdl);
    index = createCatalogIndex({
      partners: partnersInSupergraph(supergraphSdl), logger: silentLogger, signingSecret: TEST_SIGNING_SECRET, now: () => NOW,
    });
    await index.harvester.harvestAll();
    indexServer = await startCatalogIndexServer({ service: index, port: 0, logger: silentLogger, signingSecret: TEST_SIGNING_SECRET });
    const subgraphUrls = new Map([[PARTNER, url], ['catalog-index', indexServer.url]]);
    gateway = await createGateway(gatewayConfig({ supergraphPath, subgraphUrls, authn: TEST_AUTHN }), { logger: silentLogger, now: () => NOW }).listen();
  });
  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    await gateway?.close();
    await indexServer?.close();
    await index?.harvester.close();
    await partnerServer?.stop();
  });

  it.each(Object.entries(PERSONAS))('withholds every guarded field from %s with RETENTION_EXPIRED, and serves the public ones', async (_name, claims) => {
    const { body } = await postGraphQL(gateway.url, QUERY, { id: PAST }, await bearer(claims));
    expect(body.data?.dataset).toEqual({
      id: PAST, title: 'Fjord cohort 1', sampleRecords: null, retention: null,
      licence: { id: licence.id, royalty: null }, distributions: [{ mediaType: 'text/csv', accessUrl: null }],
    });
    const denials = Object.fromEntries(body.errors!.map((e) => [e.path!.join('.'), [e.extensions?.policy, e.extensions?.reason]]));
    expect(denials).toEqual({
      'dataset.sampleRecords': ['dataset:sample-records', 'RETENTION_EXPIRED'],
      'dataset.retention': ['dataset:retention-schedule', 'RETENTION_EXPIRED'],
      'dataset.licence.royalty': ['licence:royalty-terms', 'RETENTION_EXPIRED'],
      'dataset.distributions.0.accessUrl': ['dataset:access', 'RETENTION_EXPIRED'],
    });
  });

  it('serves the same fields of a dataset not yet due for deletion to its owner', async () => {
    const { body } = await postGraphQL(gateway.url, QUERY, { id: CURRENT }, await bearer(PERSONAS['owner and steward']!));
    expect(body.errors).toBeUndefined();
    expect(body.data?.dataset).toMatchObject({
      sampleRecords: ['{"age":41}'], retention: { basis: 'consent form v2', deletionDue: '2099-01-01' }, licence: { royalty: { ratePercent: 2 } },
      distributions: [{ accessUrl: `https://fjord.example.org/${CURRENT}` }],
    });
  });

  it('never discloses the deletion date outside the retention schedule, in any response', async () => {
    for (const claims of Object.values(PERSONAS)) {
      const { body } = await postGraphQL(gateway.url, QUERY, { id: PAST }, await bearer(claims));
      expect(JSON.stringify(body)).not.toContain('2025-06-30');
    }
    const { body } = await postGraphQL(gateway.url, '{ dataset(id: "x") { deletionDue } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  // The index holds public metadata only, so it cannot know the date: a partner that lists a dataset
  // past deletion in its harvest, against the contract, gets it listed (even as usable), and the
  // gateway still withholds every guarded field of it, as the first test shows.
  it('lists the dataset a partner wrongly still harvests, and keeps its guarded fields withheld', async () => {
    const query = '{ all: datasets { edges { node { id } } } usable: datasets(usableBy: ME) { edges { node { id } } } }';
    for (const claims of [PERSONAS.licensee!, PERSONAS['owner and steward']!]) {
      const { body } = await postGraphQL(gateway.url, query, undefined, await bearer(claims));
      const ids = (key: string) => body.data![key].edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids('all')).toEqual([PAST, CURRENT]);
      expect(ids('usable'), claims.sub).toContain(CURRENT);
    }
  });
});
