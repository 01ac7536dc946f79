import { auditCostMarkdown, auditCostOf, auditCostVerdict, storageLine, type AuditCost } from './audit-cost.js';
import type { BenchSettings } from './bench-settings.js';
import type { AuditStorage } from './contenders/gateway-messages.js';
import { HIVE_POLICY_MAPPING } from './contenders/hive-policies.js';
import { CONTENDER_NAMES } from './contenders/start-gateways.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { AUTHORIZATION_STAGES, authorizationTotal, STAGE_ORDER, type StageTime } from './profile-summary.js';
import type { WorkloadOutcome } from './phases/main-workloads.js';
import type { ScalingPoint } from './phases/scaling.js';
import {
  AUTHORIZATION_SHARE_LIMIT, formatNumber, formatRatio, formatVerdict, lineChartSvg, markdownTable, resultsMarkdownTable, resultsTextTable,
  SIZE_P50_LIMIT, sizeRatios, sizeVerdict, targetVerdicts, textTable,
  type AuthorizationWork, type ChartSeries, type SizeRounds, type TableRow, type Verdict,
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
  /** Concord's authorization work on (b): from this run's profile, or from the last profile.json next to the results. */
  authorization: AuthorizationWork | null;
  /** The previous committed results, for the no-regression targets and the "previous run" column. */
  previous: PreviousResults | null;
  /** What the audit trail costs on (b), and its Redis memory per record; absent from runs without (b). */
  audit?: AuditCost;
}

/** What the report keeps of the previous committed results.json. */
export interface PreviousResults {
  /** e.g. "results.json at a5d398b, run 2026-11-24". */
  source: string;
  /** Requests per second relative to stock, by workload id, then by contender name. */
  ratios: Record<string, Record<string, number>>;
}

/**
 * The ratios of a results.json as an earlier version of this benchmark wrote it; null when the text
 * is not one. Only what every version wrote is read: workload ids, contender names and ratioToStock.
 */
export function previousResultsFrom(text: string, commit: string): PreviousResults | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const document = json as { generatedAt?: unknown; workloads?: unknown };
  if (!Array.isArray(document.workloads)) return null;
  const ratios: Record<string, Record<string, number>> = {};
  for (const entry of document.workloads as { workload?: { id?: unknown }; outcomes?: unknown }[]) {
    const id = entry?.workload?.id;
    if (typeof id !== 'string' || !Array.isArray(entry.outcomes)) continue;
    for (const outcome of entry.outcomes as { name?: unknown; ratioToStock?: unknown }[]) {
      if (typeof outcome?.name !== 'string' || typeof outcome.ratioToStock !== 'number') continue;
      (ratios[id] ??= {})[outcome.name] = outcome.ratioToStock;
    }
  }
  const run = typeof document.generatedAt === 'string' ? `, run ${document.generatedAt.slice(0, 10)}` : '';
  return { source: `results.json at ${commit}${run}`, ratios };
}

/**
 * Concord's authorization work on (b) in a profiled run's results (this run's, or a profile.json's).
 * A profile summarised with other stage names (an older STAGES) says nothing about these stages: null.
 */
export function authorizationWorkOf(
  profiles: BenchResults['cpuProfiles'] | undefined, source: string,
): AuthorizationWork | null {
  const stages = profiles?.[CONTENDER_NAMES.concord]?.b;
  if (!stages || !stages.every((s) => STAGE_ORDER.includes(s.stage))) return null;
  const total = authorizationTotal(stages);
  return total ? { ...total, source } : null;
}

/** The same from the text of a profile.json; null when it holds no profile of (b). */
export function authorizationWorkFrom(text: string): AuthorizationWork | null {
  try {
    const document = JSON.parse(text) as Partial<Pick<BenchResults, 'cpuProfiles' | 'generatedAt'>>;
    const run = typeof document.generatedAt === 'string' ? `, run ${document.generatedAt.slice(0, 10)}` : '';
    return authorizationWorkOf(document.cpuProfiles, `profile.md${run}`);
  } catch {
    return null;
  }
}

/** Concord's and stock's p50 at each result size, round by round. */
export function sizeRounds(points: readonly ScalingPoint[]): SizeRounds[] {
  const p50s = (x: number, contender: string) => points.find((p) => p.x === x && p.contender === contender)?.rounds.map((r) => r.p50Ms) ?? [];
  return [...new Set(points.map((p) => p.x))].sort((a, b) => a - b)
    .map((size) => ({ size, concordP50Ms: p50s(size, 'concord'), stockP50Ms: p50s(size, 'apollo') }));
}

