import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogExportSettings } from '../../../../gateway/catalog-export/catalog-export-settings.js';
import type { GatewayConfig } from '../../../../gateway/config.js';
import { createGateway, type ConcordGateway, type GatewayHooks } from '../../../../gateway/create-gateway.js';
import { DEFAULT_RATE_LIMITS } from '../../../../gateway/rate-limit/rate-limit-settings.js';
import type { RunningHttpServer } from '../../../../runtime/http-server.js';
import { silentLogger } from '../../../../runtime/logger.js';
import { CATALOG_SUPERGRAPH, gatewayConfig, startDemoFederation, testSigningSecret, type DemoFederation } from '../../../harness/demo-federation.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';
import { TEST_AUTHN } from '../../../harness/tokens.js';

// The export's settings and its failures, each on a gateway of its own over one demo federation's
// subgraphs: rate limits, the cache of rendered pages on a clock the test moves, the base URL when
// none is configured, a partner that cannot be reached, and a supergraph that guards a field the
// export publishes.

const START = Date.parse('2026-03-02T09:00:00Z');

let federation: DemoFederation;
const opened: RunningHttpServer[] = [];

beforeAll(async () => {
  federation = await startDemoFederation();
});
afterAll(async () => {
  for (const server of opened) await server.close();
  await federation?.close();
});

type ExportConfig = Partial<GatewayConfig> & { catalogExport?: Partial<CatalogExportSettings> };

function subgraphUrls(): Map<string, string> {
  const urls = new Map([...federation.partners.values()].map((p) => [p.id, p.server.url]));
  urls.set('catalog-index', federation.indexUrl);
  if (federation.governance) urls.set('governance', federation.governance.url);
  return urls;
}

function configFor(config: ExportConfig): GatewayConfig {
  const urls = subgraphUrls();
  return gatewayConfig({
    authn: TEST_AUTHN,
    subgraphSigningSecrets: new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)])),
    subgraphUrls: urls,
    ...config,
  });
}

/** A gateway over the federation's subgraphs; the origin it answers at. */
async function startGateway(config: ExportConfig, hooks: GatewayHooks = {}): Promise<string> {
  return (await startConcord(config, hooks)).origin;
}

async function startConcord(config: ExportConfig, hooks: GatewayHooks = {}): Promise<{ gateway: ConcordGateway; origin: string }> {
  const gateway = createGateway(configFor(config), { logger: silentLogger, ...hooks });
  const server = await gateway.listen();
  opened.push(server);
  return { gateway, origin: new URL(server.url).origin };
}

/** The committed supergraph with a member-only guard added to one partner's `keywords`. */
function supergraphGuardingKeywords(): string {
  const supergraph = readFileSync(CATALOG_SUPERGRAPH, 'utf8');
  const line = /^(\s+keywords: \[String!\]! @join__field\(graph: NORTHBRIDGE_HOSPITAL\))$/m;
  expect(supergraph).toMatch(line);
  return supergraph.replace(line, '$1 @requiresScopes(scopes: [["consortium:member"]])');
}

function clock() {
  let ms = START;
  return { now: () => new Date(ms), advance: (seconds: number) => { ms += seconds * 1000; } };
}

describe('rate limits: each request takes one unit from its address, as a GraphQL request without a token does', () => {
  it('refuses the request past the quota with 429, Retry-After and the RateLimit fields, counting refused requests too', async () => {
    const origin = await startGateway({ rateLimits: { ...DEFAULT_RATE_LIMITS, anonymousPerMinute: 2 }, catalogExport: { cacheSeconds: 0 } }, { now: clock().now });
    expect((await fetch(`${origin}/catalog.ttl?page=x`)).status).toBe(400);
    expect((await fetch(`${origin}/catalog.ttl`)).status).toBe(200);
    const refused = await fetch(`${origin}/catalog.jsonld`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit-policy')).toContain('q=2');
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.message).toMatch(/^Too many requests from your address/);
  });

  it('takes one unit for a page whatever the page costs to read', async () => {
    const origin = await startGateway({ rateLimits: { ...DEFAULT_RATE_LIMITS, anonymousPerMinute: 3, costPerUnit: 1 }, catalogExport: { cacheSeconds: 0 } }, { now: clock().now });
    for (let request = 0; request < 3; request++) expect((await fetch(`${origin}/catalog.ttl`)).status).toBe(200);
    expect((await fetch(`${origin}/catalog.ttl`)).status).toBe(429);
  });
});

