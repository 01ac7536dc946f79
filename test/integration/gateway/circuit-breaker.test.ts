import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../gateway/create-gateway.js';
import { silentLogger } from '../../../runtime/logger.js';
import { startPartnerServer } from '../../../subgraphs/partner-kit/serve-partner.js';
import { partnerNonceNamespace } from '../../../subgraphs/partner-kit/serve-partner.js';
import { openNonceStore } from '../../../runtime/subgraph-protocol/open-nonce-store.js';
import { gatewayConfig, startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { freePort, redisServerInstalled, startRedis, stopRedis } from '../../harness/redis-server.js';

// Issue 12, "Subgraph resilience", over loopback with the real partners: one partner goes away, its
// circuit opens after five failures (connection refused, then timeouts on its own short timeout),
// no connection is attempted while it is open, the other partners' data still arrives, /ready shows
// the circuit; past the cool-down (the injected clock, never a real wait) one probe decides.

const DOWN = 'northbridge-hospital';
const UP = 'helix-therapeutics';
const QUERY = `{ datasets(first: 1000, filter: { partners: ["${UP}", "${DOWN}"] }) { edges { node { id title } } } }`;

/**
 * Something on the partner's port that either hangs or drops each connection, counting those that
 * carry a gateway's entity request (the index and governance harvest the same port now and then).
 */
class CountingServer {
  gatewayCalls = 0;
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  constructor(mode: 'hang' | 'drop') {
    this.#server = createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        const counted = received.includes('_entities');
        received += chunk.toString('latin1');
        if (!counted && received.includes('_entities')) this.gatewayCalls++;
        if (mode === 'drop') socket.destroy();
      });
    });
  }
  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => { this.#server.once('error', reject); this.#server.listen(port, '127.0.0.1', resolve); });
  }
  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

const redisInstalled = await redisServerInstalled();