/** Every target of the report, from what the run measured (see report.ts, targetVerdicts). */
export function benchVerdicts(results: Pick<BenchResults, 'workloads' | 'scaling' | 'authorization' | 'previous'>): Verdict[] {
  const rps = new Map(results.workloads.map(({ workload, outcomes }) =>
    [workload.id as string, new Map(outcomes.map((o) => [o.name, o.rounds.map((r) => r.figures.rps)]))]));
  const concordRatios = Object.entries(results.previous?.ratios ?? {}).flatMap(([id, byName]) => {
    const r = byName[CONTENDER_NAMES.concord];
    return r === undefined ? [] : [[id, r] as const];
  });
  const onB = results.workloads.find((w) => w.workload.id === 'b')?.outcomes.filter((o) => o.contender !== 'floor') ?? [];
  return targetVerdicts({
    rps,
    concord: CONTENDER_NAMES.concord,
    stock: CONTENDER_NAMES.apollo,
    hive: CONTENDER_NAMES.hive,
    sizes: sizeRounds(results.scaling.resultSize),
    authorization: results.authorization,
    previous: results.previous ? { source: results.previous.source, ratios: new Map(concordRatios) } : null,
    memoryOnB: new Map(onB.map((o) => [o.name, o.median.heapAllocMbPerRequest ?? null])),
  });
}

/** Concord against Concord with its audit trail off on (b), round by round; null when (b) was not run. */
export function benchAuditCost(workloads: readonly WorkloadOutcome[], storage: AuditStorage | null): AuditCost | undefined {
  const onB = workloads.find((w) => w.workload.id === 'b')?.outcomes;
  if (!onB) return undefined;
  const rpsOf = (id: string) => onB.find((o) => o.contender === id)?.rounds.map((r) => r.figures.rps) ?? [];
  return auditCostOf(rpsOf('concord'), rpsOf('concord-audit-off'), storage);
}

/** What Hive Gateway's own enforcement cannot express of Concord's, in the benchmark's terms. */
export const HIVE_CANNOT_MIRROR = [
  '@policy is decided once per request from the caller alone (generic auth extractPolicies), before execution: no per-dataset decision on data class, licence, DUO terms, embargo, owner or a grant for that dataset. In workload (b) Hive shows the guarded content of every dataset on the page to the researcher (or of none), where Concord shows it for the datasets the researcher may use.',
  'No denial reasons or hints: a withheld field carries UNAUTHORIZED_FIELD_OR_TYPE without policy, reason or obtainAccess.',
  'No grant store: grants exist only as far as the token says, and only as "holds some grant".',
  'No reject or dry-run mode per policy version, no audit line per denial with the policy version.',
  'Token size is bounded only by the HTTP header limit (Concord refuses tokens over JWT_MAX_TOKEN_BYTES before decoding them).',
];

export function tableRows(workloads: readonly WorkloadOutcome[], previous: PreviousResults | null = null): TableRow[] {
  return workloads.flatMap(({ workload, outcomes }) => outcomes.map((o) => ({
    workload: `(${workload.id}) ${workload.size}`,
    contender: o.name,
    figures: o.median,
    ratioToStock: o.ratioToStock,
    previousRatioToStock: previous?.ratios[workload.id]?.[o.name] ?? null,
  })));
}

export function consoleSummary(results: BenchResults): string {
  const verdicts = textTable(['target', 'measured', 'verdict'], results.verdicts.map((v) => [v.target, v.measured, v.status.toUpperCase()]));
  const profile = results.cpuProfiles ? `\n\nCPU ms per request by stage (--cpu-prof)\n${textTable(...profileTable(results.cpuProfiles))}` : '';
  const audit = results.audit ? `\n\n${textTable(['audit trail', 'measured', 'verdict'], [auditTextRow(results.audit)])}\n${storageLine(results.audit.storage)}` : '';
  return `${resultsTextTable(tableRows(results.workloads, results.previous))}\n\n${verdicts}${audit}${profile}\n`;
}

function auditTextRow(cost: AuditCost): string[] {
  const verdict = auditCostVerdict(cost);
  return [verdict.target, verdict.measured, verdict.status.toUpperCase()];
}

export const AUTHORIZATION_WORK_ROW = 'authorization work (the authz rows together)';

/**
 * Stages as rows, authorization first and then its total; for each workload, a column per profiled
 * gateway, side by side. Each cell: ms per request (share of that gateway's CPU time).
 */
