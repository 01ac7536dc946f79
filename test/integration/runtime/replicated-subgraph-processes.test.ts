import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisConnection, type RedisConnection } from '../../../runtime/redis-connection.js';
import { signRequestBody } from '../../../runtime/subgraph-protocol/request-signing.js';
import { REPO_ROOT } from '../../harness/demo-federation.js';

// Issue 12, item 5 ("Replicas"), for the catalog index and the governance subgraph as their main.ts
// runs them (the compiled build; npm test builds it first): two processes of each on one Redis, with
// REDIS_URL and REDIS_KEY_PREFIX as in docker-compose.yml, share the nonces of signed requests, so a
// request accepted by one is refused when replayed to the other. This run's own key prefix, removed
// afterwards. The partners the two services would harvest are on closed ports: nothing here needs them.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const SECRET = 'replica-process-test-secret-0123456789abcdef';
const prefix = `concord-test-${randomBytes(6).toString('hex')}:`;

interface Service {
  main: string;
  listening: string;
}

const INDEX: Service = { main: 'dist/subgraphs/catalog-index/main.js', listening: 'catalog index listening' };
const GOVERNANCE: Service = { main: 'dist/subgraphs/governance/main.js', listening: 'governance subgraph listening' };

let redis: RedisConnection;
const processes: ChildProcess[] = [];
let partnerUrls: string;

beforeAll(async () => {
  redis = openRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
  const port = await closedPort();
  partnerUrls = ['northbridge-hospital', 'helix-therapeutics', 'boreal-climate-institute'].map((id) => `${id}=http://127.0.0.1:${port}/graphql`).join(',');
});

afterAll(async () => {
  await Promise.all(processes.map((child) => stopped(child)));
  for await (const keys of redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

/** One replica, started as `npm run catalog-index` or `npm run governance` starts it; its GraphQL URL once it listens. */
async function replica(service: Service): Promise<string> {
  const child = spawn(process.execPath, [service.main], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', REDIS_URL, REDIS_KEY_PREFIX: prefix,
      SUBGRAPH_SIGNING_SECRET: SECRET, SUBGRAPH_URLS: partnerUrls, HARVEST_TIMEOUT_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${service.main} did not start: ${stderr.join('')}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === service.listening && record.url) { clearTimeout(timer); resolve(record.url); }
      } catch {
        // not a log record
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${service.main} exited with ${code}: ${stderr.join('')}`)); });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A request as the gateway signs it, captured to be sent again. */
function captured(query: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ query });
  return { body, headers: { 'content-type': 'application/json', ...signRequestBody(SECRET, body) } };
}

async function send(url: string, request: { body: string; headers: Record<string, string> }): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, body: await response.json() };
}

describe('replicas of the catalog index and the governance subgraph sharing Redis', () => {
  it('the index: a signed request accepted by one replica is refused when replayed to the other', async () => {
    const [one, two] = await Promise.all([replica(INDEX), replica(INDEX)]);
    const request = captured('{ datasets(first: 1) { totalCount } }');
    const first = await send(one, request);
    expect(first.status).toBe(200);
    expect(first.body.data.datasets.totalCount).toBe(0);
    const replay = await send(two, request);
    expect(replay.status).toBe(401);
    expect(replay.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'request was replayed' });
  });

  it('the governance subgraph: a request accepted through GraphQL by one replica is refused when replayed to the other\'s POST /grants', async () => {
    const [one, two] = await Promise.all([replica(GOVERNANCE), replica(GOVERNANCE)]);
    const request = captured('{ __typename }');
    expect((await send(one, request)).status).toBe(200);
    const replay = await send(two.replace(/\/graphql$/, '/grants'), request);
    expect(replay).toEqual({ status: 401, body: { error: 'Request refused: not signed by the gateway', code: 'UNAUTHENTICATED', reason: 'request was replayed' } });
    // A fresh request to POST /grants is answered (an anonymous caller holds no grants).
    expect(await send(two.replace(/\/graphql$/, '/grants'), captured('{ __typename }'))).toEqual({ status: 200, body: { grants: [], suspended: false } });
  });

  it('keeps the two services\' nonces apart under one prefix', async () => {
    const [index, governance] = await Promise.all([replica(INDEX), replica(GOVERNANCE)]);
    const request = captured('{ __typename }');
    expect((await send(index, request)).status).toBe(200);
    expect((await send(governance, request)).status).toBe(200);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
