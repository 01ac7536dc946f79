import { describe, expect, it } from 'vitest';
import type { MajorCollection } from '../../../bench/soak/gc-trace.js';
import { gaugeValue, liveHeapGrowth, memoryGrowth, processMemoryOf, type MemorySample } from '../../../bench/soak/memory-growth.js';

const METRICS = [
  '# HELP process_resident_memory_bytes Resident memory size in bytes.',
  '# TYPE process_resident_memory_bytes gauge',
  'process_resident_memory_bytes 171966464',
  'nodejs_heap_size_used_bytes 60123456.5',
  'nodejs_heap_space_size_used_bytes{space="new"} 1000',
  'process_resident_memory_bytes_other 5',
].join('\n');

describe('gaugeValue and processMemoryOf', () => {
  it.each<[string, number | null]>([
    ['process_resident_memory_bytes', 171966464],
    ['nodejs_heap_size_used_bytes', 60123456.5],
    ['nodejs_heap_space_size_used_bytes', null], // labelled samples only
    ['nodejs_external_memory_bytes', null],
  ])('%s', (name, expected) => {
    expect(gaugeValue(METRICS, name)).toBe(expected);
  });

  it('reads the resident set and the heap in use; null for what is missing or unreadable', () => {
    expect(processMemoryOf(METRICS)).toEqual({ rssBytes: 171966464, heapUsedBytes: 60123456.5 });
    expect(processMemoryOf('process_resident_memory_bytes NaN\n')).toEqual({ rssBytes: null, heapUsedBytes: null });
  });
});

const at = (replica: number, atS: number, rssMb: number, heapMb: number | null = 50): MemorySample =>
  ({ replica, atS, rssBytes: rssMb * 2 ** 20, heapUsedBytes: heapMb === null ? null : heapMb * 2 ** 20 });
const BASELINE = { fromS: 10, toS: 20 };
const END = { fromS: 105, toS: 120 };
const WINDOWS = { baseline: BASELINE, end: END, warmUpS: 20 };
const gc = (atS: number, afterMb: number): MajorCollection => ({ atS, beforeMb: afterMb * 3, afterMb });
const MB = 2 ** 20;

describe('liveHeapGrowth', () => {
  it.each<[string, MajorCollection[], { baseline: number | null; end: number | null; collections: number; compared: number }]>([
    ['none after the warm-up: not measured', [gc(5, 70), gc(15, 80)], { baseline: null, end: null, collections: 0, compared: 0 }],
    ['one: not measured, since it cannot be compared with itself', [gc(30, 80)], { baseline: null, end: null, collections: 1, compared: 0 }],
    ['two: the first against the last', [gc(15, 60), gc(30, 80), gc(110, 84)], { baseline: 80, end: 84, collections: 2, compared: 1 }],
    ['five: two at each end, none in common', [gc(25, 80), gc(40, 90), gc(60, 500), gc(90, 86), gc(115, 88)], { baseline: 85, end: 87, collections: 5, compared: 2 }],
    ['eight: three at each end, in time order whatever the input order', [gc(118, 95), gc(21, 81), gc(30, 79), gc(45, 83), gc(60, 90), gc(75, 91), gc(100, 93), gc(110, 99)],
      { baseline: 81, end: 95, collections: 8, compared: 3 }],
  ])('%s', (_, collections, expected) => {
    const figure = liveHeapGrowth(collections, 20);
    expect({ ...figure, baseline: figure.baseline && figure.baseline / MB, end: figure.end && figure.end / MB, growth: undefined })
      .toEqual({ ...expected, growth: undefined });
    if (expected.baseline !== null) expect(figure.growth).toBeCloseTo(expected.end! / expected.baseline - 1, 10);
    else expect(figure.growth).toBeNull();
  });
});

describe('memoryGrowth', () => {
  it('reports the sampled resident set and heap by their windows\' medians, ignoring samples outside them', () => {
    const growth = memoryGrowth([
      at(0, 5, 80), // warm-up: not in the baseline window
      at(0, 10, 200), at(0, 14, 210), at(0, 20, 205, 60),
      at(0, 60, 400), // mid-run spike: outside both windows
      at(0, 106, 215), at(0, 110, 1000), at(0, 120, 219),
      at(1, 12, 100), at(1, 18, 100), at(1, 108, 111), at(1, 116, 109),
    ], new Map(), WINDOWS);
    expect(growth.map((g) => [g.replica, g.rss.baseline! / MB, g.rss.end! / MB, Number(g.rss.growth!.toFixed(4))])).toEqual([
      [0, 205, 219, 0.0683],
      [1, 100, 110, 0.1],
    ]);
    expect(growth[0]!.heapUsed).toEqual({ baseline: 50 * MB, end: 50 * MB, growth: 0 });
  });

  it('judges each gateway by its live heap, not by its resident set', () => {
    const [steady, leaking] = memoryGrowth(
      [at(0, 15, 200), at(0, 110, 350), at(1, 15, 200), at(1, 110, 205)],
      new Map([[0, [gc(30, 80), gc(110, 84)]], [1, [gc(30, 80), gc(110, 96)]]]),
      WINDOWS,
    );
    expect(steady).toMatchObject({ rss: { growth: 0.75 }, withinLimit: true });
    expect(steady!.liveHeap.growth).toBeCloseTo(0.05, 10);
    expect(leaking).toMatchObject({ withinLimit: false });
    expect(leaking!.rss.growth).toBeCloseTo(0.025, 10);
    expect(leaking!.liveHeap.growth).toBeCloseTo(0.2, 10);
  });

  it('fails a gateway whose live heap could not be measured, rather than passing it unmeasured', () => {
    const [growth] = memoryGrowth([at(0, 15, 100), at(0, 110, 100)], new Map([[0, [gc(30, 80)]]]), WINDOWS);
    expect(growth).toMatchObject({ liveHeap: { growth: null, collections: 1 }, withinLimit: false });
  });

  it('fails growth exactly at the limit: it must stay under it', () => {
    expect(memoryGrowth([], new Map([[0, [gc(30, 80), gc(110, 100)]]]), WINDOWS, 0.25)[0]).toMatchObject({ liveHeap: { growth: 0.25 }, withinLimit: false });
  });

  it('takes a limit of its own', () => {
    const collections = new Map([[0, [gc(30, 100), gc(110, 104)]]]);
    expect(memoryGrowth([], collections, WINDOWS, 0.05)[0]!.withinLimit).toBe(true);
    expect(memoryGrowth([], collections, WINDOWS, 0.03)[0]!.withinLimit).toBe(false);
  });
});