export function profileTable(profiles: Record<string, Record<string, StageTime[]>>): [string[], string[][]] {
  const columns = Object.entries(profiles).flatMap(([gateway, byWorkload]) =>
    Object.entries(byWorkload).map(([workload, stages]) => ({ workload, gateway, stages })))
    .sort((a, b) => a.workload.localeCompare(b.workload));
  const seen = new Set(columns.flatMap((c) => c.stages.map((s) => s.stage)));
  // The parts of the authorization target always have a row, even when they took no time; the catch-all only when it did.
  const listed = (stage: string) => seen.has(stage) || ((AUTHORIZATION_STAGES as readonly string[]).includes(stage) && stage !== AUTHORIZATION_STAGES.at(-1));
  const ordered = [...STAGE_ORDER.filter(listed), ...[...seen].filter((s) => !STAGE_ORDER.includes(s))];
  const authorization = ordered.filter((s) => (AUTHORIZATION_STAGES as readonly string[]).includes(s));
  const others = ordered.filter((s) => !authorization.includes(s));
  const msAndShare = (ms: number, share: number) => `${formatNumber(ms, 2)} (${Math.round(share * 100)}%)`;
  const cell = (stages: readonly StageTime[], stage: string) => {
    const row = stages.find((r) => r.stage === stage);
    return row ? msAndShare(row.msPerRequest, row.share) : '–';
  };
  const authorizationCell = (stages: readonly StageTime[]) => {
    const total = authorizationTotal(stages);
    return total ? `**${msAndShare(total.msPerRequest, total.share)}**` : '–';
  };
  const total = (stages: readonly StageTime[]) => formatNumber(stages.reduce((sum, r) => sum + r.msPerRequest, 0), 2);
  return [
    ['stage', ...columns.map((c) => `(${c.workload}) ${c.gateway}`)],
    [
      ...authorization.map((stage) => [stage, ...columns.map((c) => cell(c.stages, stage))]),
      [AUTHORIZATION_WORK_ROW, ...columns.map((c) => authorizationCell(c.stages))],
      ...others.map((stage) => [stage, ...columns.map((c) => cell(c.stages, stage))]),
      ['total', ...columns.map((c) => total(c.stages))],
    ],
  ];
}

