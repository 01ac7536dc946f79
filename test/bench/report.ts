// Pure helpers of the benchmark report: medians, ratios, targets, tables and SVG line charts. No
// I/O here, so test/unit/bench/report.test.ts can check them without running a benchmark.

/** What one contender achieved on one workload, in one round or as the median of rounds. */
export interface Figures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of one core the gateway process used; null for the floor, which has no gateway. */
  cpuPercent: number | null;
  cpuMsPerRequest: number | null;
  peakRssMb: number | null;
  /**
   * MB allocated on the gateway's V8 heap per request: the garbage each request makes, which the
   * collector must then find and free (test/bench/contenders/resource-sampler.ts). Null for the floor.
   */
  heapAllocMbPerRequest: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : median(known);
}

/** The median of each figure across rounds, except memory: its peak is the highest of any round. */
export function medianFigures(rounds: readonly Figures[]): Figures {
  if (rounds.length === 0) throw new RangeError('no rounds to summarise');
  const peaks = rounds.map((r) => r.peakRssMb).filter((v): v is number => v !== null);
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    cpuPercent: medianOrNull(rounds.map((r) => r.cpuPercent)),
    cpuMsPerRequest: medianOrNull(rounds.map((r) => r.cpuMsPerRequest)),
    peakRssMb: peaks.length === 0 ? null : Math.max(...peaks),
    heapAllocMbPerRequest: medianOrNull(rounds.map((r) => r.heapAllocMbPerRequest ?? null)),
  };
}

/** value / baseline, or null when there is no usable baseline. */
export function ratio(value: number, baseline: number | undefined): number | null {
  return baseline === undefined || !(baseline > 0) ? null : value / baseline;
}

/**
 * The median of round-by-round ratios. Two contenders measured one after the other in the same round
 * share the machine's state of the moment, so their ratio drifts far less than their figures do when
 * something else on the machine speeds up or slows down between rounds.
 */
