import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type ConcordGateway, type GatewayHooks } from '../../../gateway/create-gateway.js';
import type { GatewayConfig } from '../../../gateway/config.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../../../gateway/rate-limit/rate-limit-settings.js';
import { createRedisConnection, type RedisConnection } from '../../../gateway/stores/redis-connection.js';
import { InMemoryAuditLog } from '../../../runtime/audit/in-memory-audit-log.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import { personaClaims } from '../../../subgraphs/demo/demo-personas.js';
import { gatewayConfig, startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { bearer, TEST_AUTHN } from '../../harness/tokens.js';

// Rate limits through real gateways on loopback (issue 12, item 3): one demo federation, and for each
// test gateways of its own over the federation's subgraphs, with the rate limits it needs and a clock
// it moves (no waiting on the real one). Redis is the real one, each test under a prefix of its own.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const START = Date.parse('2026-03-02T09:00:00Z');
const TYPENAME = '{ __typename }';

let federation: DemoFederation;
let redis: RedisConnection;
const runPrefix = `concord-test-${randomBytes(6).toString('hex')}:`;

beforeAll(async () => {
  federation = await startDemoFederation();
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  await federation?.close();
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis?.close();
});

interface TestGateway {
  gateway: ConcordGateway;
  server: RunningHttpServer;
  post(query: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
}

const opened: TestGateway[] = [];
afterAll(async () => {
  for (const g of opened) await g.server.close();
});

/** A gateway over the federation's subgraphs, with these rate limits and this clock. */
async function startGateway(limits: Partial<RateLimitSettings>, config: Partial<GatewayConfig> = {}, hooks: GatewayHooks = {}): Promise<TestGateway> {
  const urls = new Map([...federation.partners.values()].map((p) => [p.id, p.server.url]));
  urls.set('catalog-index', federation.indexUrl);
  if (federation.governance) urls.set('governance', federation.governance.url);
  const gateway = createGateway(gatewayConfig({
    authn: TEST_AUTHN,
    subgraphSigningSecrets: new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)])),
    subgraphUrls: urls,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...limits },
    ...config,
  }), { logger: silentLogger, ...hooks });
  const server = await gateway.listen();
  const started: TestGateway = {
    gateway,
    server,
    async post(query, headers = {}) {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
  };
  opened.push(started);
  return started;
}

function clock(): { now: () => Date; advance(seconds: number): void } {
  let ms = START;
  return { now: () => new Date(ms), advance: (seconds) => { ms += seconds * 1000; } };
}

