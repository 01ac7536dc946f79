import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL, postSignedGraphQL } from '../../harness/graphql-http.js';

describe('entity batching', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation(); });
  afterAll(async () => { await federation?.close(); });

  it('asks each partner once for all of its datasets on a page', async () => {
    for (const partner of federation.partners.values()) partner.recorder.clear();
    const { body } = await postGraphQL(federation.gatewayUrl,
      '{ datasets(first: 1000) { totalCount edges { node { id title licence { id } distributions { mediaType } } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data!.datasets.edges.length).toBe(body.data!.datasets.totalCount);
    for (const partner of federation.partners.values()) {
      const requests = partner.recorder.entityRequests();
      expect(requests, partner.id).toHaveLength(1);
      const representations = requests[0]!.variables.representations as { id: string }[];
      expect(representations).toHaveLength(partner.subgraph.catalog.size);
      expect(representations.every((r) => r.id.startsWith(`${partner.id}:`))).toBe(true);
    }
  });

  it('reads the catalog once for one _entities call of 500 datasets', async () => {
    const partner = federation.partners.get('northbridge-hospital')!;
    const ids = [...Array(500).keys()].map((i) => `northbridge-hospital:ds-${String((i % 48) + 1).padStart(3, '0')}`);
    const typename = partner.subgraph.datasetTypeName;
    const served = new Set(partner.subgraph.catalog.list().map((d) => d.id));
    const readsBefore = partner.subgraph.catalog.reads;
    const { body } = await postSignedGraphQL(partner.server.url, testSigningSecret(partner.id),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id title } } }`,
      { r: ids.map((id) => ({ __typename: typename, id })) });
    expect(body.errors).toBeUndefined();
    const entities = body.data!._entities as ({ id: string } | null)[];
    expect(entities).toHaveLength(500);
    // A dataset past its deletion date resolves to null: it is not served at all.
    expect(entities.map((e) => e?.id)).toEqual(ids.map((id) => (served.has(id) ? id : undefined)));
    expect(served.size).toBeLessThan(48);
    expect(partner.subgraph.catalog.reads - readsBefore).toBe(1);
  });
});