export function pairedRatio(values: readonly number[], baselines: readonly number[]): number | null {
  const ratios = values.flatMap((value, round) => {
    const r = ratio(value, baselines[round]);
    return r === null ? [] : [r];
  });
  return ratios.length === 0 ? null : median(ratios);
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface TableRow {
  workload: string;
  contender: string;
  figures: Figures;
  /** Requests per second relative to stock @apollo/gateway in the same run. */
  ratioToStock: number | null;
  /** The same ratio in the previous committed run; null when it had none. */
  previousRatioToStock: number | null;
}

const TABLE_HEADERS = [
  'workload', 'contender', 'req/s', 'p50 ms', 'p99 ms', 'CPU %', 'CPU ms/req', 'heap alloc MB/req', 'peak RSS MB', 'req/s vs stock', 'previous run',
];

export function formatNumber(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

export function formatRatio(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)}x`;
}

function tableCells(row: TableRow): string[] {
  const f = row.figures;
  return [
    row.workload, row.contender, formatNumber(f.rps), formatNumber(f.p50Ms), formatNumber(f.p99Ms),
    formatNumber(f.cpuPercent, 0), formatNumber(f.cpuMsPerRequest, 2), formatNumber(f.heapAllocMbPerRequest ?? null, 2),
    formatNumber(f.peakRssMb, 0), formatRatio(row.ratioToStock), formatRatio(row.previousRatioToStock),
  ];
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.–x-]+$/.test(r[i] ?? '')));
  return [
    `| ${headers.map(escape).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Columns padded to their widest cell; numbers aligned right. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.–x-]+$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function resultsMarkdownTable(rows: readonly TableRow[]): string {
  return markdownTable(TABLE_HEADERS, rows.map(tableCells));
}

export function resultsTextTable(rows: readonly TableRow[]): string {
  return textTable(TABLE_HEADERS, rows.map(tableCells));
}

// ---------------------------------------------------------------------------------------------
// Targets (issue 5, point 6; issue 9)

export type VerdictStatus = 'met' | 'missed' | 'not measured';

export interface Verdict {
  target: string;
  measured: string;
  status: VerdictStatus;
}

export const formatVerdict = (status: VerdictStatus): string => (status === 'missed' ? '**missed**' : status);

/** Concord's p50 at one result size against stock's, round by round. */
export interface SizeRounds {
  size: number;
  /** p50 latency of each round, in the same order for both. */
  concordP50Ms: readonly number[];
  stockP50Ms: readonly number[];
}

export interface SizeRatio {
  size: number;
  /** Concord's p50 over stock's: the median of the rounds' ratios. */
  ratio: number | null;
  status: VerdictStatus;
}

/** Concord's CPU time per request on authorization, from a profiled run (test/bench/profile-summary.ts). */
export interface AuthorizationWork {
  msPerRequest: number;
  totalMsPerRequest: number;
  share: number;
  /** Which run it comes from, e.g. "profile.md of 2026-11-24". */
  source: string;
}

/** Concord's req/s ratio to stock per workload in the previous committed results. */
export interface PreviousRun {
  ratios: ReadonlyMap<string, number>;
  /** Which run they come from, e.g. "results.json at a5d398b, run 2026-11-24". */
  source: string;
}

export interface TargetInput {
  /** Requests per second of each round, by workload id, then by contender name. */
  rps: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
  concord: string;
  stock: string;
  hive: string;
  /** The guarded page at each result size of the scaling phase; empty without it. */
  sizes: readonly SizeRounds[];
  authorization: AuthorizationWork | null;
  previous: PreviousRun | null;
  /** Heap MB allocated per request on (b), by contender name (gateways only). */
  memoryOnB: ReadonlyMap<string, number | null>;
}

const RATIO_TARGETS: readonly { workload: string; minimum: number }[] = [
  { workload: 'a', minimum: 1.0 },
  { workload: 'b', minimum: 0.85 },
];

/** Concord's p50 on a guarded page may be at most this multiple of stock's, at every result size. */
export const SIZE_P50_LIMIT = 1.25;
/** Concord's authorization work may take at most this share of its CPU time per request on (b). */
export const AUTHORIZATION_SHARE_LIMIT = 0.15;
/** Workloads that must not regress against the previous committed run. */
export const NO_REGRESSION_WORKLOADS: readonly string[] = ['c', 'd'];
/**
 * How far a ratio may fall below the previous run's before it counts as a regression: paired
 * ratios on the shared 2-core machine move by a few hundredths from run to run with no change.
 */
export const REGRESSION_TOLERANCE = 0.05;

const status = (measured: boolean, met: boolean): VerdictStatus => (!measured ? 'not measured' : met ? 'met' : 'missed');
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** Concord's p50 against stock's at each size: the median of the rounds' ratios, against SIZE_P50_LIMIT. */
export function sizeRatios(sizes: readonly SizeRounds[], limit = SIZE_P50_LIMIT): SizeRatio[] {
  return [...sizes].sort((a, b) => a.size - b.size).map(({ size, concordP50Ms, stockP50Ms }) => {
    const r = pairedRatio(concordP50Ms, stockP50Ms);
    return { size, ratio: r, status: status(r !== null, r !== null && r <= limit) };
  });
}

/** One verdict for all sizes: met only when every size was measured and within the limit. */
export function sizeVerdict(ratios: readonly SizeRatio[], limit = SIZE_P50_LIMIT): Verdict {
  const range = ratios.length > 0 ? `of ${ratios[0]!.size} to ${ratios.at(-1)!.size} datasets` : 'at every result size';
  const target = `guarded pages ${range}: Concord's p50 at most ${limit.toFixed(2)}x stock's at every size`;
  if (ratios.length === 0 || ratios.some((r) => r.ratio === null)) return { target, measured: 'no scaling phase', status: 'not measured' };
  const worst = ratios.reduce((a, b) => (b.ratio! > a.ratio! ? b : a));
  const missed = ratios.filter((r) => r.status === 'missed').length;
  return {
    target,
    measured: `worst ${formatRatio(worst.ratio)} at ${worst.size}; ${missed === 0 ? 'all' : `${ratios.length - missed} of ${ratios.length}`} sizes within`,
    status: missed === 0 ? 'met' : 'missed',
  };
}

export function targetVerdicts(input: TargetInput): Verdict[] {
  const { rps, concord, stock, hive } = input;
  const verdicts: Verdict[] = [];
  const between = (workload: string, contender: string, baseline: string) => {
    const rounds = rps.get(workload);
    return pairedRatio(rounds?.get(contender) ?? [], rounds?.get(baseline) ?? []);
  };
  for (const { workload, minimum } of RATIO_TARGETS) {
    const toStock = between(workload, concord, stock);
    verdicts.push({
      target: `(${workload}) Concord at least ${minimum.toFixed(2)}x stock @apollo/gateway req/s`,
      measured: formatRatio(toStock),
      status: status(toStock !== null, toStock !== null && toStock >= minimum),
    });
  }
  for (const { workload } of RATIO_TARGETS) {
    const toHive = between(workload, concord, hive);
    verdicts.push({
      target: `(${workload}) Concord ahead of Hive Gateway req/s`,
      measured: `${formatRatio(toHive)} Hive`,
      status: status(toHive !== null, toHive !== null && toHive > 1),
    });
  }
  verdicts.push(sizeVerdict(sizeRatios(input.sizes)));
  const work = input.authorization;
  verdicts.push({
    target: `(b) Concord's authorization work at most ${percent(AUTHORIZATION_SHARE_LIMIT)} of its CPU time per request`,
    measured: work
      ? `${percent(work.share)} (${formatNumber(work.msPerRequest, 2)} of ${formatNumber(work.totalMsPerRequest, 2)} ms, ${work.source})`
      : 'no profile: run with --cpu-prof',
    status: status(work !== null, work !== null && work.share <= AUTHORIZATION_SHARE_LIMIT),
  });
  for (const workload of NO_REGRESSION_WORKLOADS) {
    const now = between(workload, concord, stock);
    const before = input.previous?.ratios.get(workload) ?? null;
    verdicts.push({
      target: `(${workload}) no regression: Concord's req/s vs stock at least the previous run's less ${REGRESSION_TOLERANCE.toFixed(2)}`,
      measured: input.previous ? `${formatRatio(now)} (previous ${formatRatio(before)}, ${input.previous.source})` : `${formatRatio(now)} (no previous results)`,
      status: status(now !== null && before !== null, now !== null && before !== null && now >= before - REGRESSION_TOLERANCE),
    });
  }
  const memory = [...input.memoryOnB];
  const reported = memory.length > 0 && memory.every(([, mb]) => mb !== null);
  verdicts.push({
    target: '(b) memory per request reported for every gateway (heap MB allocated per request)',
    measured: memory.length > 0 ? memory.map(([name, mb]) => `${name} ${formatNumber(mb, 2)}`).join(', ') : 'workload (b) not run',
    status: status(memory.length > 0, reported),
  });
  return verdicts;
}

// ---------------------------------------------------------------------------------------------
// SVG line charts

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: readonly ChartPoint[];
  /** A reference line (a target): dashed, without markers. */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** Logarithmic scales suit values spread over orders of magnitude (10 to 1,000 datasets). */
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  width?: number;
  height?: number;
}

