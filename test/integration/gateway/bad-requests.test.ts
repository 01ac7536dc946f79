import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';

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
    ['an alias reserved for the gateway', JSON.stringify({ query: '{ datasets { edges { node { __concord_fact_dataClass: title } } } }' }), 400, 'GRAPHQL_VALIDATION_FAILED', /names beginning with "__" are reserved/],
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

  it.each([
    ['an enum value in a variable', 'query($s: SearchSort) { search(query: "x", sort: $s) { totalCount } }', { s: 'RELEVANC' }, /Value "RELEVANC" does not exist in "SearchSort" enum\.$/],
    ['an input field in a variable', 'query($f: DatasetFilter) { search(query: "x", filter: $f) { totalCount } }', { f: { partner: ['x'] } }, /Field "partner" is not defined by type "DatasetFilter"\.$/],
    ['an enum value in the text', '{ search(query: "x", sort: RELEVANC) { totalCount } }', undefined, /Value "RELEVANC" does not exist in "SearchSort" enum\.$/],
  ])('never suggests names for %s either', async (_name, query, variables, message) => {
    const { status, body, text } = await postGraphQL(federation.gatewayUrl, query, variables);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(text).not.toMatch(/Did you mean|RELEVANCE|"partners"/);
  });
});

// Apollo Server adds stack traces to every error unless NODE_ENV is "production" or "test", and the
// test runner sets "test": so this gateway is built under "development", where stacks WOULD appear
// if the gateway did not hide them itself (ARCHITECTURE.md "Errors").
describe('stack traces, under NODE_ENV=development', () => {
  let federation: DemoFederation;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = 'development';
    federation = await startDemoFederation();
  });
  afterAll(async () => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await federation?.close();
  });

  it.each<[string, { query: string; variables?: Record<string, unknown> }, Record<string, string>]>([
    ['a cursor the index refuses', { query: '{ datasets(after: "%%%") { totalCount } }' }, {}],
    ['malformed GraphQL', { query: '{ datasets(first: 5 { id }' }, {}],
    ['an unknown field', { query: '{ datasets { totlCount } }' }, {}],
    ['a wrongly typed variable', { query: 'query($n: Int) { datasets(first: $n) { totalCount } }', variables: { n: 'many' } }, {}],
    ['a token that fails verification', { query: '{ datasets { totalCount } }' }, { authorization: 'Bearer a.b.c' }],
  ])('none for %s', async (_name, request, headers) => {
    const { text, body } = await postGraphQL(federation.gatewayUrl, request.query, request.variables, headers);
    expect(body.errors?.length, text).toBeGreaterThan(0);
    expect(text).not.toMatch(/stacktrace|\bat .*:\d+:\d+/i);
  });
});

describe('cost limits', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation({}, { maxQueryDepth: 4, maxAliases: 2 }); });
  afterAll(async () => { await federation?.close(); });

  it.each([
    ['too deep', '{ datasets { edges { node { publisher { name } } } } }', /nested more than 4 fields deep/],
    ['too many aliases', '{ a: datasets { totalCount } b: datasets { totalCount } c: datasets { totalCount } }', /uses 3 aliases; at most 2 are allowed/],
  ])('refuses a query %s before planning, and no subgraph is asked', async (_name, query, message) => {
    federation.indexRecorder.clear();
    const { status, body } = await postGraphQL(federation.gatewayUrl, query);
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(federation.indexRecorder.requests).toEqual([]);
  });
});
