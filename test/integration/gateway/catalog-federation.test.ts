import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import { readFederationManifest } from '../../../schema/federation-manifest.js';
import { isPastDeletion } from '../../../schema/policy/rules/retention-rule.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL, type GraphQLResponse } from '../../harness/graphql-http.js';

// The federation's one clock, years ahead of the real one: a partner, the index or the gateway that
// read the real clock instead would serve datasets this oracle counts as deleted.
const NOW = new Date('2036-01-01T00:00:00Z');
const manifest = readFederationManifest();
const catalogs = manifest.partners.map((p) => JSON.parse(readFileSync(join(REPO_ROOT, p.catalog), 'utf8')) as CatalogFile);
// A dataset past its deletion date is not served at all.
const allDatasets = catalogs.flatMap((c) => c.datasets.map((d) => ({ ...d, partnerId: c.partner.id })))
  .filter((d) => !isPastDeletion(d.retention?.deletionDue ?? null, NOW));

type Page = { datasets: { totalCount: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('the federated catalog', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation({ now: () => NOW }); });
  afterAll(async () => { await federation?.close(); });

  it('answers the README sample query with at least 120 datasets from three partners', async () => {
    const { status, body } = await postGraphQL(federation.gatewayUrl,
      '{ datasets(first: 5) { totalCount edges { node { id title publisher { name } } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.datasets.totalCount).toBe(allDatasets.length);
    expect(body.data!.datasets.totalCount).toBeGreaterThanOrEqual(120);
    expect(body.data!.datasets.edges).toHaveLength(5);
    for (const { node } of body.data!.datasets.edges) {
      const source = allDatasets.find((d) => d.id === node.id)!;
      expect(node.title).toBe(source.title);
      expect(node.publisher.name).toBe(catalogs.find((c) => c.partner.id === source.partnerId)!.partner.name);
    }
  });

  it('pages through every dataset once, in id order, with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: GraphQLResponse<Page> = await postGraphQL<Page>(federation.gatewayUrl,
        'query($after: String) { datasets(first: 25, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after });
      const { edges, pageInfo }: Page['datasets'] = response.body.data!.datasets;
      seen.push(...edges.map((e) => e.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(allDatasets.map((d) => d.id).sort());
    expect(new Set(seen.map((id) => id.split(':')[0]))).toEqual(new Set(manifest.partners.map((p) => p.id)));
  });

  it.each([
    ['partner', { partners: ['helix-therapeutics'] }, (d: (typeof allDatasets)[number]) => d.partnerId === 'helix-therapeutics'],
    ['licence', { licences: ['ODbL-1.0'] }, (d: (typeof allDatasets)[number]) => d.licence.id === 'ODbL-1.0'],
    ['data class', { dataClasses: ['PROPRIETARY', 'ANONYMIZED'] }, (d: (typeof allDatasets)[number]) => ['PROPRIETARY', 'ANONYMIZED'].includes(d.dataClass)],
    ['keyword, any case', { keywords: [allDatasets[0]!.keywords[0]!.toUpperCase()] }, (d: (typeof allDatasets)[number]) => d.keywords.some((k) => k.toLowerCase() === allDatasets[0]!.keywords[0]!.toLowerCase())],
    ['partner and data class together', { partners: ['northbridge-hospital'], dataClasses: ['PUBLIC'] }, (d: (typeof allDatasets)[number]) => d.partnerId === 'northbridge-hospital' && d.dataClass === 'PUBLIC'],
  ])('filters by %s', async (_name, filter, expected) => {
    const { body } = await postGraphQL<Page>(federation.gatewayUrl,
      'query($filter: DatasetFilter) { datasets(first: 1000, filter: $filter) { totalCount edges { node { id } } } }', { filter });
    const want = allDatasets.filter(expected).map((d) => d.id).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(body.data!.datasets.totalCount).toBe(want.length);
    expect(body.data!.datasets.edges.map((e) => e.node.id)).toEqual(want);
  });

  it('never serves a dataset past its deletion date, not even by id', async () => {
    const deleted = catalogs.flatMap((c) => c.datasets).filter((d) => isPastDeletion(d.retention?.deletionDue ?? null, NOW));
    expect(deleted.length).toBeGreaterThan(0);
    for (const dataset of deleted) {
      const { body } = await postGraphQL(federation.gatewayUrl, 'query($id: ID!) { dataset(id: $id) { id title } }', { id: dataset.id });
      expect(body).toEqual({ data: { dataset: null } });
    }
  });

  it('finds one dataset by id, and answers null for an unknown id', async () => {
    const target = allDatasets[7]!;
    const { body } = await postGraphQL(federation.gatewayUrl,
      'query($a: ID!, $b: ID!) { a: dataset(id: $a) { id title dataClass licence { id } } b: dataset(id: $b) { id } }',
      { a: target.id, b: 'nobody:ds-1' });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ a: { id: target.id, title: target.title, dataClass: target.dataClass, licence: { id: target.licence.id } }, b: null });
  });

  it.each([
    ['a cursor not from this API', '{ datasets(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
    ['a page larger than 1000', '{ datasets(first: 5000) { totalCount } }', 'first'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_name, query, argumentName) => {
    const { body } = await postGraphQL(federation.gatewayUrl, query);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName, serviceName: 'catalog-index' });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:|localhost/);
  });

  it('reports each partner in catalogStatus', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, '{ catalogStatus { partnerId datasetCount stale lastHarvestAt lastError } }');
    const status = body.data!.catalogStatus as { partnerId: string; datasetCount: number; stale: boolean; lastError: string | null }[];
    const served = (partnerId: string) => allDatasets.filter((d) => d.partnerId === partnerId).length;
    expect(status.map((s) => [s.partnerId, s.datasetCount, s.stale, s.lastError])).toEqual(
      catalogs.map((c) => [c.partner.id, served(c.partner.id), false, null]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('is ready when every subgraph answers', async () => {
    const response = await fetch(federation.gatewayUrl.replace('/graphql', '/ready'));
    expect(response.status).toBe(200);
    const body = await response.json() as { subgraphs: Record<string, string> };
    const expected = [...manifest.partners.map((p) => p.id), manifest.catalogIndex.name, ...(manifest.governance ? [manifest.governance.name] : [])].sort();
    expect(Object.keys(body.subgraphs).sort()).toEqual(expected);
    expect(new Set(Object.values(body.subgraphs))).toEqual(new Set(['up']));
    expect(JSON.stringify(body)).not.toMatch(/http:/);
    expect((await fetch(federation.gatewayUrl.replace('/graphql', '/health'))).status).toBe(200);
  });
});
