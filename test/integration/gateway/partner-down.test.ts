import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';

describe('a partner that is down', () => {
  let federation: DemoFederation;
  let downUrl: string;
  beforeAll(async () => {
    federation = await startDemoFederation();
    const helix = federation.partners.get('helix-therapeutics')!;
    downUrl = helix.server.url;
    await helix.server.close();
  });
  afterAll(async () => { await federation?.close(); });

  it('gives partial data and an error that names the partner, not its URL', async () => {
    const { status, body, text } = await postGraphQL(federation.gatewayUrl,
      '{ datasets(first: 1000, filter: { partners: ["helix-therapeutics", "northbridge-hospital"] }) { edges { node { id title } } } }');
    expect(status).toBe(200);
    const nodes = body.data!.datasets.edges.map((e: { node: { id: string } | null }) => e.node);
    const northbridge = nodes.filter((n: { id: string } | null) => n?.id.startsWith('northbridge-hospital:'));
    expect(northbridge).toHaveLength(federation.partners.get('northbridge-hospital')!.subgraph.catalog.size);
    expect(nodes.filter((n: unknown) => n === null)).toHaveLength(federation.partners.get('helix-therapeutics')!.subgraph.catalog.size);
    expect(body.errors).toEqual([{
      message: 'Subgraph "helix-therapeutics" could not be reached',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'helix-therapeutics' },
    }]);
    const port = new URL(downUrl).port;
    expect(text).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|:${port}|ECONNREFUSED|fetch failed`));
  });

  it('is not ready, and says which subgraph is down', async () => {
    const response = await fetch(federation.gatewayUrl.replace('/graphql', '/ready'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ subgraphs: { 'helix-therapeutics': 'down', 'northbridge-hospital': 'up' } });
  });

  it('keeps the last good snapshot in the index and marks it stale', async () => {
    await federation.index.harvester.harvestAll();
    const status = federation.index.harvester.status().find((s) => s.partnerId === 'helix-therapeutics')!;
    expect(status).toMatchObject({ stale: true, lastError: 'partner unreachable', datasetCount: federation.partners.get('helix-therapeutics')!.subgraph.catalog.size });
    expect(status.lastHarvestAt).not.toBeNull();
  });
});
