import { describe, expect, it } from 'vitest';
import { gaugeValue, memoryGrowth, processMemoryOf, type MemorySample } from '../../../bench/soak/memory-growth.js';

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

describe('memoryGrowth', () => {
  it('compares the medians of the two windows per replica, ignoring samples outside them', () => {
    const growth = memoryGrowth([
      at(0, 5, 80), // warm-up: not in the baseline window
      at(0, 10, 200), at(0, 14, 210), at(0, 20, 205, 60),
      at(0, 60, 400), // mid-run spike: outside both windows
      at(0, 106, 215), at(0, 110, 1000), at(0, 120, 219),
      at(1, 12, 100), at(1, 18, 100), at(1, 108, 111), at(1, 116, 109),
    ], BASELINE, END);
    expect(growth.map((g) => [g.replica, g.rss.baseline! / 2 ** 20, g.rss.end! / 2 ** 20, Number(g.rss.growth!.toFixed(4)), g.withinLimit])).toEqual([
      [0, 205, 219, 0.0683, true],
      [1, 100, 110, 0.1, false],
    ]);
    expect(growth[0]!.heapUsed).toEqual({ baseline: 50 * 2 ** 20, end: 50 * 2 ** 20, growth: 0 });
  });

  it('fails a replica with no sample in a window, rather than passing it unmeasured', () => {
    const [growth] = memoryGrowth([at(0, 110, 100)], BASELINE, END);
    expect(growth).toMatchObject({ rss: { baseline: null, growth: null }, withinLimit: false });
  });

  it('fails growth exactly at the limit: it must stay under it', () => {
    expect(memoryGrowth([at(0, 15, 100), at(0, 110, 125)], BASELINE, END, 0.25)[0]).toMatchObject({ rss: { growth: 0.25 }, withinLimit: false });
  });

  it('takes a limit of its own', () => {
    const samples = [at(0, 15, 100), at(0, 110, 104)];
    expect(memoryGrowth(samples, BASELINE, END, 0.05)[0]!.withinLimit).toBe(true);
    expect(memoryGrowth(samples, BASELINE, END, 0.03)[0]!.withinLimit).toBe(false);
  });
});
