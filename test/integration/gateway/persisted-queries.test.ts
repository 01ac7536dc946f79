import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../gateway/create-gateway.js';
import type { GatewayConfig } from '../../../gateway/config.js';
import { runPersist } from '../../../gateway/persisted-queries/persist-cli.js';
import { DEFAULT_APQ_TTL_SECONDS } from '../../../gateway/persisted-queries/persisted-query-settings.js';
import { createRedisConnection, type RedisConnection } from '../../../gateway/stores/redis-connection.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import { personaClaims } from '../../../subgraphs/demo/demo-personas.js';
import { CATALOG_SUPERGRAPH, gatewayConfig, startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { temporaryFolder } from '../../harness/temporary-folder.js';
import { bearer, TEST_AUTHN } from '../../harness/tokens.js';

// Persisted queries through real gateways on loopback (issue 12, item 4): one demo federation, and for
// each test gateways of its own over its subgraphs, in the mode the test needs. Redis is the real one,
// each test under a prefix of its own, removed at the end.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runPrefix = `concord-test-${randomBytes(6).toString('hex')}:`;
let prefixes = 0;
const newPrefix = () => `${runPrefix}${++prefixes}:`;

const DATASET_TITLES = 'query DatasetTitles { datasets(first: 3) { edges { node { id title } } } }';
const STEWARD_RETENTION = `query StewardRetention {
  datasets(first: 50, filter: { partners: ["northbridge-hospital"] }) { edges { node { id retention { retainUntil } } } }
}
`;
const BIG_PAGE = 'query BigPage { datasets(first: 1000) { edges { node { id title distributions { title } } } } }\n';

let federation: DemoFederation;
let redis: RedisConnection;

beforeAll(async () => {
  federation = await startDemoFederation();
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  for (const server of opened) await server.close();
  await federation?.close();
  for await (const keys of redis.client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis?.close();
});

const opened: RunningHttpServer[] = [];

/** A gateway over the federation's subgraphs with these settings. */
async function startGateway(config: Partial<GatewayConfig>): Promise<string> {
  const urls = new Map([...federation.partners.values()].map((p) => [p.id, p.server.url]));
  urls.set('catalog-index', federation.indexUrl);
  if (federation.governance) urls.set('governance', federation.governance.url);
  const gateway = createGateway(gatewayConfig({
    authn: TEST_AUTHN,
    subgraphSigningSecrets: new Map([...urls.keys()].map((name) => [name, testSigningSecret(name)])),
    subgraphUrls: urls,
    ...config,
  }), { logger: silentLogger });
  const server = await gateway.listen();
  opened.push(server);
  return server.url;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const byHash = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Answer { status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } }

async function post(url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  return { status: response.status, body: await response.json() as Answer['body'] };
}

/** As an analytics tool sends a persisted query by GET (cacheable by a proxy). */
async function getByHash(url: string, hash: string): Promise<Answer> {
  const params = new URLSearchParams({ extensions: JSON.stringify(byHash(hash)) });
  const response = await fetch(`${url}?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: await response.json() as Answer['body'] };
}

/** A manifest registered by the command line, as an operator would, from these files' texts. */
async function registeredManifest(files: Record<string, string>): Promise<string> {
  const folder = temporaryFolder('concord-persisted-');
  const manifest = join(folder, 'persisted-queries.json');
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  });
  const errors: string[] = [];
  const code = await runPersist(paths, { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, PERSISTED_QUERIES_MANIFEST: manifest }, { out: () => {}, err: (l) => errors.push(l) });
  expect(errors).toEqual([]);
  expect(code).toBe(0);
  return manifest;
}

const safelist = (manifestPath: string) => ({ persistedQueries: { mode: 'safelist' as const, manifestPath, apqTtlSeconds: DEFAULT_APQ_TTL_SECONDS } });

describe('automatic persisted queries', () => {
  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers the text sent with it, then answers the hash alone, by POST and GET', async () => {
    const url = await startGateway({});
    const hash = hashOf(DATASET_TITLES);
    const miss = await post(url, { extensions: byHash(hash) });
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const full = await post(url, { query: DATASET_TITLES, extensions: byHash(hash) });
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.datasets.edges).toHaveLength(3);
    const hit = await post(url, { extensions: byHash(hash) });
    expect(hit).toEqual(full);
    expect(await getByHash(url, hash)).toEqual(full);
  });

  it('shares the texts of two gateways on one Redis, under <REDIS_KEY_PREFIX>apq: with the TTL', async () => {
    const shared = { redisUrl: REDIS_URL, redisKeyPrefix: newPrefix(), persistedQueries: { mode: 'apq' as const, manifestPath: null, apqTtlSeconds: 600 } };
    const [first, second] = [await startGateway(shared), await startGateway(shared)];
    const hash = hashOf(DATASET_TITLES);
    expect((await post(second, { extensions: byHash(hash) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const full = await post(first, { query: DATASET_TITLES, extensions: byHash(hash) });
    expect(full.body.errors).toBeUndefined();
    // Apollo Server writes the text once the operation is resolved, without waiting for the write.
    const key = `${shared.redisKeyPrefix}apq:${hash}`;
    await expect.poll(() => redis.client.get(key)).toBe(DATASET_TITLES);
    expect(await redis.client.ttl(key)).toBeGreaterThan(590);
    expect(await post(second, { extensions: byHash(hash) })).toEqual(full);
  });

  it('does not serve a text from the cache that does not hash to the hash asked for', async () => {
    const prefix = newPrefix();
    const url = await startGateway({ redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    const hash = hashOf(DATASET_TITLES);
    await redis.client.set(`${prefix}apq:${hash}`, '{ __schema { types { name } } }');
    expect((await post(url, { extensions: byHash(hash) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a hash that is not the text\'s, or another version, with 400 BAD_REQUEST saying what is wrong', async () => {
    const url = await startGateway({});
    const mismatch = await post(url, { query: DATASET_TITLES, extensions: byHash(hashOf('query Other { __typename }')) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]).toEqual({
      message: `extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text sent with it (${hashOf(DATASET_TITLES)}): hash the exact text, as UTF-8, and send it in hexadecimal.`,
      extensions: { code: 'BAD_REQUEST' },
    });
    const version = await post(url, { extensions: { persistedQuery: { version: 2, sha256Hash: hashOf(DATASET_TITLES) } } });
    expect(version.status).toBe(400);
    expect(version.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers PERSISTED_QUERY_NOT_SUPPORTED when they are off, and still serves operations in full', async () => {
    const url = await startGateway({ persistedQueries: { mode: 'off', manifestPath: null, apqTtlSeconds: DEFAULT_APQ_TTL_SECONDS } });
    const refused = await post(url, { query: DATASET_TITLES, extensions: byHash(hashOf(DATASET_TITLES)) });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect((await post(url, { query: DATASET_TITLES })).body.errors).toBeUndefined();
  });
});

describe('safelist', () => {
  it('refuses an operation not registered with HTTP 400, in full or by hash, before any subgraph is asked', async () => {
    const url = await startGateway(safelist(await registeredManifest({ 'titles.graphql': DATASET_TITLES })));
    const before = federation.indexRecorder.requests.length;
    const other = 'query Other { datasets(first: 1) { totalCount } }';
    for (const payload of [{ query: other, operationName: 'Other' }, { extensions: byHash(hashOf(other)) }, { query: other, extensions: byHash(hashOf(other)) }]) {
      const refused = await post(url, payload);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    }
    expect((await getByHash(url, hashOf(other))).status).toBe(400);
    expect(federation.indexRecorder.requests.length).toBe(before);
  });

  it('serves a registered operation by hash (POST and GET) and in full, and never registers one sent with its hash', async () => {
    const url = await startGateway(safelist(await registeredManifest({ 'titles.graphql': DATASET_TITLES })));
    const hash = hashOf(DATASET_TITLES);
    const byPost = await post(url, { extensions: byHash(hash) });
    expect(byPost.status).toBe(200);
    expect(byPost.body.data.datasets.edges).toHaveLength(3);
    expect(await getByHash(url, hash)).toEqual(byPost);
    expect(await post(url, { query: DATASET_TITLES })).toEqual(byPost);
    const other = 'query Other { datasets(first: 1) { totalCount } }';
    expect((await post(url, { query: other, extensions: byHash(hashOf(other)) })).status).toBe(400);
    expect((await post(url, { extensions: byHash(hashOf(other)) })).status).toBe(400);
  });

  it('still refuses a registered operation over MAX_COST when it is sent by hash', async () => {
    // Registered under the default limits, served by a gateway whose limit is lower.
    const url = await startGateway({ ...safelist(await registeredManifest({ 'big.graphql': BIG_PAGE })), maxCost: 5_000 });
    const refused = await post(url, { extensions: byHash(hashOf(BIG_PAGE)) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/^Operation "BigPage" has an estimated cost of \d+; at most 5000 is allowed/) });
  });

  it('withholds a guarded field of a persisted operation from a caller without access, and serves it to one with access', async () => {
    const url = await startGateway(safelist(await registeredManifest({ 'retention.graphql': STEWARD_RETENTION })));
    const hash = hashOf(STEWARD_RETENTION);
    const anonymous = await post(url, { extensions: byHash(hash) });
    expect(anonymous.status).toBe(200);
    const nodes = anonymous.body.data.datasets.edges.map((e: { node: unknown }) => e.node) as { retention: unknown }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.retention === null)).toBe(true);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const steward = await post(url, { extensions: byHash(hash) }, await bearer(personaClaims('steward')));
    const stewardNodes = steward.body.data.datasets.edges.map((e: { node: unknown }) => e.node) as { retention: unknown }[];
    expect(stewardNodes.some((n) => n.retention !== null)).toBe(true);
  });

  it('reads the operations the command line registered in Redis, shared with every replica', async () => {
    const prefix = newPrefix();
    const folder = temporaryFolder('concord-persisted-');
    writeFileSync(join(folder, 'titles.graphql'), DATASET_TITLES);
    const code = await runPersist([join(folder, 'titles.graphql')], { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, REDIS_URL, REDIS_KEY_PREFIX: prefix }, { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const settings = { redisUrl: REDIS_URL, redisKeyPrefix: prefix, persistedQueries: { mode: 'safelist' as const, manifestPath: null, apqTtlSeconds: 60 } };
    const [first, second] = [await startGateway(settings), await startGateway(settings)];
    for (const url of [first, second]) {
      const answer = await post(url, { extensions: byHash(hashOf(DATASET_TITLES)) });
      expect(answer.body.data.datasets.edges).toHaveLength(3);
      expect((await post(url, { query: 'query Other { __typename }' })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    }
  });
});