/** The authorization target's verdict, as profile.md states it under its table. */
export function authorizationVerdictLine(work: AuthorizationWork | null): string {
  const limit = `${Math.round(AUTHORIZATION_SHARE_LIMIT * 100)}%`;
  if (!work) return `Target: Concord's authorization work at most ${limit} of its CPU time per request on (b): not measured (workload (b) was not profiled).`;
  const met = work.share <= AUTHORIZATION_SHARE_LIMIT;
  return `Target: Concord's authorization work at most ${limit} of its CPU time per request on (b): ${formatNumber(work.msPerRequest, 2)} of ${formatNumber(work.totalMsPerRequest, 2)} ms, ${Math.round(work.share * 100)}%: **${met ? 'met' : 'missed'}**.`;
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

/** The target drawn on the size chart: SIZE_P50_LIMIT times stock's p50 at each size. */
export function sizeTargetSeries(points: readonly ScalingPoint[], limit = SIZE_P50_LIMIT): ChartSeries | null {
  const stock = points.filter((p) => p.contender === 'apollo').map((p) => ({ x: p.x, y: p.figures.p50Ms * limit }));
  return stock.length === 0 ? null : { name: `target: ${limit.toFixed(2)}x ${CONTENDER_NAMES.apollo}`, points: stock, dashed: true };
}

export function sizeChart(points: readonly ScalingPoint[]): string {
  const target = sizeTargetSeries(points);
  return lineChartSvg({
    title: 'p50 latency against result size (guarded fields, grants on half, 3 partners)',
    xLabel: 'datasets in the answer', yLabel: 'p50 latency (ms)', xScale: 'log', yScale: 'log',
    series: [...scalingSeries(points), ...(target ? [target] : [])],
  });
}

export function partnersChart(points: readonly ScalingPoint[], pageSize: number): string {
  return lineChartSvg({
    title: `p50 latency against number of partners (page of ${pageSize}, guarded fields)`,
    xLabel: 'partners in the supergraph', yLabel: 'p50 latency (ms)', series: scalingSeries(points),
  });
}

function scalingCells(points: readonly ScalingPoint[], names: readonly string[], x: number): string[] {
  return names.map((name) => {
    const f = points.find((p) => p.x === x && p.name === name)?.figures;
    return f ? `${formatNumber(f.p50Ms)} ms / ${formatNumber(f.rps, 0)}` : '–';
  });
}

export function scalingTable(points: readonly ScalingPoint[], xHeader: string): string {
  const names = contenderNames(points);
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  return markdownTable([xHeader, ...names.map((n) => `${n}: p50 / req/s`)], xs.map((x) => [String(x), ...scalingCells(points, names, x)]));
}

/**
 * The result-size table: each contender's p50 and req/s, the fields Concord withheld (grants on half
 * the page: the other half's guarded fields), Concord's p50 against stock's with the target at each
 * size, and a last row with the verdict over all sizes.
 */
export function sizeScalingTable(points: readonly ScalingPoint[]): string {
  const names = contenderNames(points);
  const ratios = sizeRatios(sizeRounds(points));
  const verdict = sizeVerdict(ratios);
  const withheld = (x: number) => points.find((p) => p.x === x && p.contender === 'concord')?.withheld;
  const headers = ['datasets', ...names.map((n) => `${n}: p50 / req/s`), 'Concord: withheld', `Concord p50 / stock p50 (target ≤ ${SIZE_P50_LIMIT.toFixed(2)}x)`];
  const rows = ratios.map(({ size, ratio, status }) => [
    String(size), ...scalingCells(points, names, size), String(withheld(size) ?? '–'), `${formatRatio(ratio)} ${formatVerdict(status)}`,
  ]);
  const verdictRow = ['verdict', ...names.map(() => ''), '', `${formatVerdict(verdict.status)}: ${verdict.measured}`];
  return markdownTable(headers, [...rows, verdictRow]);
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
    `Method: autocannon, ${s.connections} connections, closed loop; a ${s.warmUpSeconds} s warm-up per contender and workload, then ${s.rounds} round${s.rounds === 1 ? '' : 's'} of ${s.seconds} s in which the contenders take turns (order rotated each round); figures are medians of the rounds (peak RSS: the highest). CPU % is of one core, sampled in each gateway's own process. Every gateway and the partners run in separate processes on the same machine as the load generator. "req/s vs stock" (and every ratio in the targets) is the median over rounds of the ratio between the two contenders within a round, which cancels most of the drift of a shared machine; "previous run" is the same ratio in ${results.previous ? results.previous.source : 'the previous committed results.json (none found)'}.`,
    '',
    MEMORY_METHOD,
    '',
    `Scaling: workload (b)'s question (guarded fields, grants on every second dataset of the page) at each result size, the grants held in Concord's grant store for a researcher of that size (500 grants would not fit in a token); each point after a ${s.scalingWarmUpSeconds} s warm-up, in ${s.scalingRounds} round${s.scalingRounds === 1 ? '' : 's'} of ${s.scalingSeconds} s or longer (so that at least 20 requests complete), the first with every contender and the others with Concord and stock only; p50 is the median of the rounds, and Concord's p50 against stock's the median of the rounds' ratios. The partner points are one round each, with the grants in the token as in (b).`,
    '',
    '## Workloads',
    '',
    resultsMarkdownTable(tableRows(results.workloads, results.previous)),
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
    markdownTable(['target', 'measured', 'verdict'], results.verdicts.map((v) => [v.target, v.measured, formatVerdict(v.status)])),
    '',
    ...(results.verdicts.some((v) => v.status !== 'met')
      ? ['Where the time goes: `npm run bench -- --cpu-prof --no-scaling` profiles Concord and stock @apollo/gateway and writes [profile.md](profile.md), CPU milliseconds per request by stage, side by side.', '']
      : []),
    ...(results.audit ? [auditCostMarkdown(results.audit)] : []),
    '## Scaling',
    '',
    '![p50 latency against result size](latency-vs-size.svg)',
    '',
    sizeScalingTable(results.scaling.resultSize),
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
    'CPU milliseconds per request in each gateway\'s own process, from the V8 profile `--cpu-prof` writes, counting only the samples taken while that gateway was being measured; in brackets, the share of that gateway\'s CPU time. A frame is counted for the first stage that it or its nearest caller belongs to; the stages are file-path patterns in one table, STAGES in test/bench/profile-summary.ts. The "authz:" rows are Concord\'s own authorization work (ARCHITECTURE.md "Authorization"): static decisions and operation analysis, per-entity decisions (schema/policy), shaping the response, and denial errors (graphql-js\'s error code counts there only when authorization code called it). Garbage collection is not split by whose garbage it collects: it is in the total, not in the authorization work (results.md reports heap MB allocated per request). The profiler slows the gateways down: these figures are for diagnosis, results.md has the figures of record.',
    '',
    markdownTable(...profileTable(results.cpuProfiles ?? {})),
    '',
    authorizationVerdictLine(results.authorization),
    '',
    ...(results.audit ? [auditCostMarkdown(results.audit)] : []),
    '## Figures of this profiled run',
    '',
    resultsMarkdownTable(tableRows(results.workloads)),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

export const MEMORY_METHOD = 'Memory per request ("heap alloc MB/req"): MB allocated on each gateway\'s V8 heap per request, measured inside the gateway\'s process over the same window as CPU time. V8 keeps no running total of allocations, so the heap in use is read when the window opens and closes (v8.getHeapStatistics) and v8.GCProfiler records the heap in use before and after every garbage collection in between; allocated = growth over the window + what each collection freed. Memory outside the V8 heap (Buffers, sockets) is not counted. It is the garbage each request leaves for the collector, the main cause of the "garbage collection" rows in profile.md.';

export { HIVE_POLICY_MAPPING };
