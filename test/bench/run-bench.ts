import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_JWT } from '../harness/tokens.js';
import { readBenchSettings, USAGE } from './bench-settings.js';
import { describeMachine, loadAverage1m, machineInfo } from './machine.js';
import { runMainFixture } from './phases/main-fixture.js';
import { runPartnerScaling } from './phases/partner-scaling.js';
import type { RunContext } from './phases/run-context.js';
import { createProgress } from './progress.js';
import { PROFILED_GATEWAYS, profiledTimes } from './profile-files.js';
import {
  authorizationWorkFrom, authorizationWorkOf, benchAuditCost, benchVerdicts, consoleSummary, HIVE_CANNOT_MIRROR, HIVE_POLICY_MAPPING, partnersChart,
  previousResultsFrom, profileMarkdown, resultsMarkdown, sizeChart, type BenchResults, type PreviousResults,
} from './results-document.js';
import type { AuthorizationWork } from './report.js';
import type { GatewayKind } from './contenders/gateway-messages.js';

// `npm run bench` (issues 5 and 9): Concord against stock @apollo/gateway, Hive Gateway and a direct
// call to one subgraph, on generated partner catalogs; writes test/bench/results/.

const RESULTS_DIRECTORY = fileURLToPath(new URL('./results/', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMITTED_RESULTS = 'test/bench/results/results.json';
const BENCH_SEED = 1;
/** Concord's default; workload (b)'s token, with grants on 25 datasets, fits in it. */
const MAX_TOKEN_BYTES = 8192;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const progress = createProgress(startedAt);
  const settings = readBenchSettings(process.argv.slice(2));
  if (!settings) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
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
    const cpuProfiles = profileDirectory ? profiledTimes(profileDirectory, main.workloads.map(profiledRounds)) : null;
    const measured = {
      workloads: main.workloads,
      scaling: { resultSize: main.sizeScaling, partners },
      authorization: cpuProfiles ? authorizationWorkOf(cpuProfiles, 'this profiled run') : lastProfiledAuthorization(),
      // A profiled run's ratios are the profiler's: they are not compared with the figures of record.
      previous: cpuProfiles ? null : committedResults(),
    };
    const audit = benchAuditCost(main.workloads, main.auditStorage);
    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      durationSeconds: (performance.now() - startedAt) / 1000,
      machine,
      loadAverageAtEnd: loadAverage1m(),
      settings,
      workloads: main.workloads,
      skipped: main.skipped,
      tokenBytes: main.tokenBytes,
      verdicts: benchVerdicts(measured),
      scaling: measured.scaling,
      hive: { policyMapping: HIVE_POLICY_MAPPING, cannotMirror: HIVE_CANNOT_MIRROR },
      cpuProfiles,
      authorization: measured.authorization,
      previous: measured.previous,
      ...(audit ? { audit } : {}),
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

/** results.json as committed at HEAD: what "no regression" on (c) and (d) is judged against. */
function committedResults(): PreviousResults | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPOSITORY_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return previousResultsFrom(git('show', `HEAD:${COMMITTED_RESULTS}`), git('rev-parse', '--short', 'HEAD').trim());
  } catch {
    // Not a git checkout, or no results committed yet: the targets say "not measured".
    return null;
  }
}

/** The authorization share needs the profiler, which distorts the figures of record: it comes from the last profiled run. */
function lastProfiledAuthorization(): AuthorizationWork | null {
  try {
    return authorizationWorkFrom(readFileSync(join(RESULTS_DIRECTORY, 'profile.json'), 'utf8'));
  } catch {
    return null;
  }
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
