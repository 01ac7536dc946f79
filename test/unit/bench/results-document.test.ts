import { describe, expect, it } from 'vitest';
import type { ContenderOutcome, WorkloadOutcome } from '../../bench/phases/main-workloads.js';
import type { ScalingPoint } from '../../bench/phases/scaling.js';
import { AUTHORIZATION_STAGES, GC, OTHER, type StageTime } from '../../bench/profile-summary.js';
import type { Figures } from '../../bench/report.js';
import {
  AUTHORIZATION_WORK_ROW, authorizationVerdictLine, authorizationWorkFrom, benchVerdicts, MEMORY_METHOD, previousResultsFrom, profileMarkdown,
  profileTable, resultsMarkdown, sizeChart, sizeRounds, sizeScalingTable, sizeTargetSeries, tableRows, type BenchResults,
} from '../../bench/results-document.js';
import { WORKLOADS } from '../../bench/workloads.js';
import { CONTENDER_NAMES, type ContenderId } from '../../bench/contenders/start-gateways.js';

// What results.md and profile.md say, from hand-made measurements: every target with a verdict,
// the ratio per size, the previous run's ratios, memory per request and the authorization rows.

const figures = (rps: number, extra: Partial<Figures> = {}): Figures => ({
  rps, p50Ms: 1000 / rps, p99Ms: 2000 / rps, cpuPercent: 90, cpuMsPerRequest: 2, peakRssMb: 400, heapAllocMbPerRequest: 1.5, ...extra,
});

function outcome(contender: ContenderId, rpsByRound: number[], extra: Partial<Figures> = {}): ContenderOutcome {
  const rounds = rpsByRound.map((rps, i) => ({
    figures: figures(rps, extra), requests: rps * 3, failures: 0, window: { fromUs: i, toUs: i + 1, requests: rps * 3 }, gc: null,
  }));
  return {
    contender, name: CONTENDER_NAMES[contender], rounds, median: figures(rpsByRound[0]!, extra), ratioToStock: null,
    probe: { nodes: 50, withheld: contender === 'concord' ? 165 : 0, responseBytes: 90_000, latencyMs: 20 },
  };
}

function workload(id: string, concord: number, stock: number, hive: number): WorkloadOutcome {
  return {
    workload: WORKLOADS.find((w) => w.id === id)!,
    outcomes: [
      outcome('concord', [concord, concord], { heapAllocMbPerRequest: 3 }),
      outcome('apollo', [stock, stock], { heapAllocMbPerRequest: 1 }),
      outcome('hive', [hive, hive], { heapAllocMbPerRequest: 2 }),
      outcome('floor', [1000, 1000], { cpuPercent: null, cpuMsPerRequest: null, peakRssMb: null, heapAllocMbPerRequest: null }),
    ],
  };
}

function point(x: number, contender: ContenderId, p50ByRound: number[], withheld = 0): ScalingPoint {
  const rounds = p50ByRound.map((p50Ms) => figures(10_000 / p50Ms, { p50Ms }));
  return { x, contender, name: CONTENDER_NAMES[contender], figures: rounds[0]!, rounds, failures: 0, withheld };
}

// Concord at 1.2x stock's p50 at 10 datasets, 1.5x at 1,000 (three rounds), Hive and the floor once.
const SIZE_POINTS: ScalingPoint[] = [
  point(10, 'concord', [24, 24, 24], 15), point(10, 'apollo', [20, 20, 20]), point(10, 'hive', [22]), point(10, 'floor', [5]),
  point(1000, 'concord', [1500, 1400, 1600], 1500), point(1000, 'apollo', [1000, 1000, 1000]), point(1000, 'hive', [1100]), point(1000, 'floor', [300]),
];

const stage = (name: string, msPerRequest: number, share: number): StageTime => ({ stage: name, msPerRequest, share });
const CONCORD_B: StageTime[] = [
  stage(AUTHORIZATION_STAGES[0], 0.2, 0.02), stage(AUTHORIZATION_STAGES[1], 0.5, 0.05), stage(AUTHORIZATION_STAGES[2], 0.2, 0.02),
  stage(GC, 2, 0.2), stage(OTHER, 7.1, 0.71),
];
const STOCK_B: StageTime[] = [stage(GC, 1, 0.2), stage(OTHER, 4, 0.8)];
const PROFILES = { [CONTENDER_NAMES.concord]: { b: CONCORD_B }, [CONTENDER_NAMES.apollo]: { b: STOCK_B } };

