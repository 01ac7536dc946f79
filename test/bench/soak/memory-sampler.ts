import { processMemoryOf, type MemorySample } from './memory-growth.js';

// Samples each gateway's memory every few seconds from its own /metrics, as Prometheus would scrape
// it, for oracle 3. A gateway under load may take seconds to answer a scrape: each replica's scrape
// runs on its own, a new one starting on the next tick only once the last has finished, and the
// sample is stamped with when the answer came.

export const MEMORY_SAMPLE_SECONDS = 2;
const SCRAPE_TIMEOUT_MS = 15_000;

export interface MemorySampler {
  samples: MemorySample[];
  stop(): Promise<void>;
}

export function sampleMemory(origins: readonly string[], clock: () => number): MemorySampler {
  const samples: MemorySample[] = [];
  const pending = new Map<number, Promise<void>>();
  const scrape = async (origin: string, replica: number) => {
    try {
      const response = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
      if (!response.ok) return;
      const text = await response.text();
      samples.push({ atS: clock(), replica, ...processMemoryOf(text) });
    } catch {
      // A missed sample: the windows' medians need only some.
    } finally {
      pending.delete(replica);
    }
  };
  const tick = () => origins.forEach((origin, replica) => {
    if (!pending.has(replica)) pending.set(replica, scrape(origin, replica));
  });
  tick();
  const timer = setInterval(tick, MEMORY_SAMPLE_SECONDS * 1000);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending.values());
    },
  };
}
