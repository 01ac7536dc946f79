import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequestBody } from '../../../runtime/subgraph-protocol/request-signing.js';
import { startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL, postSignedGraphQL } from '../../harness/graphql-http.js';

// Partner subgraphs and the index answer only requests signed by the gateway, so `_entities` and
// `_service` cannot be called around the gateway's policies.
describe('signed subgraph requests', () => {
  let federation: DemoFederation;
  let partnerUrl: string;
  let indexUrl: string;
  const entities = '{ _entities(representations: [{ __typename: "NorthbridgeHospitalDataset", id: "northbridge-hospital:ds-001" }]) { ... on NorthbridgeHospitalDataset { retention { basis } } } }';

  beforeAll(async () => {
    federation = await startDemoFederation();
    partnerUrl = federation.partners.get('northbridge-hospital')!.server.url;
    indexUrl = federation.indexUrl;
  });
  afterAll(async () => { await federation?.close(); });

  it.each([
    ['_entities', () => partnerUrl, entities],
    ['_service', () => partnerUrl, '{ _service { sdl } }'],
    ['the hidden harvest field', () => partnerUrl, '{ _catalogHarvest { datasets { id } } }'],
    ['the index', () => indexUrl, '{ datasets { totalCount } }'],
  ])('refuses an unsigned call to %s with 401', async (_name, url, query) => {
    const { status, body, text } = await postGraphQL(url(), query);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'request is not signed' });
    expect(text).not.toMatch(/retention|sdl|basis/);
  });

  it('refuses a replayed signed request', async () => {
    const payload = JSON.stringify({ query: entities });
    const headers = { 'content-type': 'application/json', ...signRequestBody(testSigningSecret('northbridge-hospital'), payload) };
    const first = await fetch(partnerUrl, { method: 'POST', headers, body: payload });
    expect(first.status).toBe(200);
    const replay = await fetch(partnerUrl, { method: 'POST', headers, body: payload });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ errors: [{ extensions: { reason: 'request was replayed' } }] });
  });

  it('refuses a request signed a minute ago', async () => {
    const payload = JSON.stringify({ query: '{ _service { sdl } }' });
    const headers = { 'content-type': 'application/json', ...signRequestBody(testSigningSecret('northbridge-hospital'), payload, Date.now() - 60_000) };
    const response = await fetch(partnerUrl, { method: 'POST', headers, body: payload });
    expect(response.status).toBe(401);
  });

  it('refuses a request signed with another subgraph\'s key: a partner cannot impersonate the gateway to another', async () => {
    const helixKey = testSigningSecret('helix-therapeutics');
    const signed = await postSignedGraphQL(partnerUrl, helixKey, entities);
    expect(signed.status).toBe(401);
    expect(signed.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'signature does not match' });
  });

  it('refuses GET, which cannot carry a signed body', async () => {
    const response = await fetch(`${partnerUrl}?query=${encodeURIComponent('{ _service { sdl } }')}`);
    expect(response.status).toBe(401);
  });

  it('answers the gateway, which signs every call', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "northbridge-hospital:ds-001") { id title } }');
    expect(body.data?.dataset?.id).toBe('northbridge-hospital:ds-001');
    const signed = await postSignedGraphQL(partnerUrl, testSigningSecret('northbridge-hospital'), '{ _service { sdl } }');
    expect(signed.status).toBe(200);
  });
});
