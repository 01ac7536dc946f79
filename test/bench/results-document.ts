import type { BenchSettings } from './bench-settings.js';
import { HIVE_POLICY_MAPPING } from './contenders/hive-policies.js';
import { CONTENDER_NAMES } from './contenders/start-gateways.js';
import { describeMachine, type MachineInfo } from './machine.js';
import type { StageTime } from './profile-summary.js';
import type { WorkloadOutcome } from './phases/main-workloads.js';
import type { ScalingPoint } from './phases/scaling.js';
import {
  formatNumber, lineChartSvg, markdownTable, resultsMarkdownTable, resultsTextTable, textTable, type ChartSeries, type TableRow, type Verdict,
} from './report.js';

export interface BenchResults {
  generatedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  /** Other work on the machine shows here: the benchmark's own processes keep it near 2 on 2 cores. */
  loadAverageAtEnd: number;
  settings: BenchSettings;
  workloads: WorkloadOutcome[];
  skipped: string[];
  /** Bytes of each workload's bearer token (workload (b) carries its grants in it). */
  tokenBytes: Record<string, number>;
  verdicts: Verdict[];
  scaling: { resultSize: ScalingPoint[]; partners: ScalingPoint[] };
  hive: { policyMapping: Readonly<Record<string, string>>; cannotMirror: readonly string[] };
  /** With --cpu-prof: CPU time per request by stage, by gateway name, then by workload id. */
  cpuProfiles: Record<string, Record<string, StageTime[]>> | null;
}

/** What Hive Gateway's own enforcement cannot express of Concord's, in the benchmark's terms. */
export const HIVE_CANNOT_MIRROR = [
  '@policy is decided once per request from the caller alone (generic auth extractPolicies), before execution: no per-dataset decision on data class, licence, DUO terms, embargo, owner or a grant for that dataset. In workload (b) Hive shows the guarded content of every dataset on the page to the researcher (or of none), where Concord shows it for the datasets the researcher may use.',
  'No denial reasons or hints: a withheld field carries UNAUTHORIZED_FIELD_OR_TYPE without policy, reason or obtainAccess.',
  'No grant store: grants exist only as far as the token says, and only as "holds some grant".',
  'No reject or dry-run mode per policy version, no audit line per denial with the policy version.',
  'Token size is bounded only by the HTTP header limit (Concord refuses tokens over JWT_MAX_TOKEN_BYTES before decoding them).',
];

export function tableRows(workloads: readonly WorkloadOutcome[]): TableRow[] {
  return workloads.flatMap(({ workload, outcomes }) => outcomes.map((o) => ({
    workload: `(${workload.id}) ${workload.size}`, contender: o.name, figures: o.median, ratioToStock: o.ratioToStock,
  })));
}

export function consoleSummary(results: BenchResults): string {
  const verdicts = textTable(['target', 'measured', 'verdict'], results.verdicts.map((v) => [v.target, v.measured, v.met ? 'met' : 'MISSED']));
  const profile = results.cpuProfiles ? `\n\nCPU ms per request by stage (--cpu-prof)\n${textTable(...profileTable(results.cpuProfiles))}` : '';
  return `${resultsTextTable(tableRows(results.workloads))}\n\n${verdicts}${profile}\n`;
}

/** Stages as rows; for each workload, a column per profiled gateway, side by side. */
function profileTable(profiles: Record<string, Record<string, StageTime[]>>): [string[], string[][]] {
  const columns = Object.entries(profiles).flatMap(([gateway, byWorkload]) =>
    Object.entries(byWorkload).map(([workload, stages]) => ({ workload, gateway, stages })))
    .sort((a, b) => a.workload.localeCompare(b.workload));
  const stages = [...new Set(columns.flatMap((c) => c.stages.map((s) => s.stage)))];
  const cell = (stages: readonly StageTime[], stage: string) => {
    const row = stages.find((r) => r.stage === stage);
    return row ? `${formatNumber(row.msPerRequest, 2)} (${Math.round(row.share * 100)}%)` : '–';
  };
  const total = (stages: readonly StageTime[]) => formatNumber(stages.reduce((sum, r) => sum + r.msPerRequest, 0), 2);
  return [
    ['stage', ...columns.map((c) => `(${c.workload}) ${c.gateway}`)],
    [...stages.map((stage) => [stage, ...columns.map((c) => cell(c.stages, stage))]), ['total', ...columns.map((c) => total(c.stages))]],
  ];
}

/** Contenders in a fixed order, so that each keeps its column and its colour in every table and chart. */
function contenderNames(points: readonly ScalingPoint[]): string[] {
  const order = Object.keys(CONTENDER_NAMES);
  const sorted = [...points].sort((a, b) => order.indexOf(a.contender) - order.indexOf(b.contender));
  return [...new Set(sorted.map((p) => p.name))];
}

function scalingSeries(points: readonly ScalingPoint[]): ChartSeries[] {
  const names = contenderNames(points);
  return names.map((name) => ({ name, points: points.filter((p) => p.name === name).map((p) => ({ x: p.x, y: p.figures.p50Ms })) }));
}

export function sizeChart(points: readonly ScalingPoint[]): string {
  return lineChartSvg({
    title: 'p50 latency against result size (guarded fields, 3 partners)',
    xLabel: 'datasets in the answer', yLabel: 'p50 latency (ms)', xScale: 'log', yScale: 'log', series: scalingSeries(points),
  });
}

