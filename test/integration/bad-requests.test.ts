import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { postGraphQL } from '../harness/graphql-http.js';

async function postRaw(url: string, body: string, contentType = 'application/json') {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: await response.json() as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('bad requests get a clear error with a stable code', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation(); });
  afterAll(async () => { await federation?.close(); });

  it.each([
    ['malformed JSON', '{"query": ', 400, 'BAD_REQUEST', /not valid JSON/],
    ['malformed GraphQL', JSON.stringify({ query: '{ datasets(first: 5 { id }' }), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    ['an unknown field', JSON.stringify({ query: '{ datasets { totlCount } }' }), 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "totlCount"/],
    ['a wrongly typed variable', JSON.stringify({ query: 'query($n: Int) { datasets(first: $n) { totalCount } }', variables: { n: 'many' } }), 400, 'BAD_USER_INPUT', /\$n/],
    ['a body over the limit', JSON.stringify({ query: `{ datasets { totalCount } } #${'x'.repeat(1_100_000)}` }), 413, 'REQUEST_TOO_LARGE', /too large/],
  ])('%s', async (_name, body, status, code, message) => {
    const response = await postRaw(federation.gatewayUrl, body);
    expect(response.status).toBe(status);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.body.errors?.[0]?.message).toMatch(message);
  });

  it('never suggests field names ("Did you mean"), which could name a field the caller may not see', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "x") { ... on NorthbridgeHospitalDataset { contactPoin { name } } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|contactPoint/);
  });

  it('never sends a stack trace', async () => {
    const { text } = await postGraphQL(federation.gatewayUrl, '{ datasets(after: "%%%") { totalCount } }');
    expect(text).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
