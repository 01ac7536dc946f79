import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import { DEMO_AUDIENCE, DEMO_ISSUER } from '../../../subgraphs/demo/demo-identity.js';
import { mintToken } from '../../../subgraphs/demo/demo-personas.js';
import { loadAverage1m, machineInfo, describeMachine } from '../machine.js';
import { createProgress, type Progress } from '../progress.js';
import { auditCoverage } from './audit-coverage.js';
import { readTrail, verifyChain } from './audit-trail-read.js';
import { PARTNER_KILLED, runFaults, type FaultRun } from './fault-runner.js';
import { latencyChart, memoryChart } from './soak-charts.js';
import { MEMORY_GROWTH_LIMIT, memoryGrowth } from './memory-growth.js';
import { majorCollections, type MajorCollection } from './gc-trace.js';
import type { ServiceProcess } from './service-process.js';
import { sampleMemory } from './memory-sampler.js';
import { summariseLogFiles } from './service-logs.js';
import { startClients, type ClientCaller } from './soak-clients.js';
import { GATEWAY_SETTINGS, REDIS_KEY_PREFIX, startSoakFederation, type SoakFederation } from './soak-federation.js';
import { GRANTED_ANALYST_SUBJECT, soakPersonas, STORED_GRANT_DATASET } from './soak-personas.js';
import { readSoakArguments, resultsName, soakPlan, SOAK_USAGE, type AppendFsync, type SoakPlan } from './soak-plan.js';
import { linkedFilesOf, soakMarkdown } from './soak-report.js';
import { auditFigures, oracleVerdicts, soakPassed, type SoakResults } from './soak-results.js';
import { liveLine } from './live-line.js';
import { faultEffects, latencyBuckets, requestTotals, stretches, stretchTallies } from './timeline.js';
import { callerViewOf, datasetFactsOf } from './visibility.js';
import { WORKLOAD_WEIGHTS, workloadPools } from './soak-workloads.js';
import { approveStoredGrant } from './stored-grant.js';

// `npm run soak` (issue 12, item 7): the soak and fault test. Starts the federation with two
// gateways on one Redis, runs 100 clients for two minutes while a partner is killed and restarted
// and Redis is restarted, then decides three oracles and writes test/bench/results/soak.md,
// soak.json, soak-latency.svg and soak-memory.svg. Exit code 1 when an oracle fails, 2 on bad usage.

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const CLIENTS = 100;
const SEED = 'concord-soak-1';
const REQUEST_TIMEOUT_MS = 30_000;
const TOKEN_SECONDS = 2 * 3600;
const PROGRESS_EVERY_S = 5;

interface Run {
  folder: string;
  federation: SoakFederation | null;
  faults: FaultRun | null;
}