function results(extra: Partial<BenchResults> = {}): BenchResults {
  const base = {
    generatedAt: '2026-12-01T10:00:00.000Z',
    durationSeconds: 600,
    machine: { cpuModel: 'CPU', cores: 2, totalMemoryGb: 8, node: 'v20.0.0', platform: 'linux', loadAverage1m: 1 },
    loadAverageAtEnd: 2,
    settings: {
      connections: 10, seconds: 3, warmUpSeconds: 2, rounds: 2, scalingSeconds: 2, scalingWarmUpSeconds: 1, scalingRounds: 3,
      resultSizes: [10, 1000], partnerCounts: [3], partnerScalingPageSize: 50, workloads: ['a', 'b', 'c', 'd'], scaling: true, cpuProfile: false,
    },
    workloads: [workload('a', 100, 100, 90), workload('b', 80, 100, 70), workload('c', 19, 20, 14), workload('d', 40, 50, 30)],
    skipped: [],
    tokenBytes: { a: 640, b: 2683 },
    scaling: { resultSize: SIZE_POINTS, partners: [point(3, 'concord', [60]), point(3, 'apollo', [50])] },
    hive: { policyMapping: {}, cannotMirror: [] },
    cpuProfiles: null,
    authorization: { msPerRequest: 0.9, totalMsPerRequest: 10, share: 0.09, source: 'profile.md, run 2026-11-30' },
    previous: { source: 'results.json at abc1234, run 2026-11-24', ratios: { c: { Concord: 0.94 }, d: { Concord: 0.93, 'Hive Gateway': 0.81 } } },
    verdicts: [],
    ...extra,
  } satisfies BenchResults;
  return { ...base, verdicts: extra.verdicts ?? benchVerdicts(base) };
}

describe('previousResultsFrom', () => {
  const committed = JSON.stringify({
    generatedAt: '2026-11-24T13:05:13.048Z',
    workloads: [
      { workload: { id: 'c' }, outcomes: [{ name: 'Concord', ratioToStock: 0.94 }, { name: 'stock @apollo/gateway', ratioToStock: 1 }] },
      { workload: { id: 'd' }, outcomes: [{ name: 'Concord', ratioToStock: null }, { name: 'Hive Gateway', ratioToStock: 0.81 }] },
      { outcomes: [{ name: 'Concord', ratioToStock: 2 }] },
    ],
  });

  it.each<[string, string, BenchResults['previous']]>([
    ['the ratios of every workload and contender, and where they come from', committed, {
      source: 'results.json at abc1234, run 2026-11-24',
      ratios: { c: { Concord: 0.94, 'stock @apollo/gateway': 1 }, d: { 'Hive Gateway': 0.81 } },
    }],
    ['not JSON', 'version https://git-lfs', null],
    ['JSON of another shape', '{"rows":[]}', null],
    ['no date', '{"workloads":[]}', { source: 'results.json at abc1234', ratios: {} }],
  ])('%s', (_name, text, expected) => {
    expect(previousResultsFrom(text, 'abc1234')).toEqual(expected);
  });
});

describe('authorizationWorkFrom', () => {
  it.each<[string, string, { share: number; source: string } | null]>([
    ['Concord\'s (b) column of a profile.json', JSON.stringify({ generatedAt: '2026-11-30T09:00:00Z', cpuProfiles: PROFILES }), { share: 0.09, source: 'profile.md, run 2026-11-30' }],
    ['a profile summarised with older stage names', JSON.stringify({ cpuProfiles: { [CONTENDER_NAMES.concord]: { b: [stage('authorization and policies', 2, 0.1), stage(GC, 18, 0.9)] } } }), null],
    ['a profile without (b)', JSON.stringify({ cpuProfiles: { [CONTENDER_NAMES.concord]: { a: CONCORD_B } } }), null],
    ['a results.json (no profiles)', JSON.stringify({ cpuProfiles: null }), null],
    ['not JSON', '', null],
  ])('%s', (_name, text, expected) => {
    const work = authorizationWorkFrom(text);
    if (expected === null) return expect(work).toBeNull();
    expect(work!.share).toBeCloseTo(expected.share, 10);
    expect(work!.source).toBe(expected.source);
  });
});

describe('profileTable', () => {
  const [headers, rows] = profileTable(PROFILES);
  const row = (name: string) => rows.find((r) => r[0] === name);

  it('has a column per workload and gateway', () => {
    expect(headers).toEqual(['stage', `(b) ${CONTENDER_NAMES.concord}`, `(b) ${CONTENDER_NAMES.apollo}`]);
  });

  it('lists the four parts of authorization first, then their total, then the other stages and the total', () => {
    expect(rows.map((r) => r[0])).toEqual([...AUTHORIZATION_STAGES.slice(0, 4), AUTHORIZATION_WORK_ROW, GC, OTHER, 'total']);
  });

  it.each<[string, string[]]>([
    [AUTHORIZATION_STAGES[1], ['0.50 (5%)', '–']],
    [AUTHORIZATION_STAGES[3], ['–', '–']],
    [AUTHORIZATION_WORK_ROW, ['**0.90 (9%)**', '**0.00 (0%)**']],
    ['total', ['10.00', '5.00']],
  ])('row %s', (name, cells) => {
    expect(row(name)!.slice(1)).toEqual(cells);
  });

  it('shows the catch-all for unnamed authorization code only when it took time', () => {
    const [, withCatchAll] = profileTable({ C: { b: [...CONCORD_B, stage(AUTHORIZATION_STAGES[4], 0.1, 0.01)] } });
    expect(withCatchAll.map((r) => r[0])).toContain(AUTHORIZATION_STAGES[4]);
    expect(rows.map((r) => r[0])).not.toContain(AUTHORIZATION_STAGES[4]);
  });
});

