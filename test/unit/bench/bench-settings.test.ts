import { describe, expect, it } from 'vitest';
import { readBenchSettings, type BenchSettings } from '../../bench/bench-settings.js';
import { scalingGrants } from '../../bench/phases/main-fixture.js';
import { pageTag } from '../../bench/fixture/bench-catalogs.js';
import { halfOf } from '../../bench/workloads.js';

// The command line of `npm run bench`, and the grants the result-size phase gives each page.

describe('readBenchSettings', () => {
  it.each<[string, string[], Partial<BenchSettings>]>([
    ['the full run', [], { rounds: 4, scalingRounds: 3, resultSizes: [10, 50, 100, 250, 500, 1000], partnerCounts: [3, 6, 9, 12], scaling: true, cpuProfile: false }],
    ['--quick: one round per scaling point', ['--quick'], { rounds: 2, seconds: 1, scalingRounds: 1 }],
    ['--rounds', ['--quick', '--rounds', '1'], { rounds: 1, scalingRounds: 1 }],
    ['--sizes, sorted and without repeats', ['--sizes', '50,10,50'], { resultSizes: [10, 50] }],
    ['--partners', ['--partners', '3'], { partnerCounts: [3] }],
    ['--workloads', ['--workloads', 'b, a'], { workloads: ['b', 'a'] }],
    ['--no-scaling --cpu-prof', ['--no-scaling', '--cpu-prof'], { scaling: false, cpuProfile: true }],
  ])('%s', (_name, argv, expected) => {
    expect(readBenchSettings(argv)).toMatchObject(expected);
  });

  it('answers --help with no settings: the caller prints the usage', () => {
    expect(readBenchSettings(['--help'])).toBeNull();
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown workload', ['--workloads', 'a,e'], /unknown workload e/],
    ['a size the fixture has no page for', ['--sizes', '2000'], /--sizes takes whole numbers from 1 to 1000/],
    ['a size that is not a number', ['--sizes', '10,ten'], /--sizes/],
    ['no rounds', ['--rounds', '0'], /--rounds/],
    ['an unknown option', ['--fast'], /Unknown option/],
  ])('refuses %s', (_name, argv, message) => {
    expect(() => readBenchSettings(argv)).toThrow(message);
  });
});

describe('scalingGrants', () => {
  const page = (size: number) => Array.from({ length: size }, (_, i) => `partner-${i % 3}:ds-${String(i).padStart(4, '0')}`);
  const pages = Object.fromEntries([10, 50, 1000].map((size) => [pageTag(size, 3), page(size)]));

  it('gives a researcher of each size grants on every second dataset of that page, as (b) has on its own', () => {
    const grants = scalingGrants([10, 50, 1000], { pages });
    expect(grants.map((g) => [g.subject, g.datasetIds.length])).toEqual([
      ['bench-researcher-10', 5], ['bench-researcher-50', 25], ['bench-researcher-1000', 500],
    ]);
    expect(grants[2]!.datasetIds).toEqual(halfOf(page(1000)));
  });

  it('gives no grants for a page the fixture does not have', () => {
    expect(scalingGrants([100], { pages })).toEqual([{ subject: 'bench-researcher-100', datasetIds: [] }]);
  });
});
