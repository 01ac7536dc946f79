import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { catalogPathOf, readFederationManifest } from '../../../schema/federation-manifest.js';
import { REPOSITORY_ROOT, repositoryPath } from '../../../schema/repository-files.js';
import { DEMO_AUDIENCE, DEMO_ISSUER } from '../../../subgraphs/demo/demo-identity.js';
import { redisAnswers } from '../phases/grant-redis.js';
import { readRedisDiagnostics, type RedisDiagnostics } from './redis-diagnostics.js';
import type { AppendFsync } from './soak-plan.js';
import { ServiceProcess, waitUntilReady } from './service-process.js';

// The soak's federation: everything `npm start` runs (subgraphs/demo/start-federation.ts), each from
// dist/ as production runs it, plus a Redis of its own and a second gateway. Every port is a free
// loopback port of this run; the supergraph and the catalogs are copies in the run's folder, so a
// change to the repository's files during the run cannot reach the services. Every service shares
// the one Redis (REDIS_URL): grants, the audit trail, nonces of signed requests.

export const REDIS_KEY_PREFIX = 'concord-soak:';
/** Redis's latency monitor records every event slower than this (an fsync, a command). */
export const REDIS_LATENCY_THRESHOLD_MS = 100;
export const GATEWAY_REPLICAS = 2;

/** What the gateways run with, besides addresses and keys: stated in the report. */
export const GATEWAY_SETTINGS: Readonly<Record<string, string>> = {
  // 100 clients share six personas: per-person and per-address quotas would refuse most of them.
  RATE_LIMITS: 'off',
  // As the benchmark sets it (test/bench/contenders/concord.ts); the soak's operations stay far below.
  MAX_COST: '1000000',
  // The supergraph does not change during the run; a watcher would only add work.
  SUPERGRAPH_WATCH: 'false',
};

export interface RunningGateway {
  /** http://127.0.0.1:<port> */
  origin: string;
  service: ServiceProcess;
}

export interface SoakFederation {
  redisUrl: string;
  gateways: readonly RunningGateway[];
  partnerIds: readonly string[];
  /** Catalog copies the partners serve, by partner id. */
  catalogFiles: ReadonlyMap<string, string>;
  jwtSecret: string;
  /** Redis's own figures, each time they were read (before the restart, at the end). */
  redisDiagnostics: RedisDiagnostics[];
  readRedisDiagnostics(when: string): Promise<void>;
  killPartner(id: string): Promise<void>;
  startPartner(id: string): Promise<void>;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** Every service, for their logs. */
  services(): ServiceProcess[];
  stop(): Promise<void>;
}

const compiled = (source: string) => join(REPOSITORY_ROOT, 'dist', source);
const readyUrl = (port: number) => `http://127.0.0.1:${port}/ready`;

/** Free loopback ports, taken all at once so that no two are the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Only what a process needs from the environment: a REDIS_URL or PORT of the caller's must not leak in. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ'];
  return Object.fromEntries(keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

const keyList = (keys: ReadonlyMap<string, string>, names: readonly string[]) => names.map((n) => `${n}=${keys.get(n)}`).join(',');
const urlList = (urls: ReadonlyMap<string, string>, names: readonly string[]) => names.map((n) => `${n}=${urls.get(n)}`).join(',');

/**
 * Starts every service and resolves once all are ready. `onCreated` receives the federation before
 * the first service starts, so that an interrupted start-up can still stop what it started.
 */
