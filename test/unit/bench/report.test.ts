import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_SHARE_LIMIT, formatNumber, formatRatio, lineChartSvg, logTicks, markdownTable, median, medianFigures, niceTicks, pairedRatio, ratio,
  REGRESSION_TOLERANCE, sizeRatios, sizeVerdict, targetVerdicts, textTable,
  type Figures, type SizeRounds, type TargetInput, type VerdictStatus,
} from '../../bench/report.js';
import { rotate } from '../../bench/progress.js';
import { scalingSeconds } from '../../bench/phases/scaling.js';
import { callerPolicies } from '../../bench/contenders/hive-policies.js';

// The benchmark's pure helpers (test/bench is not part of the test run: it needs minutes and a quiet
// machine). What they compute ends up in test/bench/results and the README, so it is checked here.

const figures = (rps: number, extra: Partial<Figures> = {}): Figures => ({
  rps, p50Ms: 10, p99Ms: 20, cpuPercent: 50, cpuMsPerRequest: 1, peakRssMb: 100, heapAllocMbPerRequest: 2, ...extra,
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
      figures(100, { p50Ms: 12, peakRssMb: 300, heapAllocMbPerRequest: 3 }),
      figures(300, { p50Ms: 8, peakRssMb: 310, heapAllocMbPerRequest: 1 }),
      figures(200, { p50Ms: 10, peakRssMb: 290, heapAllocMbPerRequest: 2.5 }),
    ]);
    expect(summary).toEqual({ rps: 200, p50Ms: 10, p99Ms: 20, cpuPercent: 50, cpuMsPerRequest: 1, peakRssMb: 310, heapAllocMbPerRequest: 2.5 });
  });

  it('keeps null for figures the floor does not have', () => {
    const floor = figures(1000, { cpuPercent: null, cpuMsPerRequest: null, peakRssMb: null, heapAllocMbPerRequest: null });
    expect(medianFigures([floor, floor])).toMatchObject({ cpuPercent: null, cpuMsPerRequest: null, peakRssMb: null, heapAllocMbPerRequest: null });
  });

  it('reads rounds recorded before memory per request was measured as having none', () => {
    const { heapAllocMbPerRequest: _, ...older } = figures(100);
    expect(medianFigures([older as Figures]).heapAllocMbPerRequest).toBeNull();
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
  const rpsOf = (a: Record<string, number[]>, b: Record<string, number[]>, more: Record<string, Record<string, number[]>> = {}) =>
    new Map(Object.entries({ a, b, ...more }).map(([id, byName]) => [id, new Map(Object.entries(byName))]));
  const names = { concord: 'C', stock: 'S', hive: 'H' };
  const steady = (rps: number) => [rps, rps, rps];
  const input = (rps: TargetInput['rps'], extra: Partial<TargetInput> = {}): TargetInput => ({
    rps, ...names, sizes: [], authorization: null, previous: null, memoryOnB: new Map(), ...extra,
  });
  const statuses = (i: TargetInput) => targetVerdicts(i).map((v) => v.status);
  const byTarget = (i: TargetInput, start: string) => targetVerdicts(i).find((v) => v.target.startsWith(start))!;

  it.each<[string, Record<string, number[]>, Record<string, number[]>, VerdictStatus[]]>([
    ['all met', { C: steady(100), S: steady(100), H: steady(90) }, { C: steady(85), S: steady(100), H: steady(80) }, ['met', 'met', 'met', 'met']],
    ['(a) just under stock', { C: steady(99), S: steady(100), H: steady(90) }, { C: steady(90), S: steady(100), H: steady(80) }, ['missed', 'met', 'met', 'met']],
    ['(b) under 0.85x and behind Hive', { C: steady(100), S: steady(100), H: steady(90) }, { C: steady(40), S: steady(100), H: steady(90) }, ['met', 'missed', 'met', 'missed']],
    ['a tie with Hive is not ahead', { C: steady(100), S: steady(100), H: steady(100) }, { C: steady(90), S: steady(100), H: steady(90) }, ['met', 'met', 'missed', 'missed']],
    ['judged round by round, not on medians of each', { C: [100, 200, 300], S: [90, 210, 280], H: steady(50) }, { C: steady(90), S: steady(100), H: steady(80) }, ['met', 'met', 'met', 'met']],
  ])('throughput: %s', (_name, a, b, expected) => {
    expect(statuses(input(rpsOf(a, b))).slice(0, 4)).toEqual(expected);
  });

  it('lists every target of the issue once, in a fixed order', () => {
    expect(targetVerdicts(input(new Map())).map((v) => v.target.slice(0, 24))).toEqual([
      '(a) Concord at least 1.0', '(b) Concord at least 0.8', '(a) Concord ahead of Hiv', '(b) Concord ahead of Hiv',
      'guarded pages at every r', "(b) Concord's authorizat", '(c) no regression: Conco', '(d) no regression: Conco',
      '(b) memory per request r',
    ]);
  });

  it('says "not measured", never met, for a target whose figures are missing', () => {
    expect(statuses(input(new Map()))).toEqual(Array(9).fill('not measured'));
    expect(byTarget(input(new Map()), '(c) no regression').measured).toBe('– (no previous results)');
  });

  const sized = (ratios: number[]): SizeRounds[] => ratios.map((r, i) => ({ size: 10 ** (i + 1), concordP50Ms: [100 * r], stockP50Ms: [100] }));
  it.each<[string, number[], VerdictStatus, string]>([
    ['within at every size', [1.0, 1.2, 1.25], 'met', 'worst 1.25x at 1000; all sizes within'],
    ['over at one size', [1.0, 1.3, 1.1], 'missed', 'worst 1.30x at 100; 2 of 3 sizes within'],
    ['faster than stock', [0.8, 0.9], 'met', 'worst 0.90x at 100; all sizes within'],
  ])('guarded pages by size: %s', (_name, ratios, expected, measured) => {
    const verdict = byTarget(input(new Map(), { sizes: sized(ratios) }), 'guarded pages');
    expect([verdict.status, verdict.measured]).toEqual([expected, measured]);
  });

  it.each<[string, number | null, VerdictStatus]>([
    ['well under', 0.05, 'met'],
    ['exactly at the limit', AUTHORIZATION_SHARE_LIMIT, 'met'],
    ['over', 0.16, 'missed'],
    ['no profile', null, 'not measured'],
  ])('authorization share on (b): %s', (_name, share, expected) => {
    const authorization = share === null ? null : { msPerRequest: share * 10, totalMsPerRequest: 10, share, source: 'profile.md' };
    expect(byTarget(input(new Map(), { authorization }), "(b) Concord's authorization").status).toBe(expected);
  });

  it.each<[string, number, number | undefined, VerdictStatus]>([
    ['better than before', 1.0, 0.94, 'met'],
    ['the same', 0.94, 0.94, 'met'],
    ['within the tolerance', 0.94 - REGRESSION_TOLERANCE + 0.001, 0.94, 'met'],
    ['below it', 0.94 - REGRESSION_TOLERANCE - 0.01, 0.94, 'missed'],
    ['no previous ratio', 0.94, undefined, 'not measured'],
  ])('no regression on (c): %s', (_name, now, before, expected) => {
    const rps = rpsOf({}, {}, { c: { C: steady(100 * now), S: steady(100) } });
    const previous = { source: 'results.json at abc1234', ratios: new Map(before === undefined ? [] : [['c', before]]) };
    const verdict = byTarget(input(rps, { previous }), '(c) no regression');
    expect(verdict.status).toBe(expected);
    expect(verdict.measured).toContain(`previous ${formatRatio(before ?? null)}`);
  });

  it.each<[string, [string, number | null][], VerdictStatus]>([
    ['every gateway', [['C', 2.5], ['S', 1], ['H', 1.5]], 'met'],
    ['one gateway without it', [['C', 2.5], ['S', null]], 'missed'],
    ['(b) not run', [], 'not measured'],
  ])('memory per request on (b): %s', (_name, memory, expected) => {
    expect(byTarget(input(new Map(), { memoryOnB: new Map(memory) }), '(b) memory').status).toBe(expected);
  });
});

