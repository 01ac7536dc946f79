import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InMemoryPersistedQueryRegistry, type PersistedQueryRegistry } from '../../../../gateway/persisted-queries/persisted-query-registry.js';
import { withSafelist } from '../../../../gateway/persisted-queries/safelist-check.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const REGISTERED = 'query Titles { datasets { title } }';
const DEEP = `query Deep { ${'a { '.repeat(6)}b${' }'.repeat(6)} }`;
const OTHER = 'query Other { __typename }';
const registry = new InMemoryPersistedQueryRegistry([REGISTERED, DEEP].map((body) => ({ id: hashOf(body), name: body.split(' ')[1]!, type: 'query' as const, body })));
const failing: PersistedQueryRegistry = { ...registry, kind: 'redis', location: 'test', get: async () => { throw new Error('down'); }, register: async () => {}, close: async () => {} };
const byHash = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: hashOf(text) } });

/** What the check does with this raw request: 'passed', or the refusal's code and status. */
async function outcome(req: { method: string; body?: unknown; query?: unknown }, from: PersistedQueryRegistry = registry): Promise<string> {
  const check = withSafelist(async () => ({}), { registry: from, sourceLimits: { maxTokens: 100, maxNesting: 5 } });
  try {
    await check({ req, res: {} } as never);
    return 'passed';
  } catch (error) {
    const { code, http } = (error as GraphQLError).extensions as { code: string; http: { status: number } };
    return `${code} ${http.status}`;
  }
}

describe('withSafelist', () => {
  it.each([
    ['a registered text', { method: 'POST', body: { query: REGISTERED } }, 'passed'],
    ['a registered hash', { method: 'POST', body: { extensions: byHash(REGISTERED) } }, 'passed'],
    ['a registered hash by GET', { method: 'GET', query: { extensions: JSON.stringify(byHash(REGISTERED)) } }, 'passed'],
    ['a registered text with another hash (Apollo Server refuses the mismatch)', { method: 'POST', body: { query: REGISTERED, extensions: byHash(OTHER) } }, 'passed'],
    ['neither text nor hash (Apollo Server refuses it)', { method: 'POST', body: {} }, 'passed'],
    ['a text not registered', { method: 'POST', body: { query: OTHER } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a text not registered, sent with the hash of a registered one', { method: 'POST', body: { query: OTHER, extensions: byHash(REGISTERED) } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a hash not registered', { method: 'POST', body: { extensions: byHash(OTHER) } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a hash not registered, by GET', { method: 'GET', query: { extensions: JSON.stringify(byHash(OTHER)) } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a text not registered, by GET', { method: 'GET', query: { query: OTHER } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a hash that is not a SHA-256', { method: 'POST', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } } }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['one request of a batch not registered', { method: 'POST', body: [{ query: REGISTERED }, { query: OTHER }] }, 'PERSISTED_QUERY_NOT_IN_SAFELIST 400'],
    ['a registered hash whose text is over the nesting limit now', { method: 'POST', body: { extensions: byHash(DEEP) } }, 'GRAPHQL_PARSE_FAILED 400'],
  ])('%s: %s', async (_, req, expected) => {
    expect(await outcome(req)).toBe(expected);
  });

  it('refuses with 503 when the registry cannot be read (fails closed)', async () => {
    expect(await outcome({ method: 'POST', body: { query: REGISTERED } }, failing)).toBe('STORE_UNAVAILABLE 503');
  });

  it('says what is wrong and what to do', async () => {
    const check = withSafelist(async () => ({}), { registry, sourceLimits: { maxTokens: 100, maxNesting: 5 } });
    await expect(check({ req: { method: 'POST', body: { query: OTHER, operationName: 'Other' } }, res: {} } as never)).rejects.toThrow(
      `Operation "Other" (SHA-256 ${hashOf(OTHER)}) is not registered, and this gateway runs registered operations only (PERSISTED_QUERIES=safelist). `
        + 'Register it with `npm run persist -- FILE.graphql`, then send it by hash (extensions.persistedQuery.sha256Hash) or in full.',
    );
  });
});
