import { median } from '../report.js';
import type { MajorCollection } from './gc-trace.js';
import type { TimeWindow } from './soak-plan.js';

// Oracle 3 of the soak (issue 12, item 7): each gateway's memory grows by less than 10% from the end
// of the warm-up to the end of the run. What grows in a leak is the live set: the heap in use after a
// full collection (./gc-trace.ts). The resident set and the heap in use between collections, sampled
// every few seconds from the gateway's own /metrics (prom-client's process metrics), are reported
// too, but do not decide: in the first minutes of a load V8 lets the heap grow to the size the load
// needs before it collects in full (a sawtooth of 80 to 240 MB here), and the resident set follows
// that growth, whether anything leaks or not.

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

export interface LiveHeapFigure extends GrowthFigure {
  /** Full collections after the warm-up: the first and last of them are compared. */
  collections: number;
  /** How many are compared at each end (their median). */
  compared: number;
}

export interface ReplicaGrowth {
  replica: number;
  /** Median of the samples in the plan's windows (reported, not judged). */
  rss: GrowthFigure;
  heapUsed: GrowthFigure;
  /** The heap in use after full collections, MB converted to bytes (judged). */
  liveHeap: LiveHeapFigure;
  withinLimit: boolean;
}

/** At most this many full collections are compared at each end of the run. */
export const COLLECTIONS_COMPARED = 3;

/**
 * The live set's growth: the median heap after the first full collections once the warm-up is
 * over against the median after the last ones, at most COLLECTIONS_COMPARED at each end and never
 * the same one at both. Fewer than two full collections after the warm-up: not measured (null).
 */
export function liveHeapGrowth(collections: readonly MajorCollection[], warmUpS: number): LiveHeapFigure {
  const after = collections.filter((c) => c.atS >= warmUpS).sort((a, b) => a.atS - b.atS);
  const compared = Math.min(COLLECTIONS_COMPARED, Math.floor(after.length / 2));
  if (compared === 0) return { baseline: null, end: null, growth: null, collections: after.length, compared };
  const bytes = (list: readonly MajorCollection[]) => median(list.map((c) => c.afterMb)) * 2 ** 20;
  const baseline = bytes(after.slice(0, compared));
  const end = bytes(after.slice(-compared));
  return { baseline, end, growth: end / baseline - 1, collections: after.length, compared };
}

function growthOf(values: (window: TimeWindow) => number[], baselineWindow: TimeWindow, endWindow: TimeWindow): GrowthFigure {
  const before = values(baselineWindow);
  const after = values(endWindow);
  const baseline = before.length > 0 ? median(before) : null;
  const end = after.length > 0 ? median(after) : null;
  return { baseline, end, growth: baseline !== null && end !== null && baseline > 0 ? end / baseline - 1 : null };
}

/**
 * Each replica's figures: the sampled resident set and heap from the baseline window to the end
 * window, and the live heap from its full collections after the warm-up, which decides. A replica
 * whose live heap could not be measured fails.
 */
export function memoryGrowth(
  samples: readonly MemorySample[],
  collections: ReadonlyMap<number, readonly MajorCollection[]>,
  windows: { baseline: TimeWindow; end: TimeWindow; warmUpS: number },
  limit = MEMORY_GROWTH_LIMIT,
): ReplicaGrowth[] {
  const replicas = [...new Set([...samples.map((s) => s.replica), ...collections.keys()])].sort((a, b) => a - b);
  return replicas.map((replica) => {
    const inWindow = (pick: (s: MemorySample) => number | null) => (window: TimeWindow) =>
      samples.filter((s) => s.replica === replica && s.atS >= window.fromS && s.atS <= window.toS)
        .flatMap((s) => { const v = pick(s); return v === null ? [] : [v]; });
    const rss = growthOf(inWindow((s) => s.rssBytes), windows.baseline, windows.end);
    const heapUsed = growthOf(inWindow((s) => s.heapUsedBytes), windows.baseline, windows.end);
    const liveHeap = liveHeapGrowth(collections.get(replica) ?? [], windows.warmUpS);
    return { replica, rss, heapUsed, liveHeap, withinLimit: liveHeap.growth !== null && liveHeap.growth < limit };
  });
}
