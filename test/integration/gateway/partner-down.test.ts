import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { tokenFor } from '../../harness/tokens.js';
import { PRINCIPAL_HEADER } from '../../../runtime/subgraph-protocol/forwarded-principal.js';
import { MAX_FORWARDED_PRINCIPAL_BYTES } from '../../../gateway/authn/claim-limits.js';
import type { Grant } from '../../../schema/policy/principal.js';

// A person holding 300 stored grants (issue 12): their principal header once made the index answer
// 431, seen as SUBGRAPH_UNAVAILABLE. The store serves them to every authenticated caller here; the
// other tests are anonymous.
const STORED_GRANTS: Grant[] = Array.from({ length: 300 }, (_, i) => ({
  datasetId: `northbridge-hospital:nbh-${String(i).padStart(4, '0')}`, grantee: { kind: 'person', subject: 'ada' },
  expiresAt: Date.now() + (i + 1) * 86_400_000, source: 'store', id: `grant-${i}`, acceptedTerms: ['CC-BY-4.0', 'concord-dua-1.0'],
}));

describe('a partner that is down', () => {
  let federation: DemoFederation;
  let downUrl: string;
  beforeAll(async () => {
    federation = await startDemoFederation({ grants: { grantsFor: async (p) => ({ grants: p.authenticated ? STORED_GRANTS : [], suspended: false }) } });
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

  it('the index answers usableBy: ME for a person with 300 stored grants, their header cut to the size every token fits', async () => {
    federation.indexRecorder.clear();
    const token = await tokenFor({ sub: 'ada' });
    const { status, body } = await postGraphQL(federation.gatewayUrl, '{ search(query: "climate", usableBy: ME) { totalCount } }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.search?.totalCount).toBeTypeOf('number');
    const header = federation.indexRecorder.requests.at(-1)!.headers[PRINCIPAL_HEADER]!;
    expect(header.length).toBeLessThanOrEqual(MAX_FORWARDED_PRINCIPAL_BYTES);
  });

  it('keeps the last good snapshot in the index and marks it stale', async () => {
    await federation.index.harvester.harvestAll();
    const status = federation.index.harvester.status().find((s) => s.partnerId === 'helix-therapeutics')!;
    expect(status).toMatchObject({ stale: true, lastError: 'partner unreachable', datasetCount: federation.partners.get('helix-therapeutics')!.subgraph.catalog.size });
    expect(status.lastHarvestAt).not.toBeNull();
  });
});