export function partnersChart(points: readonly ScalingPoint[], pageSize: number): string {
  return lineChartSvg({
    title: `p50 latency against number of partners (page of ${pageSize}, guarded fields)`,
    xLabel: 'partners in the supergraph', yLabel: 'p50 latency (ms)', series: scalingSeries(points),
  });
}

function scalingTable(points: readonly ScalingPoint[], xHeader: string): string {
  const names = contenderNames(points);
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const cell = (x: number, name: string) => {
    const f = points.find((p) => p.x === x && p.name === name)?.figures;
    return f ? `${formatNumber(f.p50Ms)} ms / ${formatNumber(f.rps, 0)}` : '–';
  };
  return markdownTable([xHeader, ...names.map((n) => `${n}: p50 / req/s`)], xs.map((x) => [String(x), ...names.map((n) => cell(x, n))]));
}

function failedMeasurements(workloads: readonly WorkloadOutcome[]): string[] {
  return workloads.flatMap(({ workload, outcomes }) => outcomes.flatMap((o) => {
    const failures = o.rounds.reduce((sum, r) => sum + r.failures, 0);
    return failures > 0 ? [`Failed requests: ${failures} for ${o.name} on (${workload.id}); its figures for that workload are suspect.`] : [];
  }));
}

export function resultsMarkdown(results: BenchResults): string {
  const s = results.settings;
  const lines = [
    '# Concord benchmark',
    '',
    `Machine: ${describeMachine(results.machine)}; load average ${results.machine.loadAverage1m} at the start, ${results.loadAverageAtEnd} at the end.`,
    `Run: ${results.generatedAt}, \`npm run bench\` took ${Math.round(results.durationSeconds)} s.`,
    '',
    `Method: autocannon, ${s.connections} connections, closed loop; a ${s.warmUpSeconds} s warm-up per contender and workload, then ${s.rounds} rounds of ${s.seconds} s in which the contenders take turns (order rotated each round); figures are medians of the rounds (peak RSS: the highest). CPU % is of one core, sampled in each gateway's own process. Every gateway and the partners run in separate processes on the same machine as the load generator. "req/s vs stock" (and every ratio in the targets) is the median over rounds of the ratio between the two contenders within a round, which cancels most of the drift of a shared machine. Scaling points are one run each (${s.scalingSeconds} s or longer, so that at least 20 requests complete) after a ${s.scalingWarmUpSeconds} s warm-up.`,
    '',
    '## Workloads',
    '',
    resultsMarkdownTable(tableRows(results.workloads)),
    '',
    ...results.skipped.map((reason) => `Skipped: ${reason}.`),
    ...failedMeasurements(results.workloads),
    'Answers, checked once before any load (datasets, fields withheld with UNAUTHORIZED_FIELD_OR_TYPE, size):',
    '',
    ...results.workloads.map(({ workload, outcomes }) =>
      `- (${workload.id}) ${outcomes.map((o) => `${o.name}: ${o.probe.nodes} datasets, ${o.probe.withheld} withheld, ${Math.round(o.probe.responseBytes / 1024)} KB`).join('; ')}`),
    '',
    `Tokens: ${Object.entries(results.tokenBytes).map(([id, bytes]) => `(${id}) ${bytes} bytes`).join(', ')}; workload (b) carries its grants in the token, within Concord's default JWT_MAX_TOKEN_BYTES (8192).`,
    '',
    '## Targets',
    '',
    markdownTable(['target', 'measured', 'verdict'], results.verdicts.map((v) => [v.target, v.measured, v.met ? 'met' : '**missed**'])),
    '',
    ...(results.verdicts.some((v) => !v.met)
      ? ['Where the time goes: `npm run bench -- --cpu-prof --no-scaling` profiles Concord and stock @apollo/gateway and writes [profile.md](profile.md), CPU milliseconds per request by stage, side by side.', '']
      : []),
    '## Scaling',
    '',
    '![p50 latency against result size](latency-vs-size.svg)',
    '',
    scalingTable(results.scaling.resultSize, 'datasets'),
    '',
    '![p50 latency against number of partners](latency-vs-partners.svg)',
    '',
    scalingTable(results.scaling.partners, 'partners'),
    '',
    '## What Hive Gateway enforces here',
    '',
    'Hive Gateway verifies the same HS256 tokens (issuer, audience, algorithm, clock tolerance) and enforces `@authenticated` and `@requiresScopes` from the supergraph as Concord does. Each `@policy` name is granted to a caller as follows:',
    '',
    ...Object.entries(results.hive.policyMapping).map(([policy, rule]) => `- \`${policy}\`: ${rule}`),
    '',
    'What it cannot mirror:',
    '',
    ...results.hive.cannotMirror.map((item) => `- ${item}`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** A profiled run: its figures for context, then where each profiled gateway's CPU time goes. */
export function profileMarkdown(results: BenchResults): string {
  const lines = [
    '# Where Concord\'s time goes',
    '',
    `Machine: ${describeMachine(results.machine)}. Run: ${results.generatedAt}, \`npm run bench -- --cpu-prof\`.`,
    '',
    'CPU milliseconds per request in each gateway\'s own process, from the V8 profile `--cpu-prof` writes, counting only the samples taken while that gateway was being measured. A frame is counted for the first stage that it or its nearest caller belongs to (test/bench/profile-summary.ts). The profiler slows the gateways down: these figures are for diagnosis, results.md has the figures of record.',
    '',
    markdownTable(...profileTable(results.cpuProfiles ?? {})),
    '',
    '## Figures of this profiled run',
    '',
    resultsMarkdownTable(tableRows(results.workloads)),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

export { HIVE_POLICY_MAPPING };