async function soak(plan: SoakPlan, appendFsync: AppendFsync, run: Run, progress: Progress, startedAt: number): Promise<SoakResults> {
  const machine = machineInfo();
  progress(`machine: ${describeMachine(machine)}; load average ${machine.loadAverage1m}`);
  const federation = await startSoakFederation(run.folder, appendFsync, progress, (created) => { run.federation = created; });
  const catalogs = [...federation.catalogFiles.values()].map((file) => CatalogFile.parse(JSON.parse(readFileSync(file, 'utf8'))));
  const datasets = datasetFactsOf(catalogs);
  const personas = soakPersonas(catalogs);
  const authorizationOf = new Map(await Promise.all(personas.map(async (p) => [p.name, p.claims ? `Bearer ${await mintToken({
    claims: p.claims, secret: federation.jwtSecret, issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, expiresInSeconds: TOKEN_SECONDS,
  })}` : null] as const)));
  const granted = personas.find((p) => p.claims?.sub === GRANTED_ANALYST_SUBJECT)!;
  const steward = personas.find((p) => p.name === 'steward')!;
  progress(`the steward approves the granted analyst's request for ${STORED_GRANT_DATASET} through the governance subgraph`);
  const storedGrants = await approveStoredGrant(`${federation.gateways[0]!.origin}/graphql`, STORED_GRANT_DATASET, authorizationOf.get(granted.name)!, authorizationOf.get(steward.name)!);
  const callers = new Map<string, ClientCaller>(personas.map((p) => [p.name, {
    persona: p, authorization: authorizationOf.get(p.name) ?? null, view: callerViewOf(p.claims, p === granted ? storedGrants : new Map()),
  }]));

  progress(`load: ${CLIENTS} clients for ${plan.loadSeconds} s; faults at ${plan.faults.map((f) => `${f.atS}–${f.untilS} s`).join(' and ')}`);
  const loadStartedAt = performance.now();
  const loadStartedAtMs = Date.now();
  const clock = () => (performance.now() - loadStartedAt) / 1000;
  const origins = federation.gateways.map((g) => g.origin);
  const clients = startClients({
    origins, callers, pools: workloadPools(catalogs), datasets, clients: CLIENTS, seed: SEED, requestTimeoutMs: REQUEST_TIMEOUT_MS,
  }, clock);
  const memory = sampleMemory(origins, clock);
  const faults = runFaults(plan.faults, federation, clock, progress);
  run.faults = faults;
  for (let next = PROGRESS_EVERY_S; clock() < plan.loadSeconds; next += PROGRESS_EVERY_S) {
    while (clock() < Math.min(next, plan.loadSeconds)) await new Promise((resolve) => setTimeout(resolve, 100));
    progress(liveLine(clients.record.samples, clock(), plan.loadSeconds, PROGRESS_EVERY_S, faults.current(), memory.samples));
  }
  await memory.stop();
  progress('load over: waiting for the requests in flight');
  await clients.stop();
  const windows = await faults.done;
  const record = clients.record;

  progress('reading the audit trail back from Redis and verifying the chain');
  const trail = await readTrail(federation.redisUrl, REDIS_KEY_PREFIX);
  const verify = await verifyChain(federation.redisUrl, REDIS_KEY_PREFIX);
  const coverage = auditCoverage(record.guardedReads, trail.records);
  await federation.readRedisDiagnostics('at the end');
  progress('stopping every service');
  await federation.stop();
  const collections = new Map(federation.gateways.map((g, replica) => [replica, gatewayCollections(g.service, loadStartedAt)] as const));
  const growth = memoryGrowth(memory.samples, collections, { baseline: plan.memoryBaseline, end: plan.memoryEnd, warmUpS: plan.warmUpSeconds });
  const logs = federation.services().filter((s) => s.spec.name !== 'redis').map((s) => summariseLogFiles(s.spec.name, s.logFiles, loadStartedAtMs));

  const visibility = {
    answersChecked: record.answersChecked, guardedValuesChecked: record.guardedValuesChecked,
    violations: record.violationCount, examples: record.violations.slice(0, 20),
  };
  const audit = auditFigures(coverage, { total: trail.total, reads: trail.reads, acts: trail.acts }, verify, record.requestIdMismatches);
  return {
    generatedAt: new Date().toISOString(),
    durationSeconds: (performance.now() - startedAt) / 1000,
    machine,
    loadAverageAtEnd: loadAverage1m(),
    settings: {
      clients: CLIENTS, replicas: origins.length, seed: SEED, requestTimeoutMs: REQUEST_TIMEOUT_MS, appendFsync,
      partners: federation.partnerIds, partnerKilled: PARTNER_KILLED, gatewaySettings: GATEWAY_SETTINGS,
      personas: personas.map((p) => ({ name: p.name, weight: p.weight })), workloads: WORKLOAD_WEIGHTS,
    },
    plan,
    faults: windows,
    faultEffects: faultEffects(record.samples, windows, plan.loadSeconds),
    totals: requestTotals(record.samples),
    buckets: latencyBuckets(record.samples, plan.bucketSeconds, plan.loadSeconds),
    stretches: stretchTallies(record.samples, stretches(windows, plan.loadSeconds)),
    visibility,
    audit,
    memory: growth,
    memorySamples: memory.samples,
    collections: [...collections].map(([replica, list]) => ({ replica, collections: list })),
    logs,
    redis: federation.redisDiagnostics,
    verdicts: oracleVerdicts(visibility, audit, growth, MEMORY_GROWTH_LIMIT),
  };
}

