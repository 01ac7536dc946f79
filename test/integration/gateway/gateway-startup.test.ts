import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../gateway/create-gateway.js';
import { silentLogger } from '../../../runtime/logger.js';
import { gatewayConfig } from '../../harness/demo-federation.js';
import { startToySubgraphs, type ToySubgraphs } from '../../harness/toy-subgraphs.js';

describe('gateway start-up', () => {
  let toy: ToySubgraphs;
  beforeAll(async () => { toy = await startToySubgraphs(); });
  afterAll(async () => { await toy?.close(); });

  it('fails closed on a supergraph with a security feature it cannot enforce', () => {
    const sdl = readFileSync(toy.supergraphPath, 'utf8').replace(
      '@link(url: "https://specs.apollo.dev/link/v1.0")',
      '@link(url: "https://specs.apollo.dev/link/v1.0")\n  @link(url: "https://example.org/row-filter/v1.0", for: SECURITY)',
    );
    const file = join(mkdtempSync(join(tmpdir(), 'concord-sg-')), 'supergraph.graphql');
    writeFileSync(file, sdl);
    expect(() => createGateway(gatewayConfig({ supergraphPath: file }), { logger: silentLogger }))
      .toThrow('the supergraph links the security feature https://example.org/row-filter/v1.0, which Concord does not enforce; refusing to serve it');
  });

  it('names a missing supergraph file and how to set it', () => {
    expect(() => createGateway(gatewayConfig({ supergraphPath: 'nowhere/supergraph.graphql' }), { logger: silentLogger }))
      .toThrow('supergraph file "nowhere/supergraph.graphql" cannot be read (ENOENT); set SUPERGRAPH_PATH or --supergraph');
  });

  it('refuses a SUBGRAPH_URLS entry for a subgraph the supergraph does not have', () => {
    expect(() => createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath, subgraphUrls: new Map([['weather', 'http://x/graphql']]) }), { logger: silentLogger }))
      .toThrow(/SUBGRAPH_URLS names "weather", which is not a subgraph of the supergraph \((readings, stations|stations, readings)\)/);
  });

  it('refuses PRINCIPAL_SUBGRAPHS naming a subgraph the supergraph does not have', () => {
    expect(() => createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath, principalSubgraphs: ['catalog-indx'] }), { logger: silentLogger }))
      .toThrow(/PRINCIPAL_SUBGRAPHS names "catalog-indx", which is not a subgraph of the supergraph/);
  });

  it.each([
    ['answers', 'redis://127.0.0.1:6379/15', 200, 'up'],
    ['is down', 'redis://127.0.0.1:1/0', 503, 'down'],
  ])('reports in /ready whether Redis %s', async (_name, redisUrl, status, state) => {
    const server = await createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath, redisUrl }), { logger: silentLogger }).listen();
    try {
      const response = await fetch(server.url.replace('/graphql', '/ready'));
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ redis: state, subgraphs: { stations: 'up', readings: 'up' } });
    } finally {
      await server.close();
    }
  });
});
