import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type GatewayHooks } from '../../../gateway/create-gateway.js';
import type { GatewayConfig } from '../../../gateway/config.js';
import { DEFAULT_RATE_LIMITS } from '../../../gateway/rate-limit/rate-limit-settings.js';
import { InMemoryAuditLog } from '../../../runtime/audit/in-memory-audit-log.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { createLogger, type Logger } from '../../../runtime/logger.js';
import { personaClaims } from '../../../subgraphs/demo/demo-personas.js';
import { gatewayConfig, startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { bearer, TEST_AUTHN } from '../../harness/tokens.js';
import { startPartnerServer } from '../../../subgraphs/partner-kit/serve-partner.js';

// Operations (issue 12, item 6): the metrics at /metrics, one access log line per request with its
// request id, the id passed to subgraphs and recorded in the audit trail, and what a wrong REDIS_URL
// says. One demo federation; each test starts gateways of its own over its subgraphs.

const GUARDED = 'query GuardedRead { dataset(id: "northbridge-hospital:ds-022") { title sampleRecords } }';
const LISTING = 'query ListDatasets { datasets(first: 3) { totalCount edges { node { id title } } } }';
const DATASET_ID = 'northbridge-hospital:ds-022';

let federation: DemoFederation;
beforeAll(async () => {
  federation = await startDemoFederation();
});

const opened: RunningHttpServer[] = [];
afterAll(async () => {
  for (const server of opened) await server.close();
  await federation?.close();
});

/** Every JSON line a logger writes, and a promise for the first line a test waits for. */
function capturedLog(service = 'gateway'): { logger: Logger; lines: Record<string, any>[]; next(match: (line: Record<string, any>) => boolean): Promise<Record<string, any>> } {
  const lines: Record<string, any>[] = [];
  const waiting: { match: (line: Record<string, any>) => boolean; resolve: (line: Record<string, any>) => void }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Record<string, any>;
        lines.push(line);
        for (const w of waiting.filter((w) => w.match(line))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(line);
        }
      }
      done();
    },
  });
  return {
    logger: createLogger(service, 'info', stream),
    lines,
    next: (match) => {
      const seen = lines.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.push({ match, resolve }));
    },
  };
}

/** Where the federation's subgraphs listen, by name. */
function subgraphUrls(): Map<string, string> {
  const urls = new Map([...federation.partners.values()].map((p) => [p.id, p.server.url]));
  urls.set('catalog-index', federation.indexUrl);
  if (federation.governance) urls.set('governance', federation.governance.url);
  return urls;
}

async function startGateway(config: Partial<GatewayConfig> = {}, hooks: GatewayHooks = {}): Promise<RunningHttpServer> {
  const urls = subgraphUrls();
  const gateway = createGateway(gatewayConfig({
    authn: TEST_AUTHN,
    subgraphSigningSecrets: new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)])),
    subgraphUrls: urls,
    ...config,
  }), { logger: createLogger('gateway', 'silent'), ...hooks });
  const server = await gateway.listen();
  opened.push(server);
  return server;
}

async function post(server: RunningHttpServer, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: await response.json() as any };
}

