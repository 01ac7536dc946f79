import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_JWT } from '../harness/tokens.js';
import { readBenchSettings } from './bench-settings.js';
import { describeMachine, loadAverage1m, machineInfo } from './machine.js';
import { runMainFixture } from './phases/main-fixture.js';
import { runPartnerScaling } from './phases/partner-scaling.js';
import type { RunContext } from './phases/run-context.js';
import { createProgress } from './progress.js';
import { targetVerdicts } from './report.js';
import { PROFILED_GATEWAYS, profiledTimes } from './profile-files.js';
import {
  consoleSummary, HIVE_CANNOT_MIRROR, HIVE_POLICY_MAPPING, partnersChart, profileMarkdown, resultsMarkdown, sizeChart, type BenchResults,
} from './results-document.js';
import { CONTENDER_NAMES } from './contenders/start-gateways.js';
import type { GatewayKind } from './contenders/gateway-messages.js';

// `npm run bench` (issue 5): Concord against stock @apollo/gateway, Hive Gateway and a direct call
// to one subgraph, on generated partner catalogs; writes test/bench/results/.

const RESULTS_DIRECTORY = fileURLToPath(new URL('./results/', import.meta.url));
const BENCH_SEED = 1;
/** Concord's default; workload (b)'s token, with grants on 25 datasets, fits in it. */
const MAX_TOKEN_BYTES = 8192;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const progress = createProgress(startedAt);
  const settings = readBenchSettings(process.argv.slice(2));
  const machine = machineInfo();
  const scratchDirectory = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const profileDirectory = settings.cpuProfile ? join(scratchDirectory, 'profiles') : undefined;
  progress(`machine: ${describeMachine(machine)}`);
  const context: RunContext = {
    settings, progress, scratchDirectory,
    signingSecret: randomBytes(32).toString('base64url'),
    jwt: TEST_JWT,
    maxTokenBytes: MAX_TOKEN_BYTES,
    seed: BENCH_SEED,
  };
  try {
    const nodeFlags = (id: GatewayKind) => (profileDirectory && PROFILED_GATEWAYS.includes(id) ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDirectory, id)}`] : []);
    const main = await runMainFixture(context, { nodeFlags });
    const partners = settings.scaling ? await runPartnerScaling(context) : [];
    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      durationSeconds: (performance.now() - startedAt) / 1000,
      machine,
      loadAverageAtEnd: loadAverage1m(),
      settings,
      workloads: main.workloads,
      skipped: main.skipped,
      tokenBytes: main.tokenBytes,
      verdicts: verdictsOf(main.workloads),
      scaling: { resultSize: main.sizeScaling, partners },
      hive: { policyMapping: HIVE_POLICY_MAPPING, cannotMirror: HIVE_CANNOT_MIRROR },
      cpuProfiles: profileDirectory ? profiledTimes(profileDirectory, main.workloads.map(profiledRounds)) : null,
    };
    writeResults(results);
    const written = results.cpuProfiles ? 'test/bench/results/profile.md' : 'test/bench/results/';
    process.stdout.write(`\n${consoleSummary(results)}\nResults in ${written} (${Math.round(results.durationSeconds)} s in all).\n`);
    if (profileDirectory) progress(`CPU profiles of Concord and stock @apollo/gateway in ${profileDirectory}`);
  } finally {
    if (!profileDirectory) rmSync(scratchDirectory, { recursive: true, force: true });
  }
}

function profiledRounds({ workload, outcomes }: BenchResults['workloads'][number]) {
  return { workloadId: workload.id, windowsOf: (id: GatewayKind) => outcomes.find((o) => o.contender === id)?.rounds.map((r) => r.window) ?? [] };
}

function verdictsOf(workloads: BenchResults['workloads']) {
  const rps = new Map(workloads.map(({ workload, outcomes }) => [workload.id as string, new Map(outcomes.map((o) => [o.name, o.rounds.map((r) => r.figures.rps)]))]));
  return targetVerdicts({ rps, concord: CONTENDER_NAMES.concord, stock: CONTENDER_NAMES.apollo, hive: CONTENDER_NAMES.hive });
}

/**
 * The figures of record, or, for a profiled run (whose figures the profiler distorts), only the
 * diagnosis, next to them and without replacing them.
 */
function writeResults(results: BenchResults): void {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const write = (name: string, text: string) => writeFileSync(join(RESULTS_DIRECTORY, name), text);
  if (results.cpuProfiles) {
    write('profile.json', `${JSON.stringify(results, null, 2)}\n`);
    write('profile.md', profileMarkdown(results));
    return;
  }
  write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  write('results.md', resultsMarkdown(results));
  if (results.scaling.resultSize.length > 0) write('latency-vs-size.svg', sizeChart(results.scaling.resultSize));
  if (results.scaling.partners.length > 0) write('latency-vs-partners.svg', partnersChart(results.scaling.partners, results.settings.partnerScalingPageSize));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
