import { describe, expect, it } from 'vitest';
import type { FederationManifest } from '../../../../../schema/federation-manifest.js';
import {
  nextFreePort, partnerEndpoint, portsInComposeFile, portsInManifest, type UsedPort,
} from '../../../../../subgraphs/partners/add-partner/partner-port.js';

const manifestWith = (partnerUrls: string[]): FederationManifest => ({
  catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:4100/graphql' },
  governance: { name: 'governance', url: 'http://127.0.0.1:4090/graphql' },
  partners: partnerUrls.map((url, i) => ({ id: `partner-${i}`, url, catalog: `p${i}.json` })),
});

const DEMO = manifestWith(['http://127.0.0.1:4101/graphql', 'http://127.0.0.1:4102/graphql', 'http://127.0.0.1:4103/graphql']);
const local = (port: number, by = 'x'): UsedPort => ({ host: 'loopback', port, by });

describe('the ports docker-compose.yml holds', () => {
  it.each([
    ['a PORT in an environment map', 'services:\n  a:\n    environment:\n      PORT: "4104"\n', [4104]],
    ['a PORT in an environment list', 'services:\n  a:\n    environment:\n      - LOG_LEVEL=info\n      - PORT=4105\n', [4105]],
    ['a published port, short syntax', 'services:\n  proxy:\n    ports:\n      - "4000:4000"\n', [4000]],
    ['a published port on one address', 'services:\n  proxy:\n    ports:\n      - "127.0.0.1:8080:80/tcp"\n', [8080]],
    ['a published port, long syntax', 'services:\n  proxy:\n    ports:\n      - { target: 80, published: 8081 }\n', [8081]],
    ['Redis, by its image', 'services:\n  redis:\n    image: redis:7-bookworm\n', [6379]],
    ['a PORT merged in from an anchor', 'x-base: &base\n  environment:\n    PORT: "4200"\nservices:\n  a:\n    <<: *base\n', [4200]],
    ['no PORT, nothing published', 'services:\n  install:\n    image: node:24\n', []],
    ['not a port', 'services:\n  a:\n    environment:\n      PORT: "eighty"\n', []],
    ['text that is not YAML', 'services: [unclosed\n', []],
    ['no file', null, []],
  ])('%s', (_case, text, ports) => {
    expect(portsInComposeFile(text).map((u) => u.port)).toEqual(ports);
  });

  it('names the service holding a port, as on this machine', () => {
    expect(portsInComposeFile('services:\n  proxy:\n    ports:\n      - "4000:4000"\n')).toEqual([
      { host: 'loopback', port: 4000, by: 'service "proxy" in docker-compose.yml' },
    ]);
  });
});

describe('the next free port for a new partner', () => {
  it.each([
    ['after the highest partner port', DEMO, [], 4104],
    ['skipping a port the manifest gives another subgraph', manifestWith(['http://127.0.0.1:4098/graphql', 'http://127.0.0.1:4099/graphql']), [], 4101],
    ['skipping ports docker-compose.yml holds', DEMO, [local(4104), local(4105)], 4106],
    ['after the highest, not in a gap', manifestWith(['http://127.0.0.1:4101/graphql', 'http://127.0.0.1:4110/graphql']), [], 4111],
    ['after the highest on this machine, remote partners aside', manifestWith(['http://127.0.0.1:4101/graphql', 'https://partner.example:8443/graphql']), [], 4102],
    ['after the highest remote one when none is on this machine', manifestWith(['https://partner.example/graphql']), [], 444],
    ['localhost counted as this machine', manifestWith(['http://localhost:4101/graphql']), [], 4102],
  ])('%s', (_case, manifest, extra, port) => {
    expect(nextFreePort(manifest, [...portsInManifest(manifest), ...extra])).toBe(port);
  });

  it('fails, saying what to do, when no port is left', () => {
    const manifest = manifestWith(['http://127.0.0.1:65535/graphql']);
    expect(() => nextFreePort(manifest, portsInManifest(manifest))).toThrow('no free port after 65535: give one with --port or --url');
  });
});

describe('the new partner\'s URL', () => {
  const used = [...portsInManifest(DEMO), local(4000, 'service "proxy" in docker-compose.yml'), local(6379, 'service "redis" in docker-compose.yml')];
  it.each([
    ['the next free port by default', {}, 'http://127.0.0.1:4104/graphql'],
    ['the port given', { port: 4200 }, 'http://127.0.0.1:4200/graphql'],
    ['the URL given', { url: 'http://127.0.0.1:5000/graphql' }, 'http://127.0.0.1:5000/graphql'],
    ['a URL on another host may use a port taken here', { url: 'https://partner.example:4101/graphql' }, 'https://partner.example:4101/graphql'],
    ['a URL on another host without a port', { url: 'https://partner.example/graphql' }, 'https://partner.example/graphql'],
  ])('%s', (_case, request, url) => {
    expect(partnerEndpoint(request, DEMO, used)).toBe(url);
  });

  it.each([
    ['a partner\'s port', { port: 4102 }, 'port 4102 is taken by subgraph "partner-1" in the federation manifest'],
    ['the index\'s port', { port: 4100 }, 'port 4100 is taken by subgraph "catalog-index" in the federation manifest'],
    ['the gateway\'s published port', { port: 4000 }, 'port 4000 is taken by service "proxy" in docker-compose.yml'],
    ['Redis\'s port', { port: 6379 }, 'port 6379 is taken by service "redis" in docker-compose.yml'],
    ['a partner\'s port under another name of this machine', { url: 'http://localhost:4101/graphql' }, 'port 4101 is taken by subgraph "partner-0" in the federation manifest'],
  ])('refuses %s, naming who holds it', (_case, request, message) => {
    expect(() => partnerEndpoint(request, DEMO, used)).toThrow(message);
  });

  it('refuses a URL on this machine at another path than the partner kit serves', () => {
    expect(() => partnerEndpoint({ url: 'http://127.0.0.1:4200/api' }, DEMO, used))
      .toThrow('a partner on this machine is served by the partner kit at /graphql: give --url ending in /graphql, not /api');
  });
});
