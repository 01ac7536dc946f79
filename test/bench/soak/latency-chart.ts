import { logTicks, niceTicks } from '../report.js';
import type { FaultWindow, LatencyBucket } from './timeline.js';

// The soak's chart: p50 and p99 latency per bucket against time, on a log scale (a fault moves the
// p99 by orders of magnitude), with each fault's window shaded and named. The benchmark's line chart
// (../report.ts lineChartSvg) has no shaded windows, so this draws its own, with the same ticks.

const WIDTH = 860;
const HEIGHT = 460;
const PLOT = { left: 72, right: WIDTH - 150, top: 64, bottom: HEIGHT - 56 };
const SERIES = [
  { name: 'p50', colour: '#1f6fb4', pick: (b: LatencyBucket) => b.p50Ms },
  { name: 'p99', colour: '#d62728', pick: (b: LatencyBucket) => b.p99Ms },
] as const;
const FAULT_FILL: Record<FaultWindow['kind'], string> = { 'partner-down': '#f4c27a', 'redis-down': '#b9a3d6' };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r = (n: number) => n.toFixed(1);

export interface LatencyChart {
  title: string;
  buckets: readonly LatencyBucket[];
  faults: readonly FaultWindow[];
  totalSeconds: number;
}

/** Consecutive buckets with a value form one line; an empty bucket breaks it. */
function runsOf(buckets: readonly LatencyBucket[], pick: (b: LatencyBucket) => number | null): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [[]];
  for (const bucket of buckets) {
    const y = pick(bucket);
    if (y === null || !(y > 0)) {
      if (runs.at(-1)!.length > 0) runs.push([]);
      continue;
    }
    runs.at(-1)!.push({ x: (bucket.fromS + bucket.toS) / 2, y });
  }
  return runs.filter((run) => run.length > 0);
}

export function latencyChartSvg(chart: LatencyChart): string {
  const values = chart.buckets.flatMap((b) => SERIES.map((s) => s.pick(b))).filter((v): v is number => v !== null && v > 0);
  const yTicks = values.length > 0 ? logTicks(Math.min(...values), Math.max(...values)) : [1, 10];
  const [yMin, yMax] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)];
  const px = (s: number) => PLOT.left + (s / chart.totalSeconds) * (PLOT.right - PLOT.left);
  const py = (ms: number) => PLOT.bottom - ((Math.log10(ms) - yMin) / (yMax - yMin || 1)) * (PLOT.bottom - PLOT.top);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  chart.faults.forEach((fault, index) => {
    const [x1, x2] = [px(Math.max(0, fault.fromS)), px(Math.min(chart.totalSeconds, fault.toS))];
    parts.push(
      `<rect x="${r(x1)}" y="${PLOT.top}" width="${r(Math.max(1, x2 - x1))}" height="${PLOT.bottom - PLOT.top}" fill="${FAULT_FILL[fault.kind]}" fill-opacity="0.45"><title>${escapeXml(`${fault.target} down, ${fault.fromS.toFixed(1)} to ${fault.toS.toFixed(1)} s`)}</title></rect>`,
      // Labels of neighbouring windows alternate between two rows, so that they never overlap.
      `<text x="${r((x1 + x2) / 2)}" y="${PLOT.top - 8 - (index % 2) * 13}" text-anchor="middle" font-size="11">${escapeXml(`${fault.target} down`)}</text>`,
    );
  });
  for (const tick of yTicks) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${r(py(tick))}" y2="${r(py(tick))}" stroke="#e5e5e5"/>`,
      `<text x="${PLOT.left - 8}" y="${r(py(tick) + 4)}" text-anchor="end">${tick >= 1000 ? tick.toLocaleString('en-US') : tick}</text>`,
    );
  }
  for (const tick of niceTicks(chart.totalSeconds, 12).filter((t) => t <= chart.totalSeconds)) {
    parts.push(
      `<line x1="${r(px(tick))}" x2="${r(px(tick))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}" stroke="#333"/>`,
      `<text x="${r(px(tick))}" y="${PLOT.bottom + 19}" text-anchor="middle">${tick}</text>`,
    );
  }
  parts.push(
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">seconds since the load started (answers grouped by when they came)</text>`,
    `<text transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>`,
  );
  SERIES.forEach((series, index) => {
    for (const run of runsOf(chart.buckets, series.pick)) {
      parts.push(`<polyline fill="none" stroke="${series.colour}" stroke-width="2" points="${run.map((p) => `${r(px(p.x))},${r(py(p.y))}`).join(' ')}"/>`);
      for (const p of run) parts.push(`<circle cx="${r(px(p.x))}" cy="${r(py(p.y))}" r="3" fill="${series.colour}"/>`);
    }
    const legendY = PLOT.top + 8 + index * 20;
    parts.push(
      `<line x1="${PLOT.right + 16}" x2="${PLOT.right + 40}" y1="${legendY}" y2="${legendY}" stroke="${series.colour}" stroke-width="2"/>`,
      `<text x="${PLOT.right + 46}" y="${legendY + 4}">${series.name}</text>`,
    );
  });
  const kinds = [...new Set(chart.faults.map((f) => f.kind))];
  kinds.forEach((kind, index) => {
    const legendY = PLOT.top + 8 + (SERIES.length + index) * 20;
    const label = kind === 'partner-down' ? 'partner down' : 'Redis down';
    parts.push(
      `<rect x="${PLOT.right + 16}" y="${legendY - 7}" width="24" height="14" fill="${FAULT_FILL[kind]}" fill-opacity="0.45"/>`,
      `<text x="${PLOT.right + 46}" y="${legendY + 4}">${label}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