/** Round tick values (1, 2 or 5 times a power of ten) covering 0..max in about `count` steps. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= max) break;
  }
  return ticks;
}

/** Ticks at 1, 2 and 5 times powers of ten from just below min to just above max; decades only when that is too many. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [1, 10];
  const first = Math.floor(Math.log10(min));
  const last = Math.ceil(Math.log10(max));
  const decades = Array.from({ length: last - first + 1 }, (_, i) => 10 ** (first + i));
  if (decades.length > 4) return decades.map((t) => Number(t.toPrecision(12)));
  const ticks = decades.flatMap((d) => [d, 2 * d, 5 * d]).map((t) => Number(t.toPrecision(12)));
  const low = ticks.filter((t) => t <= min).at(-1) ?? ticks[0]!;
  const high = ticks.find((t) => t >= max) ?? ticks.at(-1)!;
  return ticks.filter((t) => t >= low && t <= high);
}

const PALETTE = ['#1f6fb4', '#d62728', '#2ca02c', '#7f7f7f', '#9467bd', '#ff7f0e'];
const MARGIN = { top: 48, bottom: 56, left: 68 };
/** Helvetica at 12 px averages under 7 px a character; the legend's line and gap take 60 px. */
const legendWidth = (names: readonly string[]): number => 60 + 7 * Math.max(0, ...names.map((n) => n.length));

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const formatTick = (value: number): string =>
  Math.abs(value) >= 1000 ? value.toLocaleString('en-US') : String(Number(value.toPrecision(4)));

