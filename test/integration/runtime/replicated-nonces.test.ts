import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../runtime/logger.js';
import { openRedisConnection, type RedisConnection } from '../../../runtime/redis-connection.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { RedisNonceStore } from '../../../runtime/subgraph-protocol/redis-nonce-store.js';
import { createRequestVerifier, NONCE_HEADER, signRequestBody } from '../../../runtime/subgraph-protocol/request-signing.js';
import { readPartnerConfig } from '../../../subgraphs/partner-kit/config.js';
import { partnerNonceNamespace, servePartner } from '../../../subgraphs/partner-kit/serve-partner.js';
import { signedEndpoint } from '../../../subgraphs/governance/signed-endpoint.js';

// Issue 12, item 5 ("Replicas"): replicas of one subgraph share the replay memory of signed requests
// in Redis, so a request accepted by one replica is refused when replayed to another; and when Redis
// cannot be reached a signed request is refused (503), never accepted unchecked. Real partner
// processes' servers on loopback, built from their configuration as `npm run partner` builds them, on
// a real Redis under this run's own key prefix (removed afterwards).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PARTNER = 'northbridge-hospital';
const SECRET = 'replica-test-signing-secret-0123456789abcdef';
const runPrefix = `concord-test-${randomBytes(6).toString('hex')}:`;
const entities = '{ _entities(representations: [{ __typename: "NorthbridgeHospitalDataset", id: "northbridge-hospital:ds-001" }]) { ... on NorthbridgeHospitalDataset { retention { basis } } } }';

let redis: RedisConnection;
const running: RunningHttpServer[] = [];
let tests = 0;

beforeAll(async () => {
  redis = openRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

/** One replica of a partner, configured from its environment as its main.ts does. */
async function partnerReplica(env: Record<string, string>, partner = PARTNER): Promise<RunningHttpServer> {
  const config = readPartnerConfig({ PARTNER_ID: partner, SUBGRAPH_SIGNING_SECRET: SECRET, PORT: '0', ...env });
  const server = await servePartner(config, silentLogger);
  running.push(server);
  return server;
}

/** A request as the gateway signs it, to be sent (and replayed) as captured. */
function captured(query = entities): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ query });
  return { body, headers: { 'content-type': 'application/json', ...signRequestBody(SECRET, body) } };
}

async function send(url: string, request: { body: string; headers: Record<string, string> }): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, body: await response.json() };
}

const sharedRedis = () => ({ REDIS_URL, REDIS_KEY_PREFIX: `${runPrefix}${++tests}:` });

describe('replay memory shared by replicas in Redis', () => {
  it('refuses a request accepted by one replica when it is replayed to a second replica of the same partner', async () => {
    const env = sharedRedis();
    const [one, two] = [await partnerReplica(env), await partnerReplica(env)];
    const request = captured();
    const first = await send(one.url, request);
    expect(first.status).toBe(200);
    expect(first.body.data._entities[0].retention).toBeDefined();
    const replay = await send(two.url, request);
    expect(replay).toEqual({ status: 401, body: { errors: [{ message: 'Request refused: not signed by the gateway', extensions: { code: 'UNAUTHENTICATED', reason: 'request was replayed' } }] } });
    // The nonce's key is the partner's, under the configured prefix, and expires by itself.
    const key = `${env.REDIS_KEY_PREFIX}nonce:${partnerNonceNamespace(PARTNER)}:${request.headers[NONCE_HEADER]}`;
    const ttl = await redis.client.pTTL(key);
    expect(ttl).toBeGreaterThan(30_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // A fresh request is still answered by either replica.
    expect((await send(two.url, captured())).status).toBe(200);
  });

  it('accepts one of the same request sent to both replicas at once', async () => {
    const env = sharedRedis();
    const replicas = [await partnerReplica(env), await partnerReplica(env)];
    const request = captured();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(replicas[i % 2]!.url, request)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(401)]);
  });

  it('keeps each subgraph\'s nonces apart: another partner under the same prefix is not refused', async () => {
    const env = sharedRedis();
    const [northbridge, helix] = [await partnerReplica(env), await partnerReplica(env, 'helix-therapeutics')];
    const request = captured('{ _service { sdl } }');
    expect((await send(northbridge.url, request)).status).toBe(200);
    expect((await send(helix.url, request)).status).toBe(200);
  });

  it('refuses with 503, never unchecked, while Redis cannot be reached, and is not ready', async () => {
    const relay = await tcpRelay(new URL(REDIS_URL));
    try {
      const replica = await partnerReplica({ ...sharedRedis(), REDIS_URL: `redis://127.0.0.1:${relay.port}/${new URL(REDIS_URL).pathname.slice(1) || '0'}` });
      expect((await send(replica.url, captured())).status).toBe(200);
      await relay.close();
      const refused = await send(replica.url, captured());
      expect(refused.status).toBe(503);
      expect(refused.body.errors[0].extensions).toEqual({ code: 'STORE_UNAVAILABLE', reason: 'the replay check cannot be made: its store (Redis) does not answer' });
      expect(JSON.stringify(refused.body)).not.toMatch(/retention|basis/);
      const ready = await fetch(replica.url.replace(/\/graphql$/, '/ready'));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', nonces: 'down' });
      // An unsigned request is still refused for what it is.
      expect((await fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).status).toBe(401);
    } finally {
      await relay.close();
    }
  });

  it('refuses a signed POST route (the governance subgraph\'s) with 503 while Redis cannot be reached', async () => {
    const nonces = RedisNonceStore.connect(`redis://127.0.0.1:${await closedPort()}/0`, { namespace: 'governance', prefix: `${runPrefix}down:`, timeoutMs: 200 });
    const handled: unknown[] = [];
    const server = http.createServer(signedEndpoint({
      name: 'grants', verifier: createRequestVerifier({ secret: SECRET, nonces }), logger: silentLogger, maxBodyBytes: 10_000,
      handle: async (call) => { handled.push(call.body); return { status: 200, body: { ok: true } }; },
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/grants`;
      const answer = await send(url, captured());
      expect(answer).toEqual({ status: 503, body: expect.objectContaining({ code: 'STORE_UNAVAILABLE', reason: 'the replay check cannot be made: its store (Redis) does not answer' }) });
      expect(handled).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await nonces.close();
    }
  });
});

/** A TCP relay to Redis that the test can take away, as a Redis that goes down would be. */
async function tcpRelay(target: URL): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