/** Writes `<name>.json`, `<name>.md` and its two charts; resolves with the Markdown file's path in the repository. */
/** A gateway's full collections from its --trace-gc output, timed from the start of the load. */
function gatewayCollections(service: ServiceProcess, loadStartedAt: number): MajorCollection[] {
  return service.logFiles.flatMap((file, start) => {
    const startedS = (service.startTimes[start]! - loadStartedAt) / 1000;
    try {
      return majorCollections(readFileSync(file, 'utf8'), startedS);
    } catch {
      return [];
    }
  });
}

function writeResults(results: SoakResults, name: string): string {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const files = linkedFilesOf(name);
  const { clients, replicas } = results.settings;
  writeFileSync(join(RESULTS_DIRECTORY, files.json), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIRECTORY, `${name}.md`), soakMarkdown(results, files));
  writeFileSync(join(RESULTS_DIRECTORY, files.latencyChart), latencyChart(
    `p50 and p99 latency, ${clients} clients, ${replicas} gateways, faults shaded`, results.buckets, results.faults, results.plan.loadSeconds,
  ));
  writeFileSync(join(RESULTS_DIRECTORY, files.memoryChart), memoryChart(
    `Memory of each gateway: RSS, V8 heap used, live heap after each full GC`, results.memorySamples,
    new Map(results.collections.map((c) => [c.replica, c.collections])), results.faults, results.plan,
  ));
  return `test/bench/results/${name}.md`;
}

function summary(results: SoakResults): string {
  const t = results.totals;
  return [
    `${t.requests.toLocaleString('en-US')} requests, p50 ${Math.round(t.p50Ms ?? 0)} ms, p99 ${Math.round(t.p99Ms ?? 0)} ms; statuses ${t.statuses.map(([s, n]) => `${s === '0' ? 'no answer' : s} ${n}`).join(', ')}`,
    ...results.verdicts.map((v) => `${v.status.toUpperCase().padEnd(6)} ${v.oracle}: ${v.measured}`),
  ].join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = readSoakArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\n\n${SOAK_USAGE}\n`);
    return 2;
  }
  if ('help' in parsed) {
    process.stdout.write(`${SOAK_USAGE}\n`);
    return 0;
  }
  const startedAt = performance.now();
  const progress = createProgress(startedAt);
  const run: Run = { folder: mkdtempSync(join(tmpdir(), 'concord-soak-')), federation: null, faults: null };
  let interrupted = false;
  let cleaned: Promise<void> | null = null;
  const cleanUp = () => (cleaned ??= (async () => {
    await run.federation?.stop().catch((error: unknown) => progress(`stopping the services failed: ${(error as Error).message}`));
    rmSync(run.folder, { recursive: true, force: true });
  })());
  const interrupt = (signal: NodeJS.Signals) => {
    interrupted = true;
    progress(`${signal}: stopping every service and removing the temporary folder`);
    run.faults?.cancel();
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const results = await soak(soakPlan(parsed.loadSeconds), parsed.appendFsync, run, progress, startedAt);
    const written = writeResults(results, resultsName(parsed));
    process.stdout.write(`\n${summary(results)}\nResults in ${written} (${Math.round(results.durationSeconds)} s in all).\n`);
    return soakPassed(results.verdicts) ? 0 : 1;
  } catch (error) {
    // What an interrupted run was doing fails as its services stop: that is not worth a stack trace.
    if (interrupted) return new Promise<number>(() => undefined);
    throw error;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
