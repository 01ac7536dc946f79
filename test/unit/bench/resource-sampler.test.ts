import { describe, expect, it } from 'vitest';
import { heapAllocatedBytes, ResourceSampler } from '../../bench/contenders/resource-sampler.js';

// Memory per request in results.md is heap allocated over a measured window, worked out from the
// heap in use at its edges and at every garbage collection between them.

const MB = 2 ** 20;

describe('heapAllocatedBytes', () => {
  it.each<[string, number, number, [number, number][], number]>([
    ['no collection: the growth', 10 * MB, 14 * MB, [], 4 * MB],
    ['one collection: growth plus what it freed', 10 * MB, 12 * MB, [[16 * MB, 9 * MB]], 9 * MB],
    ['several collections', 10 * MB, 11 * MB, [[18 * MB, 10 * MB], [17 * MB, 10 * MB]], 16 * MB],
    ['the heap ends smaller than it started', 20 * MB, 12 * MB, [[25 * MB, 11 * MB]], 6 * MB],
    ['a collection that grew the used heap frees nothing', 10 * MB, 13 * MB, [[12 * MB, 12.5 * MB]], 3 * MB],
    ['never negative', 20 * MB, 10 * MB, [], 0],
  ])('%s', (_name, start, end, collections, expected) => {
    const changes = collections.map(([usedBeforeBytes, usedAfterBytes]) => ({ usedBeforeBytes, usedAfterBytes }));
    expect(heapAllocatedBytes(start, end, changes)).toBe(expected);
  });
});

describe('ResourceSampler', () => {
  it('counts what the process allocates between start and stop, across the collections it causes', () => {
    const sampler = new ResourceSampler();
    sampler.start();
    let kept = 0;
    for (let i = 0; i < 400_000; i++) {
      // 400,000 arrays of 16 numbers: at least 16 * 8 bytes each, about 50 MB.
      const values = Array.from({ length: 16 }, (_, j) => i + j + 0.5);
      kept += values.length;
    }
    const usage = sampler.stop();
    expect(kept).toBe(6_400_000);
    expect(usage.heapAllocatedBytes).toBeGreaterThan(40 * MB);
    expect(usage.gcCount).toBeGreaterThan(0);
    expect(usage.cpuMs).toBeGreaterThan(0);
  });

  it('refuses to stop a measurement it never started', () => {
    expect(() => new ResourceSampler().stop()).toThrow('not started');
  });
});
