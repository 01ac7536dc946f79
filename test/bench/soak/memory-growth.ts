import { median } from '../report.js';
import type { TimeWindow } from './soak-plan.js';

// Oracle 3 of the soak (issue 12, item 7): each gateway's memory grows by less than 10% from the end
// of the warm-up to the end of the run. Memory is sampled every few seconds from the gateway's own
// /metrics (prom-client's process metrics); one sample is at the mercy of the garbage collector, so
// each end is the median of the samples in a window of several seconds (the plan's windows).

export const MEMORY_GROWTH_LIMIT = 0.10;

export interface ProcessMemory {
  rssBytes: number | null;
  heapUsedBytes: number | null;
}

/** A sample of one gateway at one moment. */
export interface MemorySample extends ProcessMemory {
  atS: number;
  replica: number;
}

/** The resident set and V8 heap in use from a Prometheus text exposition; null for a metric it lacks. */
export function processMemoryOf(metricsText: string): ProcessMemory {
  return {
    rssBytes: gaugeValue(metricsText, 'process_resident_memory_bytes'),
    heapUsedBytes: gaugeValue(metricsText, 'nodejs_heap_size_used_bytes'),
  };
}

/** The value of an unlabelled sample `name value [timestamp]`. */
export function gaugeValue(metricsText: string, name: string): number | null {
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(name.length + 1).trim().split(/\s+/)[0]);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

export interface GrowthFigure {
  /** Median over the baseline window and over the end window, bytes; null without samples there. */
  baseline: number | null;
  end: number | null;
  /** end / baseline - 1; null when either is missing. */
  growth: number | null;
}

export interface ReplicaGrowth {
  replica: number;
  rss: GrowthFigure;
  heapUsed: GrowthFigure;
  /** The verdict is on the resident set: what the machine has to give the process. */
  withinLimit: boolean;
}

function growthOf(values: (window: TimeWindow) => number[], baselineWindow: TimeWindow, endWindow: TimeWindow): GrowthFigure {
  const before = values(baselineWindow);
  const after = values(endWindow);
  const baseline = before.length > 0 ? median(before) : null;
  const end = after.length > 0 ? median(after) : null;
  return { baseline, end, growth: baseline !== null && end !== null && baseline > 0 ? end / baseline - 1 : null };
}

/** Each replica's growth from the baseline window to the end window; a replica without samples in both fails. */
export function memoryGrowth(
  samples: readonly MemorySample[], baselineWindow: TimeWindow, endWindow: TimeWindow, limit = MEMORY_GROWTH_LIMIT,
): ReplicaGrowth[] {
  const replicas = [...new Set(samples.map((s) => s.replica))].sort((a, b) => a - b);
  return replicas.map((replica) => {
    const inWindow = (pick: (s: MemorySample) => number | null) => (window: TimeWindow) =>
      samples.filter((s) => s.replica === replica && s.atS >= window.fromS && s.atS <= window.toS)
        .flatMap((s) => { const v = pick(s); return v === null ? [] : [v]; });
    const rss = growthOf(inWindow((s) => s.rssBytes), baselineWindow, endWindow);
    const heapUsed = growthOf(inWindow((s) => s.heapUsedBytes), baselineWindow, endWindow);
    return { replica, rss, heapUsed, withinLimit: rss.growth !== null && rss.growth < limit };
  });
}