describe('sizeRatios', () => {
  it.each<[string, SizeRounds, number | null, VerdictStatus]>([
    ['one round', { size: 10, concordP50Ms: [25], stockP50Ms: [20] }, 1.25, 'met'],
    ['median of paired rounds', { size: 10, concordP50Ms: [30, 60, 26], stockP50Ms: [20, 40, 20] }, 1.5, 'missed'],
    ['Hive and the floor have one round, Concord and stock three', { size: 10, concordP50Ms: [22, 22, 22], stockP50Ms: [20, 20, 20] }, 1.1, 'met'],
    ['no stock figure', { size: 10, concordP50Ms: [25], stockP50Ms: [] }, null, 'not measured'],
  ])('%s', (_name, rounds, expected, status) => {
    const [result] = sizeRatios([rounds]);
    if (expected === null) expect(result!.ratio).toBeNull();
    else expect(result!.ratio).toBeCloseTo(expected, 10);
    expect(result!.status).toBe(status);
  });

  it('lists sizes in ascending order, and the verdict names the range', () => {
    const ratios = sizeRatios([1000, 10, 100].map((size) => ({ size, concordP50Ms: [1], stockP50Ms: [1] })));
    expect(ratios.map((r) => r.size)).toEqual([10, 100, 1000]);
    expect(sizeVerdict(ratios).target).toContain('10 to 1000 datasets');
  });

  it('does not call a run with a size left unmeasured met', () => {
    const ratios = sizeRatios([{ size: 10, concordP50Ms: [1], stockP50Ms: [1] }, { size: 100, concordP50Ms: [1], stockP50Ms: [] }]);
    expect(sizeVerdict(ratios).status).toBe('not measured');
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

  it('draws a dashed reference line without markers', () => {
    const withTarget = lineChartSvg({
      title: 't', xLabel: 'x', yLabel: 'y',
      series: [{ name: 'a', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }, { name: 'target', points: [{ x: 1, y: 2 }, { x: 2, y: 3 }], dashed: true }],
    });
    expect(withTarget.match(/<polyline [^>]*stroke-dasharray/g)).toHaveLength(1);
    expect(withTarget.match(/<circle /g)).toHaveLength(2 + 1);
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