async function scrape(server: RunningHttpServer): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(server.url.replace(/\/graphql$/, '/metrics'));
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series, matched by its name and exact label set as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics at /metrics', () => {
  it('counts requests by operation and status, subgraph fetches, decisions, rate limits, circuits and the audit queue, with no dataset id or subject in a label', async () => {
    const researcher = personaClaims('researcher')!;
    const server = await startGateway();
    expect((await post(server, LISTING)).status).toBe(200);
    expect((await post(server, LISTING)).status).toBe(200);
    expect((await post(server, GUARDED, await bearer(researcher))).status).toBe(200);
    expect((await post(server, GUARDED)).status).toBe(200);
    expect((await post(server, '{ notAField }')).status).toBe(400);

    const { status, contentType, text } = await scrape(server);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'concord_requests_total{operation="ListDatasets",status="200"}')).toBe(2);
    expect(sample(text, 'concord_requests_total{operation="GuardedRead",status="200"}')).toBe(2);
    expect(sample(text, 'concord_requests_total{operation="unresolved",status="400"}')).toBe(1);
    expect(sample(text, 'concord_request_duration_seconds_count{operation="ListDatasets",status="200"}')).toBe(2);
    expect(sample(text, 'concord_subgraph_fetch_duration_seconds_count{subgraph="catalog-index",outcome="ok"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'concord_subgraph_fetch_duration_seconds_count{subgraph="northbridge-hospital",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'concord_authorization_decisions_total{policy="dataset:sample-records",outcome="allow"}')).toBe(1);
    expect(sample(text, 'concord_authorization_decisions_total{policy="dataset:sample-records",outcome="deny"}')).toBe(1);
    expect(sample(text, 'concord_rate_limited_requests_total')).toBe(0);
    expect(sample(text, 'concord_rate_limit_store_failures_total')).toBe(0);
    expect(sample(text, 'concord_audit_queue_depth')).toBe(0);
    expect(text).toContain('# TYPE concord_subgraph_fetch_errors_total counter');
    expect(sample(text, 'concord_subgraph_circuit_state{subgraph="northbridge-hospital",state="closed"}')).toBe(1);
    expect(sample(text, 'concord_subgraph_circuit_state{subgraph="northbridge-hospital",state="open"}')).toBe(0);
    expect(text).toContain('process_resident_memory_bytes');

    // Labels carry names the operator or the supergraph chose, never what a request was about or who sent it.
    expect(text).not.toContain(DATASET_ID);
    expect(text).not.toContain('northbridge-hospital:');
    expect(text).not.toContain(researcher.sub);
    expect(text).not.toContain(researcher.org!);
  });

  it('counts failed subgraph fetches and fetches not made while the circuit is open, and shows the circuit open', async () => {
    // northbridge-hospital's address is a loopback port nothing listens on; one failure opens its circuit.
    const down = await startGateway({
      circuitFailureThreshold: 1, circuitOpenSeconds: 600,
      subgraphUrls: new Map([...subgraphUrls(), ['northbridge-hospital', 'http://127.0.0.1:1/graphql']]),
    });
    // The first request's calls to the partner may run at once, before the first failure opens the
    // circuit: each of them fails. Once it is open, no call is made: the next request's are counted
    // as circuit_open, and failures stay as they were.
    await post(down, GUARDED);
    const failed = sample((await scrape(down)).text, 'concord_subgraph_fetch_errors_total{subgraph="northbridge-hospital",outcome="failed"}');
    expect(failed).toBeGreaterThanOrEqual(1);
    await post(down, GUARDED);
    const { text } = await scrape(down);
    expect(sample(text, 'concord_subgraph_fetch_errors_total{subgraph="northbridge-hospital",outcome="failed"}')).toBe(failed);
    expect(sample(text, 'concord_subgraph_fetch_errors_total{subgraph="northbridge-hospital",outcome="circuit_open"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'concord_subgraph_circuit_state{subgraph="northbridge-hospital",state="open"}')).toBe(1);
    expect(sample(text, 'concord_subgraph_circuit_state{subgraph="catalog-index",state="closed"}')).toBe(1);
  });

  it('keeps one registry per gateway: two gateways in one process count their own requests', async () => {
    const first = await startGateway();
    const second = await startGateway();
    await post(first, LISTING);
    await post(first, LISTING);
    await post(second, LISTING);
    expect(sample((await scrape(first)).text, 'concord_requests_total{operation="ListDatasets",status="200"}')).toBe(2);
    expect(sample((await scrape(second)).text, 'concord_requests_total{operation="ListDatasets",status="200"}')).toBe(1);
  });

  it('counts 429s and rate limit store failures from the rate limits', async () => {
    const server = await startGateway({
      rateLimits: { ...DEFAULT_RATE_LIMITS, anonymousPerMinute: 1 },
    });
    await post(server, LISTING);
    const refused = await post(server, LISTING);
    expect(refused.status).toBe(429);
    const { text } = await scrape(server);
    expect(sample(text, 'concord_rate_limited_requests_total')).toBe(1);
    expect(sample(text, 'concord_requests_total{operation="unresolved",status="429"}')).toBe(1);
  });

  it('is not served with METRICS_ENABLED=false', async () => {
    const server = await startGateway({ metricsEnabled: false });
    expect((await scrape(server)).status).toBe(404);
  });
});

