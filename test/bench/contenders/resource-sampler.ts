/** What one process used during one measurement. */
export interface ResourceUsage {
  /** User plus system CPU time. */
  cpuMs: number;
  wallMs: number;
  /** Highest resident set size seen; sampled, so a spike shorter than the interval can be missed. */
  peakRssBytes: number;
}

const SAMPLE_INTERVAL_MS = 50;

/**
 * Runs inside the measured process: CPU from process.cpuUsage() (exact), peak memory by sampling
 * RSS, because the kernel's own high-water mark (maxRSS) never goes down and so cannot be scoped to
 * one measurement.
 */
export class ResourceSampler {
  #cpuStart: NodeJS.CpuUsage | null = null;
  #wallStart = 0;
  #peakRss = 0;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    this.#cpuStart = process.cpuUsage();
    this.#wallStart = performance.now();
    this.#peakRss = process.memoryUsage.rss();
    this.#timer = setInterval(() => { this.#peakRss = Math.max(this.#peakRss, process.memoryUsage.rss()); }, SAMPLE_INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): ResourceUsage {
    if (!this.#cpuStart) throw new Error('measurement was not started');
    clearInterval(this.#timer);
    const cpu = process.cpuUsage(this.#cpuStart);
    const usage = {
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - this.#wallStart,
      peakRssBytes: Math.max(this.#peakRss, process.memoryUsage.rss()),
    };
    this.#cpuStart = null;
    return usage;
  }
}
