import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InMemoryPersistedQueryRegistry, type PersistedQueryRegistry } from '../../../../gateway/persisted-queries/persisted-query-registry.js';
import { withPersistedQueryChecks } from '../../../../gateway/persisted-queries/persisted-query-check.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const REGISTERED = 'query Titles { datasets { title } }';
const DEEP = `query Deep { ${'a { '.repeat(6)}b${' }'.repeat(6)} }`;
const OTHER = 'query Other { __typename }';
const registry = new InMemoryPersistedQueryRegistry([REGISTERED, DEEP].map((body) => ({ id: hashOf(body), name: body.split(' ')[1]!, type: 'query' as const, body })));
const failing: PersistedQueryRegistry = { kind: 'redis', location: 'test', get: async () => { throw new Error('down'); }, register: async () => {}, close: async () => {} };
const byHash = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: hashOf(text) } });
const sourceLimits = { maxTokens: 100, maxNesting: 5 };

/** What the checks do with this raw request: 'passed', or the refusal's code and status. */
async function outcome(req: { method: string; body?: unknown; query?: unknown }, safelist: PersistedQueryRegistry | undefined): Promise<string> {
  const check = withPersistedQueryChecks(async () => ({}), { safelist, sourceLimits });
  try {
    await check({ req, res: {} } as never);
    return 'passed';
  } catch (error) {
    const { code, http } = (error as GraphQLError).extensions as { code: string; http: { status: number } };
    return `${code} ${http.status}`;
  }
}

const NOT_IN_SAFELIST = 'PERSISTED_QUERY_NOT_IN_SAFELIST 400';
const BAD_REQUEST = 'BAD_REQUEST 400';

describe('withPersistedQueryChecks', () => {
  // [case, raw request, outcome in APQ mode, outcome in safelist mode]
  it.each([
    ['a registered text', { method: 'POST', body: { query: REGISTERED } }, 'passed', 'passed'],
    ['a registered hash', { method: 'POST', body: { extensions: byHash(REGISTERED) } }, 'passed', 'passed'],
    ['a registered hash by GET', { method: 'GET', query: { extensions: JSON.stringify(byHash(REGISTERED)) } }, 'passed', 'passed'],
    ['a registered text with its hash', { method: 'POST', body: { query: REGISTERED, extensions: byHash(REGISTERED) } }, 'passed', 'passed'],
    ['neither text nor hash (Apollo Server refuses it)', { method: 'POST', body: {} }, 'passed', 'passed'],
    ['extensions that are not JSON (Apollo Server refuses them)', { method: 'GET', query: { query: REGISTERED, extensions: '{' } }, 'passed', 'passed'],
    ['a text not registered', { method: 'POST', body: { query: OTHER } }, 'passed', NOT_IN_SAFELIST],
    ['a text not registered, with its hash', { method: 'POST', body: { query: OTHER, extensions: byHash(OTHER) } }, 'passed', NOT_IN_SAFELIST],
    ['a hash not registered', { method: 'POST', body: { extensions: byHash(OTHER) } }, 'passed', NOT_IN_SAFELIST],
    ['a hash not registered, by GET', { method: 'GET', query: { extensions: JSON.stringify(byHash(OTHER)) } }, 'passed', NOT_IN_SAFELIST],
    ['a text not registered, by GET', { method: 'GET', query: { query: OTHER } }, 'passed', NOT_IN_SAFELIST],
    ['one request of a batch not registered', { method: 'POST', body: [{ query: REGISTERED }, { query: OTHER }] }, 'passed', NOT_IN_SAFELIST],
    ['a registered hash whose text is over the nesting limit now', { method: 'POST', body: { extensions: byHash(DEEP) } }, 'passed', 'GRAPHQL_PARSE_FAILED 400'],
    ['a text with the hash of another', { method: 'POST', body: { query: OTHER, extensions: byHash(REGISTERED) } }, BAD_REQUEST, BAD_REQUEST],
    ['a hash that is not a SHA-256', { method: 'POST', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } } }, BAD_REQUEST, BAD_REQUEST],
    ['a hash in upper case', { method: 'POST', body: { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(REGISTERED).toUpperCase() } } } }, BAD_REQUEST, BAD_REQUEST],
    ['version 2', { method: 'POST', body: { extensions: { persistedQuery: { version: 2, sha256Hash: hashOf(REGISTERED) } } } }, BAD_REQUEST, BAD_REQUEST],
    ['no version', { method: 'GET', query: { extensions: JSON.stringify({ persistedQuery: { sha256Hash: hashOf(REGISTERED) } }) } }, BAD_REQUEST, BAD_REQUEST],
  ])('%s', async (_, req, inApqMode, inSafelistMode) => {
    expect(await outcome(req, undefined)).toBe(inApqMode);
    expect(await outcome(req, registry)).toBe(inSafelistMode);
  });

  it('refuses with 503 in safelist mode when the registry cannot be read (fails closed)', async () => {
    expect(await outcome({ method: 'POST', body: { query: REGISTERED } }, failing)).toBe('STORE_UNAVAILABLE 503');
  });

  it.each([
    [{ query: OTHER, operationName: 'Other' }, registry,
      `Operation "Other" (SHA-256 ${hashOf(OTHER)}) is not registered, and this gateway runs registered operations only (PERSISTED_QUERIES=safelist). `
        + 'Register it with `npm run persist -- FILE.graphql`, then send it by hash (extensions.persistedQuery.sha256Hash) or in full.'],
    [{ query: OTHER, extensions: byHash(REGISTERED) }, undefined,
      `extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text sent with it (${hashOf(OTHER)}): hash the exact text, as UTF-8, and send it in hexadecimal.`],
    [{ extensions: { persistedQuery: { version: 2, sha256Hash: hashOf(OTHER) } } }, undefined, 'extensions.persistedQuery.version must be 1 (automatic persisted queries, version 1), got 2.'],
  ])('says what is wrong and what to do: %j', async (body, safelist, message) => {
    const check = withPersistedQueryChecks(async () => ({}), { safelist, sourceLimits });
    await expect(check({ req: { method: 'POST', body }, res: {} } as never)).rejects.toThrow(message);
  });
});