describe('access log and request id', () => {
  it('logs one line per request with its id, method, path, status, duration, operation, client and subject, never the token', async () => {
    const log = capturedLog();
    const server = await startGateway({}, { logger: log.logger });
    const analyst = personaClaims('analyst')!;
    const authorization = (await bearer(analyst)).authorization!;
    const headers = { authorization, 'x-request-id': 'req-0001.abc', 'apollographql-client-name': 'notebook' };
    const answer = await post(server, GUARDED, headers);
    expect(answer.headers.get('x-request-id')).toBe('req-0001.abc');

    const line = await log.next((l) => l.msg === 'request' && l.requestId === 'req-0001.abc');
    expect(line).toMatchObject({
      service: 'gateway', requestId: 'req-0001.abc', method: 'POST', path: '/graphql', status: 200,
      operationName: 'GuardedRead', clientName: 'notebook', subject: analyst.sub,
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(log.lines.filter((l) => l.requestId === 'req-0001.abc' && l.msg === 'request')).toHaveLength(1);
    const token = authorization.replace(/^Bearer /, '');
    expect(JSON.stringify(log.lines)).not.toContain(token);
  });

  it('replaces an id that is not a plain token, and gives one to a request without', async () => {
    const log = capturedLog();
    const server = await startGateway({}, { logger: log.logger });
    const odd = await post(server, LISTING, { 'x-request-id': 'a b<script>' });
    const none = await post(server, LISTING);
    const oddId = odd.headers.get('x-request-id')!;
    const noneId = none.headers.get('x-request-id')!;
    for (const id of [oddId, noneId]) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(oddId).not.toBe(noneId);
    const line = await log.next((l) => l.msg === 'request' && l.requestId === oddId);
    expect(line).toMatchObject({ status: 200, operationName: 'ListDatasets' });
    expect(line).not.toHaveProperty('subject');
  });

  it('passes the id to every subgraph it asks and records it in the audit trail', async () => {
    const audit = new InMemoryAuditLog();
    const server = await startGateway({}, { audit });
    const partner = federation.partners.get('northbridge-hospital')!;
    const before = partner.recorder.requests.length;
    await post(server, GUARDED, { ...(await bearer(personaClaims('researcher')!)), 'x-request-id': 'trace-42' });
    const asked = partner.recorder.requests.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) expect(request.headers['x-request-id']).toBe('trace-42');
    const records = await audit.read(1, 10);
    expect(records.map((r) => r.requestId)).toEqual(['trace-42']);
  });
});

describe('a subgraph', () => {
  it('logs the request id the gateway passed, with its own access line', async () => {
    const partnerLog = capturedLog('northbridge-hospital');
    const northbridge = federation.partners.get('northbridge-hospital')!;
    const partner = await startPartnerServer({
      subgraph: northbridge.subgraph, port: 0, logger: partnerLog.logger, signingSecret: testSigningSecret('northbridge-hospital'),
    });
    opened.push(partner);
    const server = await startGateway({ subgraphUrls: new Map([...subgraphUrls(), ['northbridge-hospital', partner.url]]) });
    await post(server, GUARDED, { 'x-request-id': 'followed-7' });
    const line = await partnerLog.next((l) => l.msg === 'request' && l.requestId === 'followed-7');
    expect(line).toMatchObject({ service: 'northbridge-hospital', method: 'POST', path: '/graphql', status: 200 });
  });
});

describe('a wrong REDIS_URL', () => {
  it('is logged with the reason and what to do, shown in /ready, and guarded fields are withheld naming why', async () => {
    const log = capturedLog();
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const server = await startGateway({ redisUrl: 'redis://concord:s3cret-pass@127.0.0.1:1/0' }, { logger: log.logger });

    const said = await log.next((l) => typeof l.msg === 'string' && l.msg.startsWith('Redis at '));
    expect(said.level).toBe(50);
    expect(said.msg).toContain('Redis at redis://***@127.0.0.1:1/0 cannot be reached: connection refused');
    expect(said.msg).toContain('Check REDIS_URL');
    expect(JSON.stringify(log.lines)).not.toContain('s3cret-pass');

    const ready = await fetch(server.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', redis: 'down', redisError: expect.stringContaining('connection refused') });

    // The audit trail is in the same Redis: no audit, no access, which the denial names.
    const answer = await post(server, GUARDED, await bearer(personaClaims('researcher')!));
    expect(answer.body.data.dataset).toEqual({ title: expect.any(String), sampleRecords: null });
    expect(answer.body.errors).toEqual([expect.objectContaining({
      path: ['dataset', 'sampleRecords'],
      extensions: expect.objectContaining({ reason: 'AUDIT_UNAVAILABLE', policy: 'audit' }),
    })]);
    // The client kept trying to reconnect meanwhile; the log said so once (then at most once a minute).
    expect(log.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Redis at '))).toHaveLength(1);
  });

  it('denies a field whose grants cannot be read under the name of its policy, not "policy"', async () => {
    // The audit trail elsewhere, so that the grants' failure is what the answer says.
    const server = await startGateway({ redisUrl: 'redis://127.0.0.1:1/0', rateLimits: DEFAULT_RATE_LIMITS }, { audit: new InMemoryAuditLog() });
    const answer = await post(server, GUARDED, await bearer(personaClaims('researcher')!));
    // Rate limits in the same Redis fail open, and the metrics count each request let through so.
    expect(answer.status).toBe(200);
    expect(sample((await scrape(server)).text, 'concord_rate_limit_store_failures_total')).toBeGreaterThanOrEqual(1);
    expect(answer.body.data.dataset).toEqual({ title: expect.any(String), sampleRecords: null });
    expect(answer.body.errors).toEqual([expect.objectContaining({
      path: ['dataset', 'sampleRecords'],
      extensions: expect.objectContaining({ reason: 'GRANTS_UNAVAILABLE', policy: 'dataset:sample-records' }),
    })]);
  });
});
