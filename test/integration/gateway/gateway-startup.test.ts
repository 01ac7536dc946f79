import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../gateway/create-gateway.js';
import { listenHttp } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import { gatewayConfig, REPO_ROOT } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { removeFolder } from '../../harness/temporary-folder.js';
import { startToySubgraphs, type ToySubgraphs } from '../../harness/toy-subgraphs.js';

const COMPILED_GATEWAY = join(REPO_ROOT, 'dist/gateway/main.js');
const UNENFORCEABLE = 'the supergraph links the security feature https://example.org/row-filter/v1.0, which Concord does not enforce; refusing to serve it';

describe('gateway start-up', () => {
  let toy: ToySubgraphs;
  let unenforceableSupergraph: string;
  beforeAll(async () => {
    toy = await startToySubgraphs();
    const sdl = readFileSync(toy.supergraphPath, 'utf8').replace(
      '@link(url: "https://specs.apollo.dev/link/v1.0")',
      '@link(url: "https://specs.apollo.dev/link/v1.0")\n  @link(url: "https://example.org/row-filter/v1.0", for: SECURITY)',
    );
    unenforceableSupergraph = join(mkdtempSync(join(tmpdir(), 'concord-sg-')), 'supergraph.graphql');
    writeFileSync(unenforceableSupergraph, sdl);
  });
  afterAll(async () => {
    await toy?.close();
    removeFolder(unenforceableSupergraph && dirname(unenforceableSupergraph));
  });

  it('fails closed on a supergraph with a security feature it cannot enforce', () => {
    expect(() => createGateway(gatewayConfig({ supergraphPath: unenforceableSupergraph }), { logger: silentLogger })).toThrow(UNENFORCEABLE);
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

  it('answers /health at once, and "starting" on /ready and /graphql until GraphQL is mounted', async () => {
    const listener = await listenHttp({ port: 0, logger: silentLogger });
    try {
      const health = await fetch(listener.url.replace('/graphql', '/health'));
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(listener.url.replace('/graphql', '/ready'));
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'starting' }]);
      const starting = await postGraphQL(listener.url, '{ stations { code } }');
      expect(starting.status).toBe(503);
      expect(starting.body).toEqual({ errors: [{ message: 'The service is starting; try again shortly', extensions: { code: 'SERVICE_STARTING' } }] });

      await createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath }), { logger: silentLogger }).serveOn(listener);
      expect((await fetch(listener.url.replace('/graphql', '/ready'))).status).toBe(200);
      const served = await postGraphQL(listener.url, '{ stations { code } }');
      expect(served.body).toEqual({ data: { stations: [{ code: 'OSL' }, { code: 'BGO' }] } });
    } finally {
      await listener.close();
    }
  });

  describe('the compiled gateway process (npm run gateway)', () => {
    beforeAll(() => {
      if (!existsSync(COMPILED_GATEWAY)) throw new Error('dist/gateway/main.js is missing: run npm run build (npm test does) first');
    });

    it('answers /health as soon as it listens, then serves GraphQL once the supergraph is loaded', async () => {
      const gateway = startCompiledGateway(['--supergraph', toy.supergraphPath]);
      try {
        const starting = await gateway.logged('gateway starting: /health answers, GraphQL follows once the supergraph is loaded');
        const health = await fetch(String(starting.url));
        expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
        // Within the same moment the supergraph is still loading, or on a fast machine already loaded.
        const ready = await fetch(String(starting.url).replace('/health', '/ready'));
        const readyBody = await ready.json();
        if (ready.status === 503) expect(readyBody).toEqual({ status: 'starting' });
        else expect([ready.status, readyBody.status]).toEqual([200, 'ready']);

        const listening = await gateway.logged('gateway listening');
        expect((await fetch(String(listening.url).replace('/graphql', '/ready'))).status).toBe(200);
        const { body } = await postGraphQL(String(listening.url), '{ station(code: "OSL") { name latest { celsius } } }');
        expect(body).toEqual({ data: { station: { name: 'Oslo Blindern', latest: { celsius: -3.5 } } } });
      } finally {
        gateway.kill();
      }
    });

    it('exits 1 with one clear line when the supergraph cannot be enforced, although it was already listening', async () => {
      const gateway = startCompiledGateway(['--supergraph', unenforceableSupergraph]);
      const { code, stdout, stderr } = await gateway.exited;
      expect(code).toBe(1);
      expect(stdout).toContain('gateway starting');
      expect(stderr).toBe(`gateway: cannot start: ${UNENFORCEABLE}\n`);
    });

    it('exits 1 before listening when the supergraph file is missing', async () => {
      const { code, stdout, stderr } = await startCompiledGateway(['--supergraph', 'nowhere/supergraph.graphql']).exited;
      expect(code).toBe(1);
      expect(stdout).not.toContain('gateway starting');
      expect(stderr).toBe('gateway: cannot start: supergraph file "nowhere/supergraph.graphql" cannot be read (ENOENT); set SUPERGRAPH_PATH or --supergraph\n');
    });
  });
});

interface CompiledGateway {
  /** Resolves with the first log record carrying this message. */
  logged(message: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(): void;
}

function startCompiledGateway(args: string[]): CompiledGateway {
  const child = spawn(process.execPath, [COMPILED_GATEWAY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const records: Record<string, unknown>[] = [];
  const waiting: { message: string; resolve: (record: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout += `${line}\n`;
    const record = JSON.parse(line) as Record<string, unknown>;
    records.push(record);
    for (const w of waiting.filter((w) => w.message === record.msg)) w.resolve(record);
  });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    logged: (message) => new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = records.find((r) => r.msg === message);
      if (seen) return resolve(seen);
      // A deadline inside the test's own, so that the caller's finally still stops the process.
      const deadline = setTimeout(() => reject(new Error(`the gateway did not log "${message}" within 20 s`)), 20_000);
      waiting.push({ message, resolve: (record) => { clearTimeout(deadline); resolve(record); } });
      void exited.then(({ code }) => {
        clearTimeout(deadline);
        reject(new Error(`the gateway exited (${code}) before logging "${message}": ${stderr}`));
      });
    }),
    exited,
    kill: () => { child.kill('SIGTERM'); },
  };
}