describe('a partner\'s circuit breaker', () => {
  let federation: DemoFederation;
  let nowMs = Date.parse('2026-03-02T09:00:00Z');
  let port: number;
  let upCount: number;
  let downCount: number;
  const ready = async () => {
    const response = await fetch(federation.gatewayUrl.replace('/graphql', '/ready'));
    return { status: response.status, body: await response.json() as { subgraphs: Record<string, string>; circuits: Record<string, string> } };
  };
  const ask = async () => {
    const { status, body } = await postGraphQL(federation.gatewayUrl, QUERY);
    expect(status).toBe(200);
    const nodes = (body.data!.datasets.edges as { node: { id: string } | null }[]).map((e) => e.node);
    return {
      fromUp: nodes.filter((n) => n?.id.startsWith(`${UP}:`)).length,
      fromDown: nodes.filter((n) => n?.id.startsWith(`${DOWN}:`)).length,
      errors: body.errors ?? [],
    };
  };
  const unavailable = (message: string) => [{ message, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: DOWN } }];

  beforeAll(async () => {
    federation = await startDemoFederation({ now: () => new Date(nowMs) }, {
      circuitFailureThreshold: 5, circuitOpenSeconds: 30, subgraphTimeoutsMs: new Map([[DOWN, 300]]),
    });
    port = Number(new URL(federation.partners.get(DOWN)!.server.url).port);
    upCount = federation.partners.get(UP)!.subgraph.catalog.size;
    downCount = federation.partners.get(DOWN)!.subgraph.catalog.size;
  });
  afterAll(async () => { await federation?.close(); });

  it('opens after five failures, makes no call while open, probes after the cool-down and closes', async () => {
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: downCount, errors: [] });
    expect((await ready()).body.circuits).toMatchObject({ [DOWN]: 'closed', [UP]: 'closed', 'catalog-index': 'closed' });

    // Killed: three refused connections.
    await federation.partners.get(DOWN)!.server.close();
    for (let i = 0; i < 3; i++) {
      expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`Subgraph "${DOWN}" could not be reached`) });
    }
    // Then hanging: two timeouts, each on the partner's own 300 ms rather than the 5 s of the others.
    const hanging = new CountingServer('hang');
    await hanging.listen(port);
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`Subgraph "${DOWN}" could not be reached`) });
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    expect(hanging.gatewayCalls).toBe(2);

    // Open: no connection is attempted, the other partner's data arrives, the error says when.
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`${DOWN} is unavailable (circuit open after 5 failures; next try in 30 s)`) });
    nowMs += 18_000;
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`${DOWN} is unavailable (circuit open after 5 failures; next try in 12 s)`) });
    expect(hanging.gatewayCalls).toBe(2);
    await hanging.close();

    // /ready still asks the partner (and finds it down) and shows the circuit.
    const dropping = new CountingServer('drop');
    await dropping.listen(port);
    const whileOpen = await ready();
    expect(whileOpen.status).toBe(503);
    expect(whileOpen.body).toMatchObject({ subgraphs: { [DOWN]: 'down', [UP]: 'up' }, circuits: { [DOWN]: 'open', [UP]: 'closed' } });

    // Past the cool-down: one probe, which fails, and the circuit opens again.
    nowMs += 12_000;
    expect((await ready()).body.circuits[DOWN]).toBe('half-open');
    expect(dropping.gatewayCalls).toBe(0);
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`Subgraph "${DOWN}" could not be reached`) });
    expect(dropping.gatewayCalls).toBe(1);
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: 0, errors: unavailable(`${DOWN} is unavailable (circuit open after 6 failures; next try in 30 s)`) });
    expect(dropping.gatewayCalls).toBe(1);
    await dropping.close();

    // The partner is back on its port; past the next cool-down the probe succeeds and closes it.
    const partner = federation.partners.get(DOWN)!;
    partner.server = await startPartnerServer({
      subgraph: partner.subgraph, port, logger: silentLogger, signingSecret: testSigningSecret(DOWN), plugins: [partner.recorder.plugin()],
    });
    expect(await ask()).toMatchObject({ fromDown: 0, errors: unavailable(`${DOWN} is unavailable (circuit open after 6 failures; next try in 30 s)`) });
    nowMs += 30_000;
    partner.recorder.clear();
    expect(await ask()).toEqual({ fromUp: upCount, fromDown: downCount, errors: [] });
    expect(partner.recorder.entityRequests()).toHaveLength(1);
    const after = await ready();
    expect(after.status).toBe(200);
    expect(after.body.circuits[DOWN]).toBe('closed');
  });

  it('a 4xx from a subgraph does not count against its circuit', async () => {
    // The partner refuses requests signed with another key (401): it answered, so it is not down.
    const urls = new Map([...federation.partners].map(([id, p]) => [id, p.server.url]));
    urls.set('catalog-index', federation.indexUrl).set('governance', federation.governance!.url);
    const keys = new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)]));
    keys.set(DOWN, 'a-key-the-partner-does-not-know-0123456789');
    const gateway = createGateway(gatewayConfig({ subgraphUrls: urls, subgraphSigningSecrets: keys, circuitFailureThreshold: 2 }), { logger: silentLogger });
    const server = await gateway.listen();
    try {
      for (let i = 0; i < 4; i++) {
        const { body } = await postGraphQL(server.url, `{ datasets(first: 5, filter: { partners: ["${DOWN}"] }) { edges { node { title } } } }`);
        expect(body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: DOWN });
        expect(body.errors?.[0]?.message).toBe(`Subgraph "${DOWN}" could not be reached`);
      }
      expect(gateway.circuits().get(DOWN)).toEqual({ state: 'closed', failures: 0 });
    } finally {
      await server.close();
    }
  });

  it.skipIf(!redisInstalled)('a subgraph refusing because its own Redis is down (503 STORE_UNAVAILABLE) does not open its circuit, so it serves as soon as Redis is back (skipped only without a redis-server binary)', async () => {
    // The partner keeps the nonces of signed requests in a Redis of this test's own, which is stopped
    // and started again; the gateway opens a circuit after two failures.
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const nonces = openNonceStore({ redisUrl: `redis://127.0.0.1:${redisPort}`, redisKeyPrefix: 'concord-test:circuit:', namespace: partnerNonceNamespace(DOWN) });
    const answers = async () => { while (!(await nonces.ping())) await new Promise((resolve) => setTimeout(resolve, 20)); };
    await answers();
    const partner = await startPartnerServer({ subgraph: federation.partners.get(DOWN)!.subgraph, port: 0, logger: silentLogger, signingSecret: testSigningSecret(DOWN), nonces });
    const urls = new Map([...federation.partners].map(([id, p]) => [id, p.server.url]));
    urls.set(DOWN, partner.url).set('catalog-index', federation.indexUrl).set('governance', federation.governance!.url);
    const keys = new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)]));
    const gateway = createGateway(gatewayConfig({ subgraphUrls: urls, subgraphSigningSecrets: keys, circuitFailureThreshold: 2 }), { logger: silentLogger });
    const server = await gateway.listen();
    const query = `{ datasets(first: 5, filter: { partners: ["${DOWN}"] }) { edges { node { title } } } }`;
    try {
      await stopRedis(redis);
      for (let i = 0; i < 4; i++) {
        const { body } = await postGraphQL(server.url, query);
        expect(body.errors?.[0]).toMatchObject({ message: `Subgraph "${DOWN}" could not be reached`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: DOWN } });
      }
      expect(gateway.circuits().get(DOWN)).toEqual({ state: 'closed', failures: 0 });

      redis = await startRedis(redisPort);
      await answers();
      const { body } = await postGraphQL(server.url, query);
      expect(body.errors).toBeUndefined();
      expect((body.data!.datasets.edges as unknown[]).length).toBe(5);
    } finally {
      await server.close();
      await partner.close();
      await stopRedis(redis);
    }
  }, 30_000);

  it('refuses at start-up a timeout for a subgraph the supergraph does not have', () => {
    expect(() => createGateway(gatewayConfig({ subgraphTimeoutsMs: new Map([['northbridge', 500]]) }), { logger: silentLogger }))
      .toThrow(/^SUBGRAPH_TIMEOUTS_MS names "northbridge", which is not a subgraph of the supergraph \(/);
  });
});