describe('the cache of rendered pages', () => {
  it('serves a page again until CATALOG_CACHE_SECONDS have passed on the gateway\'s clock, and says so in Cache-Control', async () => {
    const time = clock();
    const origin = await startGateway({ catalogExport: { cacheSeconds: 60 } }, { now: time.now });
    const indexRequests = () => federation.indexRecorder.requests.length;
    const first = await fetch(`${origin}/catalog.ttl`);
    const body = await first.text();
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const afterFirst = indexRequests();
    time.advance(59);
    const cached = await fetch(`${origin}/catalog.ttl`);
    expect(await cached.text()).toBe(body);
    expect(cached.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(indexRequests()).toBe(afterFirst);
    time.advance(2);
    await (await fetch(`${origin}/catalog.ttl`)).text();
    expect(indexRequests()).toBeGreaterThan(afterFirst);
  });

  it('keeps the formats and addresses apart', async () => {
    const origin = await startGateway({ catalogExport: { cacheSeconds: 60 } }, { now: clock().now });
    const turtle = await fetch(`${origin}/catalog.ttl`);
    const jsonLd = await fetch(`${origin}/catalog.jsonld`);
    const negotiated = await fetch(`${origin}/catalog`, { headers: { accept: 'application/ld+json' } });
    expect([turtle, jsonLd, negotiated].map((r) => r.headers.get('content-type'))).toEqual(['text/turtle; charset=utf-8', 'application/ld+json', 'application/ld+json']);
    expect(await negotiated.text()).toContain('/catalog?page=1');
    expect(await jsonLd.text()).toContain('/catalog.jsonld?page=1');
  });
});

describe('the public base URL', () => {
  it('is the address the gateway listens on when PUBLIC_BASE_URL is not set', async () => {
    const origin = await startGateway({ catalogExport: { cacheSeconds: 0 } });
    const text = await (await fetch(`${origin}/catalog.ttl`)).text();
    expect(text).toContain(`<${origin}/catalog>`);
    expect(text).toContain(`<${origin}/datasets/boreal-climate-institute%3Ads-001>`);
  });
});

describe('failures', () => {
  it('answers 503 with Retry-After, and no partial catalog, when a partner cannot be reached', async () => {
    const urls = subgraphUrls();
    urls.set('helix-therapeutics', 'http://127.0.0.1:9/graphql');
    const origin = await startGateway({ subgraphUrls: urls, subgraphTimeoutMs: 2000, catalogExport: { cacheSeconds: 60 } });
    const answer = await fetch(`${origin}/catalog.ttl?page=1`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    const body = (await answer.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(body.errors[0]!.message).toMatch(/^The catalog cannot be exported now/);
  });

  it('stops the gateway at start-up, naming the field, when the supergraph guards a field the export publishes', () => {
    expect(() => createGateway(configFor({}), { logger: silentLogger, supergraphSdl: supergraphGuardingKeywords() }))
      .toThrow(/the catalog export selects fields the supergraph guards, which it must never publish: Dataset\.keywords \(requiresScopes:\[\["consortium:member"\]\]\)/);
  });

  it('answers 503 once a reloaded supergraph guards a field the export publishes, even for a page it has cached, and serves again once it does not', async () => {
    const file = join(temporaryFolder('concord-catalog-export-'), 'supergraph.graphql');
    const original = readFileSync(CATALOG_SUPERGRAPH, 'utf8');
    writeFileSync(file, original);
    // A long cache: the page rendered before the reload must not be served after it.
    const { gateway, origin } = await startConcord({ supergraphPath: file, catalogExport: { cacheSeconds: 3600 } });
    expect((await fetch(`${origin}/catalog.ttl`)).status).toBe(200);
    writeFileSync(file, supergraphGuardingKeywords());
    expect(gateway.reloadSupergraph('test').status).toBe('reloaded');
    const refused = await fetch(`${origin}/catalog.ttl`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ errors: [{ message: 'The catalog export is not available with the supergraph served now', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    writeFileSync(file, original);
    expect(gateway.reloadSupergraph('test').status).toBe('reloaded');
    expect((await fetch(`${origin}/catalog.ttl`)).status).toBe(200);
  });

  it('stops the gateway at start-up, naming MAX_COST, when it does not pay for one dataset', () => {
    expect(() => createGateway(configFor({ maxCost: 50 }), { logger: silentLogger })).toThrow(/^MAX_COST \(50\) is below the estimated cost of exporting one dataset/);
  });
});
