import { describe, expect, it } from 'vitest';
import { runsOf, timelineChartSvg, type TimelineChart } from '../../../bench/soak/timeline-chart.js';
import { faultBands, latencyChart, memoryChart } from '../../../bench/soak/soak-charts.js';
import { soakPlan } from '../../../bench/soak/soak-plan.js';
import type { FaultWindow, LatencyBucket } from '../../../bench/soak/timeline.js';

const FAULTS: FaultWindow[] = [
  { kind: 'partner-down', target: 'helix-therapeutics', fromS: 5, toS: 12 },
  { kind: 'redis-down', target: 'Redis', fromS: 18, toS: 30 },
];

const shadedTitles = (svg: string) => [...svg.matchAll(/fill-opacity="0.45"><title>([^<]+)<\/title>/g)].map((m) => m[1]);
const lines = (svg: string) => [...svg.matchAll(/<polyline fill="none" stroke="(#[0-9a-f]+)"[^>]*? points="([^"]+)"/g)].map((m) => [m[1], m[2]!.split(' ').length]);
const yTicks = (svg: string) => [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);

describe('runsOf', () => {
  it.each<[string, (number | null)[], number[]]>([
    ['one line', [1, 2, 3], [3]],
    ['broken where a value is missing', [1, null, 3, 4], [1, 2]],
    ['gaps at the ends drop', [null, 1, 2, null], [2]],
    ['nothing usable', [null, -1], []],
  ])('%s', (_, ys, lengths) => {
    expect(runsOf(ys.map((y, x) => ({ x, y })), (y) => y > 0).map((run) => run.length)).toEqual(lengths);
  });
});

describe('timelineChartSvg', () => {
  const chart: TimelineChart = {
    title: 'a & <b>', xLabel: 'seconds', yLabel: 'MB', yScale: 'linear', totalSeconds: 25,
    series: [{ name: 'one', colour: '#111111', style: 'solid', points: [{ x: 0, y: 10 }, { x: 10, y: 120 }] }],
    bands: faultBands(FAULTS),
  };

  it('is one SVG document with its title escaped', () => {
    const svg = timelineChartSvg(chart);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('a &amp; &lt;b&gt;');
  });

  it('shades and names each band, one past the end cut at the end, with one legend entry per kind', () => {
    const svg = timelineChartSvg(chart);
    expect(shadedTitles(svg)).toEqual(['helix-therapeutics down, 5.0 to 12.0 s', 'Redis down, 18.0 to 30.0 s']);
    const [, x, width] = /<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="\d+" fill="#b9a3d6"/.exec(svg)!;
    // The plot runs from 72 to 660 px for 25 s: 18 s is at 495.4, the end (25 s) at 660.
    expect(Number(x)).toBeCloseTo(495.4, 0);
    expect(Number(x) + Number(width)).toBeCloseTo(660, 0);
    expect(svg).toContain('>partner down</text>');
    expect(svg).toContain('>Redis down</text>');
  });

  it('starts a linear scale at 0 and covers the highest value', () => {
    expect(yTicks(timelineChartSvg(chart))).toEqual(['0', '50', '100', '150']);
  });
});

const bucket = (fromS: number, p50Ms: number | null, p99Ms: number | null): LatencyBucket =>
  ({ fromS, toS: fromS + 5, requests: p50Ms === null ? 0 : 10, p50Ms, p99Ms, notOk: 0, withErrors: 0 });

describe('latencyChart', () => {
  const svg = latencyChart('latency', [bucket(0, 40, 200), bucket(5, 50, 900), bucket(10, null, null), bucket(15, 45, 12_000), bucket(20, 42, 300)], FAULTS, 25);

  it('draws p50 and p99, each broken where a bucket had no answers, on a log scale covering every value', () => {
    expect(lines(svg)).toEqual([['#1f6fb4', 2], ['#1f6fb4', 2], ['#d62728', 2], ['#d62728', 2]]);
    expect(svg).toContain('latency (ms) (log scale)');
    // From 40 to 12,000 ms: decades from 10 to 100,000.
    expect(yTicks(svg)).toEqual(['10', '100', '1,000', '10,000', '100,000']);
  });
});

describe('memoryChart', () => {
  it('draws each gateway\'s resident set, heap and live heap, and shades the compared windows as well as the faults', () => {
    const MB = 2 ** 20;
    const svg = memoryChart('memory', [
      { atS: 12, replica: 0, rssBytes: 200 * MB, heapUsedBytes: 80 * MB },
      { atS: 14, replica: 1, rssBytes: 210 * MB, heapUsedBytes: null },
      { atS: 110, replica: 0, rssBytes: 220 * MB, heapUsedBytes: 90 * MB },
      { atS: 112, replica: 1, rssBytes: 215 * MB, heapUsedBytes: 85 * MB },
    ], new Map([[0, [{ atS: 50, beforeMb: 200, afterMb: 70 }, { atS: 100, beforeMb: 210, afterMb: 72 }]]]), FAULTS, soakPlan(120));
    // RSS and heap of each gateway as lines (gateway 2's heap has one point after its gap); the live heap as points only.
    expect(lines(svg)).toEqual([['#1f6fb4', 2], ['#1f6fb4', 2], ['#d62728', 2], ['#d62728', 1]]);
    expect(svg.match(/r="4.5" fill="#1f6fb4"/g)).toHaveLength(3); // two collections and the legend
    expect(svg).toContain('>gateway 2 heap used</text>');
    expect(svg).toContain('>gateway 1 after full GC</text>');
    expect(shadedTitles(svg)).toEqual(['baseline, 10.0 to 20.0 s', 'helix-therapeutics down, 5.0 to 12.0 s', 'Redis down, 18.0 to 30.0 s', 'end, 105.0 to 120.0 s']);
    expect(svg).toContain('>RSS windows</text>');
  });
});
