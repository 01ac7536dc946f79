import v8 from 'node:v8';

/** What one process used during one measurement. */
export interface ResourceUsage {
  /** User plus system CPU time. */
  cpuMs: number;
  wallMs: number;
  /** Highest resident set size seen; sampled, so a spike shorter than the interval can be missed. */
  peakRssBytes: number;
  /** Bytes allocated on the V8 heap (see heapAllocatedBytes); Buffers and other memory outside the heap are not counted. */
  heapAllocatedBytes: number;
  /** Garbage collections during the measurement, and the time V8 reports they took. */
  gcCount: number;
  gcMs: number;
}

/** The V8 heap in use just before and just after one garbage collection. */
export interface GcHeapChange {
  usedBeforeBytes: number;
  usedAfterBytes: number;
}

/**
 * Bytes allocated on the heap between two moments. V8 does not expose a running total of
 * allocations, but used heap grows only by allocating and shrinks only when a collection frees
 * objects; so what was allocated is the growth from start to end plus what every collection in
 * between freed. A collection that frees nothing (or that V8 reports as growing the heap, when
 * promoted objects land on new pages) adds nothing.
 */
export function heapAllocatedBytes(usedAtStartBytes: number, usedAtEndBytes: number, collections: readonly GcHeapChange[]): number {
  const freed = collections.reduce((sum, gc) => sum + Math.max(0, gc.usedBeforeBytes - gc.usedAfterBytes), 0);
  return Math.max(0, usedAtEndBytes - usedAtStartBytes + freed);
}

const SAMPLE_INTERVAL_MS = 50;

/** The parts of v8.GCProfiler's report read here (Node.js 18.15 and later). */
interface GcProfile {
  statistics: {
    cost: number;
    beforeGC: { heapStatistics: { usedHeapSize: number } };
    afterGC: { heapStatistics: { usedHeapSize: number } };
  }[];
}

/**
 * Runs inside the measured process: CPU from process.cpuUsage() (exact), peak memory by sampling
 * RSS, because the kernel's own high-water mark (maxRSS) never goes down and so cannot be scoped to
 * one measurement; heap allocations from v8.GCProfiler, which records the used heap before and
 * after every collection while it runs (see heapAllocatedBytes).
 */
export class ResourceSampler {
  #cpuStart: NodeJS.CpuUsage | null = null;
  #wallStart = 0;
  #peakRss = 0;
  #heapUsedAtStart = 0;
  #gcProfiler: v8.GCProfiler | null = null;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    this.#cpuStart = process.cpuUsage();
    this.#wallStart = performance.now();
    this.#peakRss = process.memoryUsage.rss();
    this.#gcProfiler = new v8.GCProfiler();
    this.#heapUsedAtStart = v8.getHeapStatistics().used_heap_size;
    this.#gcProfiler.start();
    this.#timer = setInterval(() => { this.#peakRss = Math.max(this.#peakRss, process.memoryUsage.rss()); }, SAMPLE_INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): ResourceUsage {
    if (!this.#cpuStart || !this.#gcProfiler) throw new Error('measurement was not started');
    const gcProfile = this.#gcProfiler.stop() as unknown as GcProfile;
    const heapUsedAtEnd = v8.getHeapStatistics().used_heap_size;
    clearInterval(this.#timer);
    const cpu = process.cpuUsage(this.#cpuStart);
    const collections = gcProfile.statistics.map((gc) => ({
      usedBeforeBytes: gc.beforeGC.heapStatistics.usedHeapSize,
      usedAfterBytes: gc.afterGC.heapStatistics.usedHeapSize,
    }));
    const usage: ResourceUsage = {
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - this.#wallStart,
      peakRssBytes: Math.max(this.#peakRss, process.memoryUsage.rss()),
      heapAllocatedBytes: heapAllocatedBytes(this.#heapUsedAtStart, heapUsedAtEnd, collections),
      gcCount: collections.length,
      // GCProfiler reports each collection's cost in microseconds.
      gcMs: gcProfile.statistics.reduce((sum, gc) => sum + gc.cost, 0) / 1000,
    };
    this.#cpuStart = null;
    this.#gcProfiler = null;
    return usage;
  }
}
