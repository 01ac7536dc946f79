import { describe, expect, it } from 'vitest';
import { comparePeer, formatRatio, median, summariseAgreement, type AgreementSample } from '../../bench/search/peer-comparison.js';

// The search benchmark's verdict: Concord's p95 at most its peer's, measured in the same run.

describe('comparePeer', () => {
  it.each<[{ p50: number; p95: number }, { p50: number; p95: number }, { p50Ratio: number; p95Ratio: number; verdict: string }]>([
    [{ p50: 10, p95: 34 }, { p50: 2.5, p95: 68 }, { p50Ratio: 4, p95Ratio: 0.5, verdict: 'met' }],
    [{ p50: 1, p95: 40 }, { p50: 1, p95: 40 }, { p50Ratio: 1, p95Ratio: 1, verdict: 'met' }],
    [{ p50: 1, p95: 40.01 }, { p50: 2, p95: 40 }, { p50Ratio: 0.5, p95Ratio: 1, verdict: 'missed' }],
    [{ p50: 3, p95: 9 }, { p50: 1, p95: 3 }, { p50Ratio: 3, p95Ratio: 3, verdict: 'missed' }],
    [{ p50: 0, p95: 0 }, { p50: 0, p95: 0 }, { p50Ratio: 1, p95Ratio: 1, verdict: 'met' }],
    [{ p50: 1, p95: 1 }, { p50: 0, p95: 0 }, { p50Ratio: Infinity, p95Ratio: Infinity, verdict: 'missed' }],
  ])('Concord %j against %j', (concord, peer, expected) => {
    expect(comparePeer(concord, peer)).toEqual(expected);
  });

  it.each([NaN, -1, Infinity])('refuses %d as a latency', (bad) => {
    expect(() => comparePeer({ p50: 1, p95: bad }, { p50: 1, p95: 1 })).toThrow(RangeError);
    expect(() => comparePeer({ p50: 1, p95: 1 }, { p50: bad, p95: 1 })).toThrow(RangeError);
  });
});

describe('formatRatio', () => {
  it.each<[number | null | undefined, string]>([
    [0.5, '0.50x'],
    [4, '4.00x'],
    [1.234, '1.23x'],
    [Infinity, 'inf'],
    [NaN, '-'],
    [null, '-'],
    [undefined, '-'],
  ])('%d is %j', (ratio, expected) => {
    expect(formatRatio(ratio)).toBe(expected);
  });
});

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[3], 3],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

const sample = (overrides: Partial<AgreementSample>): AgreementSample => ({
  typo: false, concordTotal: 10, peerTotal: 10, peerAlsoInConcord: 10, samePageIds: 10, pageSize: 20, facetsEqual: true, ...overrides,
});

describe('summariseAgreement', () => {
  it('keeps queries with a typo apart from those both can answer', () => {
    const summary = summariseAgreement([
      sample({}),
      sample({ concordTotal: 40, peerTotal: 20, peerAlsoInConcord: 20, samePageIds: 10 }),
      sample({ concordTotal: 10, peerTotal: 8, peerAlsoInConcord: 6, samePageIds: 4, facetsEqual: null }),
      sample({ typo: true, concordTotal: 5, peerTotal: 0, peerAlsoInConcord: 0, samePageIds: 0, facetsEqual: true }),
      sample({ typo: true, concordTotal: 0, peerTotal: 0, peerAlsoInConcord: 0, samePageIds: 0 }),
    ]);
    expect(summary).toEqual({
      queries: 5,
      exact: {
        queries: 3,
        sameTotal: 1,
        // 10/10, 20/40, 8/10
        medianTotalRatio: 0.8,
        // of PostgreSQL's 10 + 20 + 8 matches, 10 + 20 + 6 are Concord's
        peerMatchesFoundByConcord: 0.947,
        // 10/10, 10/20, 4/10
        medianPageOverlap: 0.5,
        facetsCompared: 2,
        facetsEqual: 2,
      },
      typo: { queries: 2, peerFoundNothing: 2, concordFoundSomething: 1 },
    });
  });

  it('counts facets that differ', () => {
    const summary = summariseAgreement([sample({ facetsEqual: false }), sample({})]);
    expect(summary.exact).toMatchObject({ facetsCompared: 2, facetsEqual: 1 });
  });

  it('has no ratios where nothing matched', () => {
    const summary = summariseAgreement([sample({ concordTotal: 0, peerTotal: 0, peerAlsoInConcord: 0, samePageIds: 0 })]);
    expect(summary.exact).toMatchObject({ sameTotal: 1, medianTotalRatio: null, peerMatchesFoundByConcord: null, medianPageOverlap: null });
  });
});
