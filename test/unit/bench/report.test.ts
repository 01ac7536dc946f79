import { describe, expect, it } from 'vitest';
import {
  formatNumber, formatRatio, lineChartSvg, logTicks, markdownTable, median, medianFigures, niceTicks, pairedRatio, ratio, targetVerdicts, textTable,
  type Figures,
} from '../../bench/report.js';
import { rotate } from '../../bench/progress.js';
import { scalingSeconds } from '../../bench/phases/scaling.js';
import { callerPolicies } from '../../bench/contenders/hive-policies.js';
import { summariseProfile, type CpuProfile } from '../../bench/profile-summary.js';

// The benchmark's pure helpers (test/bench is not part of the test run: it needs minutes and a quiet
// machine). What they compute ends up in test/bench/results and the README, so it is checked here.

const figures = (rps: number, extra: Partial<Figures> = {}): Figures => ({
  rps, p50Ms: 10, p99Ms: 20, cpuPercent: 50, cpuMsPerRequest: 1, peakRssMb: 100, ...extra,
});

describe('median', () => {
  it.each<[number[], number]>([
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5, 5, 1], 5],
    [[-1, 10, 0], 0],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('refuses no values rather than inventing one', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('medianFigures', () => {
  it('takes the median of each figure but the highest peak memory of any round', () => {
    const summary = medianFigures([
      figures(100, { p50Ms: 12, peakRssMb: 300 }),
      figures(300, { p50Ms: 8, peakRssMb: 310 }),
      figures(200, { p50Ms: 10, peakRssMb: 290 }),
    ]);
    expect(summary).toEqual({ rps: 200, p50Ms: 10, p99Ms: 20, cpuPercent: 50, cpuMsPerRequest: 1, peakRssMb: 310 });
  });

  it('keeps null for figures the floor does not have', () => {
    const floor = figures(1000, { cpuPercent: null, cpuMsPerRequest: null, peakRssMb: null });
    expect(medianFigures([floor, floor])).toMatchObject({ cpuPercent: null, cpuMsPerRequest: null, peakRssMb: null });
  });
});

describe('ratio and formatting', () => {
  it.each<[number, number | undefined, number | null]>([
    [90, 100, 0.9],
    [100, 100, 1],
    [100, 0, null],
    [100, undefined, null],
    [100, NaN, null],
  ])('%d against %s', (value, baseline, expected) => {
    expect(ratio(value, baseline)).toBe(expected);
  });

  it.each<[number | null, string]>([[0.8512, '0.85x'], [1, '1.00x'], [null, '–']])('formatRatio(%s) = %s', (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });

  it.each<[number | null, number, string]>([[12.345, 1, '12.3'], [0.004, 2, '0.00'], [null, 1, '–'], [Infinity, 1, '–']])(
    'formatNumber(%s, %d) = %s', (value, digits, text) => {
      expect(formatNumber(value, digits)).toBe(text);
    },
  );
});

describe('tables', () => {
  const headers = ['contender', 'req/s', 'vs stock'];
  const rows = [['Concord', '812.4', '0.97x'], ['stock | apollo', '840.0', '1.00x']];

  it('writes Markdown with numeric columns right-aligned and pipes escaped', () => {
    expect(markdownTable(headers, rows)).toBe([
      '| contender | req/s | vs stock |',
      '| --- | ---: | ---: |',
      '| Concord | 812.4 | 0.97x |',
      '| stock \\| apollo | 840.0 | 1.00x |',
    ].join('\n'));
  });

  it('pads text columns to their widest cell for the console', () => {
    expect(textTable(headers, rows).split('\n')).toEqual([
      'contender       req/s  vs stock',
      '--------------  -----  --------',
      'Concord         812.4     0.97x',
      'stock | apollo  840.0     1.00x',
    ]);
  });
});

describe('pairedRatio', () => {
  it.each<[string, number[], number[], number | null]>([
    ['steady', [90, 90, 90], [100, 100, 100], 0.9],
    // The machine slows down in the second round for both: the ratio stays put.
    ['drift hits both alike', [90, 45, 90], [100, 50, 100], 0.9],
    ['one odd round does not decide', [90, 150, 95], [100, 100, 100], 0.95],
    ['rounds without a baseline are left out', [90, 80], [100, 0], 0.9],
    ['no usable baseline at all', [90], [0], null],
  ])('%s', (_name, values, baselines, expected) => {
    const result = pairedRatio(values, baselines);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 10);
  });
});

describe('target verdicts', () => {
  // Requests per second of three rounds, per contender.
  const rpsOf = (a: Record<string, number[]>, b: Record<string, number[]>) =>
    new Map([['a', new Map(Object.entries(a))], ['b', new Map(Object.entries(b))]]);
  const names = { concord: 'C', stock: 'S', hive: 'H' };
  const steady = (rps: number) => [rps, rps, rps];

  it.each<[string, Record<string, number[]>, Record<string, number[]>, boolean[]]>([
    ['all met', { C: steady(100), S: steady(100), H: steady(90) }, { C: steady(85), S: steady(100), H: steady(80) }, [true, true, true, true]],
    ['(a) just under stock', { C: steady(99), S: steady(100), H: steady(90) }, { C: steady(90), S: steady(100), H: steady(80) }, [false, true, true, true]],
    ['(b) under 0.85x and behind Hive', { C: steady(100), S: steady(100), H: steady(90) }, { C: steady(40), S: steady(100), H: steady(90) }, [true, false, true, false]],
    ['a tie with Hive is not ahead', { C: steady(100), S: steady(100), H: steady(100) }, { C: steady(90), S: steady(100), H: steady(90) }, [true, true, false, false]],
    ['judged round by round, not on medians of each', { C: [100, 200, 300], S: [90, 210, 280], H: steady(50) }, { C: steady(90), S: steady(100), H: steady(80) }, [true, true, true, true]],
  ])('%s', (_name, a, b, met) => {
    expect(targetVerdicts({ rps: rpsOf(a, b), ...names }).map((v) => v.met)).toEqual(met);
  });

  it('misses a target whose figures are missing', () => {
    expect(targetVerdicts({ rps: new Map(), ...names }).every((v) => !v.met)).toBe(true);
  });
});

describe('niceTicks', () => {
  it.each<[number, number[]]>([
    [95, [0, 20, 40, 60, 80, 100]],
    [1000, [0, 200, 400, 600, 800, 1000]],
    [3.2, [0, 1, 2, 3, 4]],
    [0.07, [0, 0.02, 0.04, 0.06, 0.08]],
    [0, [0, 1]],
  ])('up to %d', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});

describe('logTicks', () => {
  it.each<[number, number, number[]]>([
    [6, 900, [5, 10, 20, 50, 100, 200, 500, 1000]],
    [25, 180, [20, 50, 100, 200]],
    [3, 60_000, [1, 10, 100, 1000, 10_000, 100_000]],
    [0, 10, [1, 10]],
  ])('from %d to %d', (min, max, ticks) => {
    expect(logTicks(min, max)).toEqual(ticks);
  });
});

describe('lineChartSvg', () => {
  const chart = lineChartSvg({
    title: 'p50 <latency>',
    xLabel: 'datasets',
    yLabel: 'ms',
    xScale: 'log',
    yScale: 'log',
    series: [
      { name: 'Concord', points: [{ x: 10, y: 5 }, { x: 100, y: 20 }, { x: 1000, y: 90 }] },
      { name: 'stock & co', points: [{ x: 10, y: 4 }, { x: 1000, y: 80 }] },
    ],
  });

  it('is one SVG document with a line, markers and a legend entry per series', () => {
    expect(chart.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(chart.trimEnd().endsWith('</svg>')).toBe(true);
    expect(chart.match(/<polyline /g)).toHaveLength(2);
    expect(chart.match(/<circle /g)).toHaveLength(5 + 2);
    expect(chart).toContain('>Concord</text>');
  });

  it('escapes text', () => {
    expect(chart).toContain('p50 &lt;latency&gt;');
    expect(chart).toContain('stock &amp; co');
  });

  it('puts each point on the log y axis where its value is', () => {
    const tickY = (label: string) => Number(chart.match(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)" text-anchor="end">${label}</text>`))![1]) - 4;
    const firstPoint = chart.match(/<circle cx="[\d.]+" cy="([\d.]+)"/)!;
    expect(Number(firstPoint[1])).toBeCloseTo(tickY('5'), 0);
  });

  it('places a log axis evenly by orders of magnitude', () => {
    const xs = [...chart.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(10|100|1,000)<\/text>/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(3);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 1);
  });
});

describe('bench scheduling', () => {
  it.each<[number, number[]]>([[0, [1, 2, 3]], [1, [2, 3, 1]], [4, [2, 3, 1]], [-1, [3, 1, 2]]])('rotate by %d', (by, expected) => {
    expect(rotate([1, 2, 3], by)).toEqual(expected);
  });

  it.each<[number, number]>([[20, 3], [400, 4], [900, 9], [5000, 10]])('a scaling point whose idle latency is %d ms runs %d s', (latency, seconds) => {
    expect(scalingSeconds(latency, { scalingSeconds: 3 })).toBe(seconds);
  });
});

describe('Hive Gateway policy mapping', () => {
  const researcher = { scope: 'consortium:member', accepted_terms: ['concord-dua-1.0', 'LicenseRef-NUH-DUA-2.1'], purpose: { category: 'health' } };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a researcher who accepted the DUA', researcher, ['dataset:access', 'dataset:sample-records', 'licence:royalty-terms']],
    ['a member without the DUA', { scope: 'consortium:member', purpose: { category: 'general' } }, []],
    ['a member without a declared purpose', { scope: 'consortium:member', accepted_terms: ['concord-dua-1.0'] }, []],
    ['a steward', { scope: 'consortium:member steward:helix-therapeutics' }, ['dataset:retention-schedule']],
    ['a grant holder', { grants: [{ dataset: 'helix-therapeutics:ds-001', expires: 1 }] }, ['licence:royalty-terms']],
    ['claims of the wrong shape', { scope: 42, accepted_terms: 'concord-dua-1.0', grants: {} }, []],
  ])('%s', (_name, claims, policies) => {
    expect(callerPolicies(claims)).toEqual(policies);
  });
});

describe('summariseProfile', () => {
  // root -> (idle) | (garbage collector) | execute -> GraphQLError -> (native)  | resolve in authz
  const profile: CpuProfile = {
    startTime: 1_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3, 4, 7] },
      { id: 2, callFrame: { functionName: '(idle)', url: '' } },
      { id: 3, callFrame: { functionName: '(garbage collector)', url: '' } },
      { id: 4, callFrame: { functionName: 'executeField', url: 'file:///app/node_modules/graphql/execution/execute.js' }, children: [5] },
      { id: 5, callFrame: { functionName: 'GraphQLError', url: 'file:///app/node_modules/graphql/error/GraphQLError.js' }, children: [6] },
      { id: 6, callFrame: { functionName: 'captureStackTrace', url: '' } },
      { id: 7, callFrame: { functionName: 'decide', url: 'file:///app/gateway/authz/field-decision.ts' } },
    ],
    // One sample every 1,000 µs from 2,000 to 9,000.
    samples: [2, 3, 4, 5, 6, 7, 7, 2],
    timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
  };

  it('counts only the samples inside the windows, per request, leaving idle time out', () => {
    const stages = summariseProfile(profile, [{ fromUs: 3_000, toUs: 8_000, requests: 2 }]);
    expect(stages.map((s) => [s.stage, s.msPerRequest])).toEqual([
      ['errors: GraphQLError and stack traces', 1],
      ['authorization and policies', 1],
      ['garbage collection', 0.5],
      ['second pass: graphql-js execute', 0.5],
    ]);
    expect(stages.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
  });

  it('has nothing to say without requests in the windows', () => {
    expect(summariseProfile(profile, [{ fromUs: 0, toUs: 100, requests: 0 }])).toEqual([]);
  });
});