/** A self-contained SVG: axes with ticks and labels, one polyline with markers per series, a legend. */
export function lineChartSvg(chart: LineChart): string {
  const legend = legendWidth(chart.series.map((s) => s.name));
  const width = chart.width ?? 580 + legend;
  const height = chart.height ?? 440;
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - legend, bottom: height - MARGIN.bottom };
  const xs = [...new Set(chart.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = chart.series.flatMap((s) => s.points.map((p) => p.y));
  const log = chart.xScale === 'log' && xs.every((x) => x > 0);
  const yLog = chart.yScale === 'log' && ys.length > 0 && ys.every((y) => y > 0);
  const yTicks = yLog ? logTicks(Math.min(...ys), Math.max(...ys)) : niceTicks(Math.max(0, ...ys));
  const toUnit = (x: number) => (log ? Math.log10(x) : x);
  const toYUnit = (y: number) => (yLog ? Math.log10(y) : y);
  const [xMin, xMaxValue] = [toUnit(xs[0] ?? 0), toUnit(xs[xs.length - 1] ?? 1)];
  const xSpan = xMaxValue - xMin || 1;
  const [yMin, yMaxValue] = [toYUnit(yTicks[0]!), toYUnit(yTicks[yTicks.length - 1]!)];
  const ySpan = yMaxValue - yMin || 1;
  const px = (x: number) => plot.left + ((toUnit(x) - xMin) / xSpan) * (plot.right - plot.left);
  const py = (y: number) => plot.bottom - ((toYUnit(y) - yMin) / ySpan) * (plot.bottom - plot.top);
  const r = (n: number) => n.toFixed(1);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (const tick of yTicks) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${r(py(tick))}" y2="${r(py(tick))}" stroke="#e5e5e5"/>`,
      `<text x="${plot.left - 8}" y="${r(py(tick) + 4)}" text-anchor="end">${formatTick(tick)}</text>`,
    );
  }
  for (const x of xs) {
    parts.push(
      `<line x1="${r(px(x))}" x2="${r(px(x))}" y1="${plot.bottom}" y2="${plot.bottom + 5}" stroke="#333"/>`,
      `<text x="${r(px(x))}" y="${plot.bottom + 19}" text-anchor="middle">${formatTick(x)}</text>`,
    );
  }
  parts.push(
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#333"/>`,
    `<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="#333"/>`,
    `<text x="${(plot.left + plot.right) / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(chart.xLabel)}${log ? ' (log scale)' : ''}</text>`,
    `<text transform="translate(18 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}${yLog ? ' (log scale)' : ''}</text>`,
  );
  chart.series.forEach((series, index) => {
    const color = PALETTE[index % PALETTE.length]!;
    const points = [...series.points].sort((a, b) => a.x - b.x);
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.map((p) => `${r(px(p.x))},${r(py(p.y))}`).join(' ')}"/>`);
    if (!series.dashed) for (const p of points) parts.push(`<circle cx="${r(px(p.x))}" cy="${r(py(p.y))}" r="3.5" fill="${color}"/>`);
    const legendY = plot.top + 8 + index * 20;
    parts.push(
      `<line x1="${plot.right + 16}" x2="${plot.right + 40}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>`,
      ...(series.dashed ? [] : [`<circle cx="${plot.right + 28}" cy="${legendY}" r="3.5" fill="${color}"/>`]),
      `<text x="${plot.right + 46}" y="${legendY + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