export async function startSoakFederation(
  folder: string, appendFsync: AppendFsync, say: (line: string) => void, onCreated: (federation: SoakFederation) => void,
): Promise<SoakFederation> {
  const manifest = readFederationManifest();
  const governance = manifest.governance;
  if (!governance) throw new Error('schema/subgraphs.json names no governance subgraph: the soak needs one for stored grants');
  const partnerIds = manifest.partners.map((p) => p.id);
  const logFolder = join(folder, 'logs');
  const redisFolder = join(folder, 'redis');
  mkdirSync(logFolder, { recursive: true });
  mkdirSync(redisFolder, { recursive: true });
  mkdirSync(join(folder, 'catalogs'), { recursive: true });

  const supergraphPath = join(folder, 'supergraph.graphql');
  copyFileSync(repositoryPath('schema/supergraph.graphql'), supergraphPath);
  const catalogFiles = new Map(manifest.partners.map((p) => {
    const copy = join(folder, 'catalogs', `${p.id}.json`);
    copyFileSync(catalogPathOf(p), copy);
    return [p.id, copy] as const;
  }));

  const subgraphNames = [...partnerIds, manifest.catalogIndex.name, governance.name];
  const [redisPort, ...ports] = await freePorts(1 + subgraphNames.length + GATEWAY_REPLICAS);
  const portOf = new Map(subgraphNames.map((name, i) => [name, ports[i]!]));
  const gatewayPorts = ports.slice(subgraphNames.length);
  const urls = new Map(subgraphNames.map((name) => [name, `http://127.0.0.1:${portOf.get(name)}/graphql`]));
  // Fresh keys each run, one per subgraph, held as npm start holds them.
  const keys = new Map(subgraphNames.map((name) => [name, randomBytes(32).toString('base64url')]));
  const jwtSecret = randomBytes(48).toString('base64url');
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const shared = { ...baseEnv(), NODE_ENV: 'production', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, REDIS_KEY_PREFIX };
  const node = (name: string, script: string, env: Record<string, string>, args: string[] = [], flags: string[] = []) => new ServiceProcess({
    name, command: process.execPath, args: [...flags, compiled(script), ...args], env: { ...shared, ...env }, cwd: REPOSITORY_ROOT, logFolder,
  });

  // An append-only file, as the compose file keeps Redis, flushed on every write unless told otherwise; no snapshots.
  const redis = new ServiceProcess({
    name: 'redis',
    command: 'redis-server',
    args: [
      '--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisFolder, '--appendonly', 'yes', '--appendfsync', appendFsync, '--save', '',
      '--daemonize', 'no', '--logfile', '', '--latency-monitor-threshold', String(REDIS_LATENCY_THRESHOLD_MS),
    ],
    env: baseEnv(), cwd: redisFolder, logFolder,
  });
  const partners = new Map(manifest.partners.map((p) => [p.id, node(p.id, 'subgraphs/partner-kit/main.js', {
    PORT: String(portOf.get(p.id)), SUBGRAPH_SIGNING_SECRET: keys.get(p.id)!,
  }, ['--partner', p.id, '--catalog', catalogFiles.get(p.id)!])]));
  const harvesterEnv = (name: string) => ({
    PORT: String(portOf.get(name)),
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: urlList(urls, partnerIds),
    SUBGRAPH_SIGNING_SECRET: keys.get(name)!,
    SUBGRAPH_SIGNING_SECRETS: keyList(keys, partnerIds),
  });
  const index = node(manifest.catalogIndex.name, 'subgraphs/catalog-index/main.js', harvesterEnv(manifest.catalogIndex.name), [], ['--max-semi-space-size=64']);
  const governanceService = node(governance.name, 'subgraphs/governance/main.js', harvesterEnv(governance.name));
  const gateways = gatewayPorts.map((port, i) => ({
    origin: `http://127.0.0.1:${port}`,
    // --trace-gc: one line per collection on stdout, from which oracle 3 reads the live heap (gc-trace.ts).
    service: node(`gateway-${i + 1}`, 'gateway/main.js', {
      PORT: String(port),
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_URLS: urlList(urls, subgraphNames),
      SUBGRAPH_SIGNING_SECRETS: keyList(keys, subgraphNames),
      JWT_HS256_SECRET: jwtSecret,
      JWT_ISSUER: DEMO_ISSUER,
      JWT_AUDIENCE: DEMO_AUDIENCE,
      ...GATEWAY_SETTINGS,
    }, [], ['--trace-gc']),
  }));
  const all = () => [redis, ...partners.values(), index, governanceService, ...gateways.map((g) => g.service)];
  let stopping = false;
  // Once stopping, nothing starts again: a start-up or a fault still under way would leave it running.
  const start = (service: ServiceProcess) => {
    if (stopping) throw new Error(`not starting ${service.spec.name}: the soak is stopping`);
    service.start();
  };

  const startRedis = async () => {
    start(redis);
    const started = Date.now();
    while (!(await redisAnswers(redisUrl, 500))) {
      if (!redis.running) throw new Error(`redis-server exited while starting:\n${redis.tail()}`);
      if (Date.now() - started > 20_000) throw new Error(`redis-server did not answer within 20 s:\n${redis.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const startPartner = async (id: string) => {
    const partner = partners.get(id);
    if (!partner) throw new Error(`no partner "${id}" in the federation`);
    start(partner);
    await waitUntilReady(partner, readyUrl(portOf.get(id)!));
  };

  const redisDiagnostics: RedisDiagnostics[] = [];
  const readDiagnostics = async (when: string) => {
    const diagnostics = await readRedisDiagnostics(redisUrl, when);
    if (diagnostics) redisDiagnostics.push(diagnostics);
  };
  const federation: SoakFederation = {
    redisUrl,
    redisDiagnostics,
    readRedisDiagnostics: readDiagnostics,
    gateways,
    partnerIds,
    catalogFiles,
    jwtSecret,
    killPartner: async (id) => partners.get(id)?.stop('SIGKILL'),
    startPartner,
    // SIGTERM: Redis shuts down as an operator's restart would, writing what it holds.
    stopRedis: () => redis.stop('SIGTERM', 20_000),
    startRedis,
    services: all,
    // Gateways first, so nothing they do meets a stopped subgraph or Redis on the way out.
    stop: async () => {
      stopping = true;
      await Promise.all(gateways.map((g) => g.service.stop('SIGTERM', 15_000)));
      await Promise.all([...partners.values(), index, governanceService].map((s) => s.stop('SIGTERM', 10_000)));
      await redis.stop('SIGTERM', 20_000);
    },
  };
  onCreated(federation);
  try {
    say(`starting Redis on port ${redisPort} (append-only file, appendfsync ${appendFsync})`);
    await startRedis();
    say(`starting ${partnerIds.length} partners: ${partnerIds.join(', ')}`);
    await Promise.all(partnerIds.map(startPartner));
    say('starting the catalog index and the governance subgraph');
    start(index);
    start(governanceService);
    await Promise.all([waitUntilReady(index, readyUrl(portOf.get(manifest.catalogIndex.name)!)), waitUntilReady(governanceService, readyUrl(portOf.get(governance.name)!))]);
    say(`starting ${GATEWAY_REPLICAS} gateways`);
    for (const gateway of gateways) start(gateway.service);
    await Promise.all(gateways.map((g) => waitUntilReady(g.service, `${g.origin}/ready`)));
    return federation;
  } catch (error) {
    await federation.stop();
    throw error;
  }
}