describe('callers without a token, in memory', () => {
  it('get their quota with the RateLimit fields, then 429 with Retry-After and a clear message, then a unit back as time passes', async () => {
    const time = clock();
    const { post, gateway } = await startGateway({ anonymousPerMinute: 5 }, {}, { now: time.now });
    for (let i = 1; i <= 5; i++) {
      const ok = await post(TYPENAME);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ data: { __typename: 'Query' } });
      expect(ok.headers.get('ratelimit-policy')).toBe('"anonymous";q=5;w=60');
      // One unit back every 12 s: t is when the bucket is full again.
      expect(ok.headers.get('ratelimit')).toBe(`"anonymous";r=${5 - i};t=${12 * i}`);
    }
    const refused = await post(TYPENAME);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('12');
    expect(refused.headers.get('ratelimit-policy')).toBe('"anonymous";q=5;w=60');
    expect(refused.headers.get('ratelimit')).toBe('"anonymous";r=0;t=12');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([{
      message: 'Too many requests from your address: callers without a token get 5 units a minute per address (sign in for more). '
        + 'A request takes 1 unit, and an operation whose estimated cost is over 100 takes 1 unit per 100 (ask for fewer items or fields to spend less). Try again in 12 s.',
      extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED' },
    }]);
    expect(gateway.rateLimits).toEqual({ refused: 1, storeFailures: 0 });

    time.advance(11);
    expect((await post(TYPENAME)).status).toBe(429);
    time.advance(1);
    const again = await post(TYPENAME);
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBe('"anonymous";r=0;t=60');
  });

  it('count an operation by its estimated cost: one unit before parsing, the rest once it is resolved', async () => {
    const time = clock();
    const { post } = await startGateway({ anonymousPerMinute: 20, costPerUnit: 10 }, {}, { now: time.now });
    // Estimated cost 1 + 30 x (1 + 1 + 2) = 121 (gateway/limits/cost-estimate.ts): 13 units.
    const page = '{ datasets(first: 30) { edges { node { id title } } } }';
    const first = await post(page);
    expect(first.status).toBe(200);
    expect(first.body.data.datasets.edges.length).toBeGreaterThan(0);
    expect(first.headers.get('ratelimit')).toBe('"anonymous";r=7;t=39');
    // The second: its first unit passes (6 left), the other 12 do not; 6 more units take 18 s.
    const second = await post(page);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('18');
    expect(second.headers.get('ratelimit')).toBe('"anonymous";r=6;t=18');
    expect(second.body.data).toBeUndefined();
    // A cheap one still passes on what is left.
    expect((await post(TYPENAME)).headers.get('ratelimit')).toBe('"anonymous";r=5;t=45');
  });

  it('take at most a full bucket for an operation dearer than the whole quota, so that it can pass', async () => {
    const time = clock();
    const { post } = await startGateway({ anonymousPerMinute: 5, costPerUnit: 10 }, {}, { now: time.now });
    const page = '{ datasets(first: 30) { edges { node { id title } } } }';
    const first = await post(page);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit')).toBe('"anonymous";r=0;t=60');
    time.advance(60);
    expect((await post(page)).headers.get('ratelimit')).toBe('"anonymous";r=0;t=60');
    // Half a minute later: 2.5 units, 1 taken as the request arrives, 4 more wanted in 30 s.
    time.advance(30);
    const early = await post(page);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('30');
  });

  it('count a request that fails to parse or validate too', async () => {
    const { post } = await startGateway({ anonymousPerMinute: 2 }, {}, { now: clock().now });
    expect((await post('{ datasets(')).status).toBe(400);
    expect((await post('{ noSuchField }')).status).toBe(400);
    expect((await post(TYPENAME)).status).toBe(429);
  });

  it('count requests whose token is refused per address, apart from those without one', async () => {
    const { post } = await startGateway({ anonymousPerMinute: 2 }, {}, { now: clock().now });
    const forged = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' };
    const first = await post(TYPENAME, forged);
    expect(first.status).toBe(401);
    expect(first.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(TYPENAME, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    const third = await post(TYPENAME, forged);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(third.headers.get('ratelimit-policy')).toBe('"refused-token";q=2;w=60');
    expect(third.body.errors[0].message).toMatch(/^Too many requests with a refused token from your address: 2 a minute are answered/);
    // Refused tokens have a bucket of their own: callers without one, and people with a valid one,
    // at the same address are not refused for them.
    expect((await post(TYPENAME)).status).toBe(200);
    expect((await post(TYPENAME, await bearer(personaClaims('analyst')!))).status).toBe(200);
  });

  it('are told apart by X-Forwarded-For only behind a trusted proxy', async () => {
    const now = clock().now;
    const direct = await startGateway({ anonymousPerMinute: 1 }, {}, { now });
    expect((await direct.post(TYPENAME, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await direct.post(TYPENAME, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);

    const proxied = await startGateway({ anonymousPerMinute: 1 }, { trustedProxies: ['127.0.0.0/8'] }, { now });
    expect((await proxied.post(TYPENAME, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await proxied.post(TYPENAME, { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' })).status).toBe(429);
    expect((await proxied.post(TYPENAME, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
  });
});

describe('signed-in callers', () => {
  it('are counted as themselves and as their verified organisation, whose members share its quota', async () => {
    const { post } = await startGateway({ principalPerMinute: 100, organisationPerMinute: 3 }, {}, { now: clock().now });
    const researcher = personaClaims('researcher')!;
    const ada = await bearer(researcher);
    const colleague = await bearer({ ...researcher, sub: 'demo-colleague' });
    const first = await post(TYPENAME, ada);
    expect(first.headers.get('ratelimit-policy')).toBe('"principal";q=100;w=60, "organisation";q=3;w=60');
    expect(first.headers.get('ratelimit')).toBe('"principal";r=99;t=1, "organisation";r=2;t=20');
    expect((await post(TYPENAME, colleague)).headers.get('ratelimit')).toBe('"principal";r=99;t=1, "organisation";r=1;t=40');
    expect((await post(TYPENAME, ada)).status).toBe(200);
    const refused = await post(TYPENAME, colleague);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit')).toBe('"organisation";r=0;t=20');
    expect(refused.body.errors[0].message).toMatch(/^Too many requests from organisation "uni-leiden": its members share 3 units a minute\./);
    // Someone of another organisation is not affected.
    expect((await post(TYPENAME, await bearer(personaClaims('analyst')))).status).toBe(200);
  });
});

describe('rate limits in Redis', () => {
  it('are shared by two gateways on one Redis and prefix', async () => {
    const prefix = `${runPrefix}shared:`;
    const time = clock();
    const config = { redisUrl: REDIS_URL, redisKeyPrefix: prefix };
    const hooks = { now: time.now, audit: new InMemoryAuditLog() };
    const one = await startGateway({ anonymousPerMinute: 4 }, config, hooks);
    const two = await startGateway({ anonymousPerMinute: 4 }, config, { ...hooks, audit: new InMemoryAuditLog() });
    expect((await one.post(TYPENAME)).headers.get('ratelimit')).toBe('"anonymous";r=3;t=15');
    expect((await two.post(TYPENAME)).headers.get('ratelimit')).toBe('"anonymous";r=2;t=30');
    expect((await one.post(TYPENAME)).status).toBe(200);
    expect((await two.post(TYPENAME)).status).toBe(200);
    const refused = await one.post(TYPENAME);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('15');
    expect(await redis.client.hGet(`${prefix}rate-limit:anonymous:127.0.0.1`, 'tokens')).toBe('0');
    time.advance(15);
    expect((await two.post(TYPENAME)).status).toBe(200);
    expect((await one.post(TYPENAME)).status).toBe(429);
    expect([one.gateway.rateLimits, two.gateway.rateLimits]).toEqual([{ refused: 2, storeFailures: 0 }, { refused: 0, storeFailures: 0 }]);
  });

  it('fail open when Redis is down, logged at warn once and counted, while fields that need grants still fail closed', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
    const { post, gateway } = await startGateway({ anonymousPerMinute: 1 }, { redisUrl: 'redis://127.0.0.1:1/0' }, {
      now: clock().now, logger, audit: new InMemoryAuditLog(),
    });
    for (let i = 0; i < 3; i++) {
      const served = await post(TYPENAME);
      expect(served.status).toBe(200);
      expect(served.headers.get('ratelimit')).toBeNull();
    }
    expect(gateway.rateLimits).toEqual({ refused: 0, storeFailures: 3 });
    expect(lines.filter((l) => /rate limits not applied/.test(l.msg))).toEqual([expect.objectContaining({ level: 40 })]);

    const guarded = await post('{ dataset(id: "northbridge-hospital:ds-004") { title sampleRecords } }', await bearer(personaClaims('researcher')));
    expect(guarded.status).toBe(200);
    expect(guarded.body.data.dataset).toEqual({ title: expect.any(String), sampleRecords: null });
    expect(guarded.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'GRANTS_UNAVAILABLE' });
  });
});
