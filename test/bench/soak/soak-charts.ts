import type { MajorCollection } from './gc-trace.js';
import type { MemorySample } from './memory-growth.js';
import type { SoakPlan } from './soak-plan.js';
import type { FaultWindow, LatencyBucket } from './timeline.js';
import { timelineChartSvg, type TimelineBand } from './timeline-chart.js';

// The two charts of soak.md: latency per bucket, and each gateway's memory (resident set and heap
// sampled, the live heap after each full collection), against the seconds of the run, with the
// faults shaded, and on the memory chart the windows the resident set is compared over.

const FAULT_FILL: Record<FaultWindow['kind'], string> = { 'partner-down': '#f4c27a', 'redis-down': '#b9a3d6' };
const WINDOW_FILL = '#cfcfcf';
const COLOURS = ['#1f6fb4', '#d62728', '#2ca02c', '#9467bd'];

export function faultBands(faults: readonly FaultWindow[]): TimelineBand[] {
  return faults.map((f) => ({
    fromS: f.fromS, toS: f.toS, label: `${f.target} down`, kind: f.kind === 'partner-down' ? 'partner down' : 'Redis down', fill: FAULT_FILL[f.kind],
  }));
}

export function latencyChart(title: string, buckets: readonly LatencyBucket[], faults: readonly FaultWindow[], totalSeconds: number): string {
  const at = (b: LatencyBucket) => (b.fromS + b.toS) / 2;
  return timelineChartSvg({
    title,
    xLabel: 'seconds since the load started (answers grouped by when they came)',
    yLabel: 'latency (ms)',
    yScale: 'log',
    totalSeconds,
    series: [
      { name: 'p50', colour: COLOURS[0]!, style: 'solid', points: buckets.map((b) => ({ x: at(b), y: b.p50Ms })) },
      { name: 'p99', colour: COLOURS[1]!, style: 'solid', points: buckets.map((b) => ({ x: at(b), y: b.p99Ms })) },
    ],
    bands: faultBands(faults),
  });
}

const MB = 2 ** 20;

export function memoryChart(
  title: string, samples: readonly MemorySample[], collections: ReadonlyMap<number, readonly MajorCollection[]>, faults: readonly FaultWindow[], plan: SoakPlan,
): string {
  const replicas = [...new Set([...samples.map((s) => s.replica), ...collections.keys()])].sort((a, b) => a - b);
  const of = (replica: number, pick: (s: MemorySample) => number | null) =>
    samples.filter((s) => s.replica === replica).map((s) => { const v = pick(s); return { x: s.atS, y: v === null ? null : v / MB }; });
  return timelineChartSvg({
    title,
    xLabel: 'seconds since the load started',
    yLabel: 'MB',
    yScale: 'linear',
    totalSeconds: plan.loadSeconds,
    series: replicas.flatMap((replica, i) => {
      const colour = COLOURS[i % COLOURS.length]!;
      return [
        { name: `gateway ${replica + 1} RSS`, colour, style: 'solid' as const, points: of(replica, (s) => s.rssBytes) },
        { name: `gateway ${replica + 1} heap used`, colour, style: 'dashed' as const, points: of(replica, (s) => s.heapUsedBytes) },
        { name: `gateway ${replica + 1} after full GC`, colour, style: 'points' as const, points: (collections.get(replica) ?? []).map((c) => ({ x: c.atS, y: c.afterMb })) },
      ];
    }),
    bands: [
      { ...plan.memoryBaseline, label: 'baseline', kind: 'RSS windows', fill: WINDOW_FILL },
      ...faultBands(faults),
      { ...plan.memoryEnd, label: 'end', kind: 'RSS windows', fill: WINDOW_FILL },
    ].map(({ fromS, toS, label, kind, fill }) => ({ fromS, toS, label, kind, fill })),
  });
}
