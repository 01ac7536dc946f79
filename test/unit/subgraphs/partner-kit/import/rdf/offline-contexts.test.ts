import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLdQuads } from '../../../../../../subgraphs/partner-kit/import/rdf/jsonld-quads.js';
import { offlineContext, offlineDocumentLoader, RemoteContextRefused } from '../../../../../../subgraphs/partner-kit/import/rdf/offline-contexts.js';
import { SCHEMA_ORG_CONTEXT } from '../../../../../../subgraphs/partner-kit/import/rdf/schema-org-context.js';

const BASE = 'http://source.invalid/test.jsonld';

describe('offline JSON-LD contexts', () => {
  const served = [
    'https://schema.org/', 'https://schema.org', 'http://schema.org/', 'http://schema.org',
    'https://schema.org/docs/jsonldcontext.jsonld', 'http://schema.org/docs/jsonldcontext.json', 'https://www.schema.org/',
  ];
  it.each(served)('serves schema.org for %s', async (url) => {
    expect(offlineContext(url)).toBe(SCHEMA_ORG_CONTEXT);
    const loaded = await offlineDocumentLoader(url);
    expect(loaded).toMatchObject({ documentUrl: url, document: SCHEMA_ORG_CONTEXT });
  });

  const refused = [
    'https://w3id.org/dcat-ap/context.jsonld', 'https://schema.org/Dataset', 'https://schema.org/?format=jsonld',
    'https://schema.org.example.com/', 'file:///etc/passwd', 'ftp://schema.org/', 'not a url',
  ];
  it.each(refused)('refuses %s', async (url) => {
    expect(offlineContext(url)).toBeUndefined();
    await expect(offlineDocumentLoader(url)).rejects.toThrow(RemoteContextRefused);
  });
});

// A context URL on a real server: the reader must report it and the server must hear nothing.
describe('a remote context is never fetched', () => {
  let server: Server;
  let requests = 0;
  let url = '';
  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests += 1;
      response.setHeader('content-type', 'application/ld+json');
      response.end(JSON.stringify({ '@context': { '@vocab': 'http://example.org/' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const documents: { name: string; document: (url: string) => unknown }[] = [
    { name: 'as the whole @context', document: (u) => ({ '@context': u, name: 'x' }) },
    { name: 'in a @context array', document: (u) => ({ '@context': ['https://schema.org/', u], name: 'x' }) },
    { name: 'through @import', document: (u) => ({ '@context': { '@version': 1.1, '@import': u }, name: 'x' }) },
    { name: 'as a scoped context', document: (u) => ({ '@context': { '@vocab': 'http://x/', thing: { '@context': u } }, thing: { name: 'x' } }) },
  ];
  it.each(documents)('$name', async ({ document }) => {
    const reading = await jsonLdQuads(document(url), BASE);
    expect(requests).toBe(0);
    expect(reading.quads).toEqual([]);
    expect(reading.problems).toEqual([{ where: '@context', message: expect.stringContaining(`remote JSON-LD context ${url} is not fetched`) }]);
  });

  it('a relative context URL is resolved against the source base and refused too', async () => {
    const reading = await jsonLdQuads({ '@context': 'context.jsonld', name: 'x' }, BASE);
    expect(reading.problems[0]?.message).toContain('remote JSON-LD context http://source.invalid/context.jsonld is not fetched');
  });
});