describe('authorizationVerdictLine', () => {
  it.each<[string, number | null, string]>([
    ['met', 0.09, '0.90 of 10.00 ms, 9%: **met**'],
    ['missed', 0.2, '2.00 of 10.00 ms, 20%: **missed**'],
    ['not profiled', null, 'not measured'],
  ])('%s', (_name, share, expected) => {
    const work = share === null ? null : { msPerRequest: share * 10, totalMsPerRequest: 10, share, source: 'this profiled run' };
    expect(authorizationVerdictLine(work)).toContain(expected);
  });
});

describe('size scaling', () => {
  it('pairs Concord\'s and stock\'s p50 round by round at each size', () => {
    expect(sizeRounds(SIZE_POINTS)).toEqual([
      { size: 10, concordP50Ms: [24, 24, 24], stockP50Ms: [20, 20, 20] },
      { size: 1000, concordP50Ms: [1500, 1400, 1600], stockP50Ms: [1000, 1000, 1000] },
    ]);
  });

  it('gives the ratio and its verdict per size, the fields Concord withheld, and a verdict row', () => {
    const lines = sizeScalingTable(SIZE_POINTS).split('\n');
    expect(lines[0]).toContain('Concord: withheld');
    expect(lines[0]).toContain('Concord p50 / stock p50 (target ≤ 1.25x)');
    expect(lines[2]).toMatch(/^\| 10 \| .* \| 15 \| 1\.20x met \|$/);
    expect(lines[3]).toMatch(/^\| 1000 \| .* \| 1500 \| 1\.50x \*\*missed\*\* \|$/);
    expect(lines[4]).toMatch(/^\| verdict \|.*\| \*\*missed\*\*: worst 1\.50x at 1000; 1 of 2 sizes within \|$/);
  });

  it('draws the target, 1.25x stock\'s p50, as a dashed line on the chart', () => {
    expect(sizeTargetSeries(SIZE_POINTS)).toEqual({
      name: `target: 1.25x ${CONTENDER_NAMES.apollo}`, dashed: true, points: [{ x: 10, y: 25 }, { x: 1000, y: 1250 }],
    });
    expect(sizeChart(SIZE_POINTS)).toContain('stroke-dasharray');
  });
});

describe('tableRows', () => {
  it('puts the previous run\'s ratio next to this run\'s, by workload and contender', () => {
    const rows = tableRows([workload('d', 40, 50, 30)], results().previous);
    expect(rows.map((r) => [r.contender, r.previousRatioToStock])).toEqual([
      ['Concord', 0.93], ['stock @apollo/gateway', null], ['Hive Gateway', 0.81], ['floor (one subgraph, direct)', null],
    ]);
  });
});

describe('benchVerdicts', () => {
  it.each<[string, string]>([
    ['(a) Concord at least 1.00x', 'met'],
    ['(b) Concord at least 0.85x', 'missed'],
    ['(b) Concord ahead of Hive', 'met'],
    ['guarded pages of 10 to 1000 datasets', 'missed'],
    ["(b) Concord's authorization work", 'met'],
    ['(c) no regression', 'met'],
    ['(d) no regression', 'missed'],
    ['(b) memory per request', 'met'],
  ])('%s: %s', (target, status) => {
    expect(results().verdicts.find((v) => v.target.startsWith(target))?.status).toBe(status);
  });

  it('reports (b)\'s memory per request for the gateways, not the floor', () => {
    expect(results().verdicts.find((v) => v.target.startsWith('(b) memory'))!.measured)
      .toBe('Concord 3.00, stock @apollo/gateway 1.00, Hive Gateway 2.00');
  });
});

describe('resultsMarkdown', () => {
  const markdown = resultsMarkdown(results());

  it('has a targets table with a verdict for each target', () => {
    const targets = markdown.split('## Targets')[1]!.split('\n## ')[0]!.split('\n').filter((l) => l.startsWith('| '));
    // Header, separator, then one line per target.
    expect(targets).toHaveLength(2 + 9);
    for (const line of targets.slice(2)) expect(line).toMatch(/\| (met|\*\*missed\*\*|not measured) \|$/);
  });

  it('states the memory method and the previous run compared with', () => {
    expect(markdown).toContain(MEMORY_METHOD);
    expect(markdown).toContain('results.json at abc1234, run 2026-11-24');
    expect(markdown).toContain('heap alloc MB/req');
  });
});

describe('profileMarkdown', () => {
  it('prints the authorization rows and the verdict of the authorization target', () => {
    const markdown = profileMarkdown(results({ cpuProfiles: PROFILES, authorization: { msPerRequest: 0.9, totalMsPerRequest: 10, share: 0.09, source: 'this profiled run' } }));
    expect(markdown).toContain(`| ${AUTHORIZATION_WORK_ROW} | **0.90 (9%)** |`);
    expect(markdown).toContain('0.90 of 10.00 ms, 9%: **met**');
  });
});
