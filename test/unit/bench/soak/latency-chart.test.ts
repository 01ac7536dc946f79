import { describe, expect, it } from 'vitest';
import { latencyChartSvg } from '../../../bench/soak/latency-chart.js';
import type { LatencyBucket } from '../../../bench/soak/timeline.js';

const bucket = (fromS: number, p50Ms: number | null, p99Ms: number | null): LatencyBucket =>
  ({ fromS, toS: fromS + 5, requests: p50Ms === null ? 0 : 10, p50Ms, p99Ms, notOk: 0, withErrors: 0 });

const svg = latencyChartSvg({
  title: 'p50 & p99 <latency>',
  buckets: [bucket(0, 40, 200), bucket(5, 50, 900), bucket(10, null, null), bucket(15, 45, 12_000), bucket(20, 42, 300)],
  faults: [
    { kind: 'partner-down', target: 'helix-therapeutics', fromS: 5, toS: 12 },
    { kind: 'redis-down', target: 'Redis', fromS: 18, toS: 30 },
  ],
  totalSeconds: 25,
});

describe('latencyChartSvg', () => {
  it('is one SVG document with its title escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('p50 &amp; p99 &lt;latency&gt;');
  });

  it('shades and names each fault window, a window past the end cut at the end', () => {
    const shaded = [...svg.matchAll(/<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="\d+" fill="#[0-9a-f]+" fill-opacity="0.45"><title>([^<]+)<\/title>/g)];
    expect(shaded.map((m) => m[3])).toEqual(['helix-therapeutics down, 5.0 to 12.0 s', 'Redis down, 18.0 to 30.0 s']);
    const [, x, width] = shaded[1]!;
    // Plot from 72 to 710 px for 25 s: 18 s is at 531.4, the end (25 s) at 710.
    expect(Number(x)).toBeCloseTo(531.4, 0);
    expect(Number(x) + Number(width)).toBeCloseTo(710, 0);
    expect(svg).toContain('>helix-therapeutics down</text>');
    expect(svg).toContain('>partner down</text>');
    expect(svg).toContain('>Redis down</text>');
  });

  it('draws p50 and p99, each broken where a bucket had no answers, on a log scale covering every value', () => {
    const lines = [...svg.matchAll(/<polyline fill="none" stroke="(#[0-9a-f]+)"[^>]* points="([^"]+)"/g)];
    expect(lines.map((m) => [m[1], m[2]!.split(' ').length])).toEqual([['#1f6fb4', 2], ['#1f6fb4', 2], ['#d62728', 2], ['#d62728', 2]]);
    expect(svg).toContain('latency (ms, log scale)');
    // From 40 to 12,000 ms: decades from 10 to 100,000.
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['10', '100', '1,000', '10,000', '100,000']);
  });
});
