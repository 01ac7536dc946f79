import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { tokenFor } from '../../harness/tokens.js';

// Issue 12, "Limits": every hostile input an adversarial review tried is refused before planning,
// with a clear message, a stable code and a 4xx, and no subgraph is asked. The gateway runs with its
// default limits (gateway/limits/request-limits.ts).

type Refusal = { status: number; code: string; message: RegExp };
type HostileRequest = { body: string; headers?: Record<string, string> };

const YEAR = 365 * 86_400;
const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const shortGrants = (n: number) => Array.from({ length: n }, (_, i) => ({ dataset: `x:${i}`, expires: Math.floor(Date.now() / 1000) + 3600 }));

const CASES: [string, () => Promise<HostileRequest>, Refusal][] = [
  ['fields nested 21 deep',
    async () => ({ body: json(ofTypes(19)) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation is nested more than 20 fields deep, the most allowed\.$/ }],
  ['inline fragments nested 2,000 deep (a stack overflow in planning before)',
    async () => ({ body: json(`{ ${'... on Query { '.repeat(2000)}__typename${' }'.repeat(2000)} }`) }),
    { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /^The document nests selections, arguments or values more than 64 levels deep, the most allowed\.$/ }],
  ['a list value nested 100,000 deep (a stack overflow in the parser)',
    async () => ({ body: json(`{ datasets(filter: { years: ${'['.repeat(100_000)}2020${']'.repeat(100_000)} }) { totalCount } }`) }),
    { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /more than 64 levels deep/ }],
  ['a chain of 70 named fragments',
    async () => ({ body: json(`{ ...F0 } ${Array.from({ length: 70 }, (_, i) => `fragment F${i} on Query { ${i < 69 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation nests selections more than 64 levels deep through fields and fragments, the most allowed\.$/ }],
  ['101 aliases',
    async () => ({ body: json(`{ ${aliases(101, '__typename')} }`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The document uses 101 aliases; at most 100 are allowed\.$/ }],
  ['a field carrying dozens of repeated directives',
    async () => ({ body: json(`{ datasets ${'@include(if: true) '.repeat(40)}{ totalCount } }`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^Field "datasets" carries 40 directives; at most 4 are allowed on one\.$/ }],
  ['51 directives spread over fields',
    async () => ({ body: json(`{ ${aliases(51, '__typename @skip(if: false)')} }`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The document carries 51 directives; at most 50 are allowed\.$/ }],
  ['5,001 tokens',
    async () => ({ body: json(`{ datasets { ${'totalCount '.repeat(4_997)}} }`) }),
    { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /^The document has more than 5000 tokens, the most allowed\.$/ }],
  ['1,200 repeated datasets { totalCount } (over a second of graphql-js validation before)',
    async () => ({ body: json(`{ ${'datasets { totalCount } '.repeat(1_200)}}`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^Field "datasets" is selected 1200 times at one place of the response; at most 20 are allowed\./ }],
  ['a fragment spread under 100 aliases, 2,900 fields in all',
    async () => ({ body: json(`{ ${aliases(100, 'datasets { edges { node { ...D } } }')} } fragment D on Dataset { ${'id title '.repeat(13)}}`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation selects more than 2000 fields, counting a fragment's fields wherever it is spread; at most 2000 are allowed\.$/ }],
  ['thirty aliases of datasets(first: 1000)',
    async () => ({ body: json(`{ ${aliases(30, 'datasets(first: 1000) { edges { node { id title description } } }')} }`) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation has an estimated cost of 150030; at most 100000 is allowed\./ }],
  ['the same, with first in a variable',
    async () => ({ body: json(`query Q($n: Int) { ${aliases(30, 'datasets(first: $n) { edges { node { id title description } } }')} }`, { n: 1000 }) }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^Operation "Q" has an estimated cost of 150030; at most 100000 is allowed\./ }],
  ['forty aliased searches sharing a 115 KB query in a variable',
    async () => ({ body: json(`query($q: String!) { ${aliases(40, 'search(query: $q) { totalCount }')} }`, { q: 'climate '.repeat(14_375) }) }),
    { status: 413, code: 'REQUEST_TOO_LARGE', message: /^The variables take 115\d{3} bytes; at most 65536 are allowed\.$/ }],
  ['a body over 1 MB',
    async () => ({ body: json(`{ datasets { totalCount } } #${'x'.repeat(1_100_000)}`) }),
    { status: 413, code: 'REQUEST_TOO_LARGE', message: /^Request body is too large$/ }],
  ['a batch of operations',
    async () => ({ body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }),
    { status: 400, code: 'BAD_REQUEST', message: /^Operation batching disabled\.$/ }],
  ['malformed JSON',
    async () => ({ body: '{"query": "{ __typename }"' }),
    { status: 400, code: 'BAD_REQUEST', message: /^Request body is not valid JSON$/ }],
  ['a token with a 1,500-character subject (HTTP 431 at the index before)',
    async () => ({ body: json('{ search(query: "x", usableBy: ME) { totalCount } }'), headers: { authorization: `Bearer ${await tokenFor({ sub: 's'.repeat(1500) })}` } }),
    { status: 401, code: 'UNAUTHENTICATED', message: /^Authentication failed: claim "sub": expected at most 255 characters$/ }],
  ['a token with 80 grants',
    async () => ({ body: json('{ search(query: "x", usableBy: ME) { totalCount } }'), headers: { authorization: `Bearer ${await tokenFor({ sub: 'ada', grants: shortGrants(80) })}` } }),
    { status: 401, code: 'UNAUTHENTICATED', message: /^Authentication failed: claim "grants": expected at most 20 grants$/ }],
  ['a token expiring in three centuries',
    async () => ({ body: json('{ __typename }'), headers: { authorization: `Bearer ${await tokenFor({ sub: 'ada' }, 300 * YEAR)}` } }),
    { status: 401, code: 'UNAUTHENTICATED', message: /^Authentication failed: token lifetime is over 86400 seconds/ }],
];

describe('hostile input is refused before planning, with a clear error and a 4xx', () => {
  let federation: DemoFederation;
  const subgraphRequests = () => federation.indexRecorder.requests.length
    + [...federation.partners.values()].reduce((sum, p) => sum + p.recorder.requests.length, 0)
    + (federation.governance?.recorder.requests.length ?? 0);
  const clearRecorders = () => {
    federation.indexRecorder.clear();
    for (const partner of federation.partners.values()) partner.recorder.clear();
    federation.governance?.recorder.clear();
  };
  beforeAll(async () => { federation = await startDemoFederation(); });
  afterAll(async () => { await federation?.close(); });

  it.each(CASES)('%s', async (_name, request, refusal) => {
    clearRecorders();
    const { body, headers } = await request();
    const response = await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    const answer = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(response.status, text.slice(0, 300)).toBe(refusal.status);
    expect(answer.errors?.[0]?.extensions?.code).toBe(refusal.code);
    expect(answer.errors?.[0]?.message).toMatch(refusal.message);
    expect(text).not.toMatch(/stacktrace|Maximum call stack|Did you mean/i);
    expect(subgraphRequests()).toBe(0);
  });

  it('checks a GET request\'s query the same way (its variables cannot pass the limit in a URL Node.js accepts)', async () => {
    const get = async (params: Record<string, string>) => {
      const response = await fetch(`${federation.gatewayUrl}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });
      return { status: response.status, body: await response.json() as { errors?: { message: string; extensions?: { code?: string } }[] } };
    };
    const deep = await get({ query: `{ ${'... on Query { '.repeat(100)}__typename${' }'.repeat(100)} }` });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/more than 64 levels deep/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const tokens = await get({ query: `{ ${'a '.repeat(5_001)}}` });
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0]?.message).toBe('The document has more than 5000 tokens, the most allowed.');
    expect((await get({ query: '{ __typename }' })).status).toBe(200);
    // A thousand dummy parameters first: Node's querystring stops reading at 1,000 keys, Apollo
    // Server does not, so the checks must read the query string as Apollo Server does.
    const padded = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`p${i}`, '']));
    const hidden = await get({ ...padded, query: `{ ${'policy { version } '.repeat(21)}}` });
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors?.[0]?.message).toMatch(/selected 21 times at one place/);
  });

  it('still serves the full introspection query and ordinary requests within every limit', async () => {
    const introspection = await postGraphQL(federation.gatewayUrl, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(introspection.status).toBe(200);
    expect(introspection.body.errors).toBeUndefined();
    const twentyDeep = await postGraphQL(federation.gatewayUrl, ofTypes(18));
    expect(twentyDeep.body.errors).toBeUndefined();
    const page = await postGraphQL(federation.gatewayUrl, `query($n: Int) { ${aliases(5, 'datasets(first: $n) { edges { node { id title } } }')} }`, { n: 1000 });
    expect(page.status).toBe(200);
    expect(page.body.errors).toBeUndefined();
    const token = await tokenFor({ sub: 's'.repeat(255), grants: shortGrants(20) }, 86_400);
    const search = await postGraphQL(federation.gatewayUrl, '{ search(query: "climate", usableBy: ME) { totalCount } }', undefined, { authorization: `Bearer ${token}` });
    expect(search.body.errors).toBeUndefined();
    expect(search.body.data?.search?.totalCount).toBeGreaterThan(0);
  });
});

/** `__type`, `n` nested `ofType` and `name`: n + 2 fields deep, with no list to cost anything. */
function ofTypes(n: number): string {
  return `{ __type(name: "Query") { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } }`;
}
