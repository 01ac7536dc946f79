import { describe, expect, it } from 'vitest';
import type { FederationManifest } from '../../../../schema/federation-manifest.js';
import { readDemoPorts, subgraphUrlList } from '../../../../subgraphs/demo/demo-ports.js';

const MANIFEST: FederationManifest = {
  catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:4100/graphql' },
  governance: { name: 'governance', url: 'http://127.0.0.1:4090/graphql' },
  partners: [
    { id: 'a', url: 'http://127.0.0.1:4101/graphql', catalog: 'a.json' },
    { id: 'b', url: 'http://127.0.0.1:4102/graphql', catalog: 'b.json' },
  ],
};

describe('readDemoPorts', () => {
  it.each([
    { env: {}, gateway: 4000, urls: ['catalog-index=http://127.0.0.1:4100/graphql', 'governance=http://127.0.0.1:4090/graphql', 'a=http://127.0.0.1:4101/graphql', 'b=http://127.0.0.1:4102/graphql'], moved: false },
    { env: { PORT: '5000' }, gateway: 5000, urls: ['catalog-index=http://127.0.0.1:4100/graphql', 'governance=http://127.0.0.1:4090/graphql', 'a=http://127.0.0.1:4101/graphql', 'b=http://127.0.0.1:4102/graphql'], moved: false },
    { env: { PORT: '24000', SUBGRAPH_PORT_OFFSET: '20000' }, gateway: 24000, urls: ['catalog-index=http://127.0.0.1:24100/graphql', 'governance=http://127.0.0.1:24090/graphql', 'a=http://127.0.0.1:24101/graphql', 'b=http://127.0.0.1:24102/graphql'], moved: true },
    { env: { SUBGRAPH_PORT_OFFSET: '-1000' }, gateway: 4000, urls: ['catalog-index=http://127.0.0.1:3100/graphql', 'governance=http://127.0.0.1:3090/graphql', 'a=http://127.0.0.1:3101/graphql', 'b=http://127.0.0.1:3102/graphql'], moved: true },
    { env: { SUBGRAPH_PORT_OFFSET: '0' }, gateway: 4000, urls: ['catalog-index=http://127.0.0.1:4100/graphql', 'governance=http://127.0.0.1:4090/graphql', 'a=http://127.0.0.1:4101/graphql', 'b=http://127.0.0.1:4102/graphql'], moved: false },
  ])('$env: the gateway on $gateway, the subgraphs moved: $moved', ({ env, gateway, urls, moved }) => {
    const ports = readDemoPorts(env, MANIFEST);
    expect(ports.gateway).toBe(gateway);
    expect(subgraphUrlList(ports.subgraphUrls).split(',')).toEqual(urls);
    expect(ports.moved).toBe(moved);
  });

  it.each([
    { env: { PORT: '0' }, message: 'PORT must be a TCP port number from 1 to 65535, got "0"' },
    { env: { PORT: 'http' }, message: 'PORT must be a TCP port number from 1 to 65535, got "http"' },
    { env: { SUBGRAPH_PORT_OFFSET: '1.5' }, message: 'SUBGRAPH_PORT_OFFSET must be a whole number from -4089 to 61433 (the subgraphs\' ports in schema/subgraphs.json are 4090 to 4102), got "1.5"' },
    { env: { SUBGRAPH_PORT_OFFSET: '61434' }, message: 'from -4089 to 61433' },
    { env: { SUBGRAPH_PORT_OFFSET: '-4090' }, message: 'from -4089 to 61433' },
    { env: { SUBGRAPH_PORT_OFFSET: '1e3' }, message: 'got "1e3"' },
    { env: { PORT: '4101' }, message: 'PORT 4101 is also the port of the subgraph "a" (http://127.0.0.1:4101/graphql): choose another PORT or SUBGRAPH_PORT_OFFSET' },
    { env: { PORT: '4001', SUBGRAPH_PORT_OFFSET: '-100' }, message: 'PORT 4001 is also the port of the subgraph "a"' },
  ])('$env is refused, naming the variable', ({ env, message }) => {
    expect(() => readDemoPorts(env, MANIFEST)).toThrow(message);
  });
});
