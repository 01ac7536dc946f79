import type { MemorySample } from './memory-growth.js';
import { isFailure, percentile, type RequestSample } from './timeline.js';

// The progress line the soak prints every few seconds while the load runs: what the last seconds
// looked like, what is down, and each gateway's latest resident set.

export function liveLine(
  samples: readonly RequestSample[], nowS: number, totalS: number, windowS: number, down: readonly string[], memory: readonly MemorySample[],
): string {
  const recent: RequestSample[] = [];
  // Samples are appended as answers come, so the recent ones are at the end.
  for (let i = samples.length - 1; i >= 0 && samples[i]!.endedS > nowS - windowS; i--) recent.push(samples[i]!);
  const sorted = recent.map((s) => s.latencyMs).sort((a, b) => a - b);
  const failed = recent.filter((s) => s.status !== 200 || s.errorCodes.some(isFailure)).length;
  const latest = new Map<number, MemorySample>();
  for (const sample of memory) latest.set(sample.replica, sample);
  const rss = [...latest.values()].sort((a, b) => a.replica - b.replica)
    .map((s) => `gw${s.replica + 1} ${s.rssBytes === null ? '?' : Math.round(s.rssBytes / 2 ** 20)} MB`).join(', ');
  const ms = (p: number) => Math.round(percentile(sorted, p) ?? 0);
  return [
    `load ${Math.min(totalS, Math.round(nowS))}/${totalS} s: ${samples.length} requests,`,
    `last ${windowS} s ${(recent.length / windowS).toFixed(0)} req/s p50 ${ms(50)} ms p99 ${ms(99)} ms, ${failed} with a failure`,
    down.length > 0 ? `| down: ${down.join(', ')}` : '',
    rss ? `| RSS ${rss}` : '',
  ].filter(Boolean).join(' ');
}
