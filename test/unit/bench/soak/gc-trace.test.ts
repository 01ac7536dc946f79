import { describe, expect, it } from 'vitest';
import { isGcTraceLine, majorCollections } from '../../../bench/soak/gc-trace.js';

const OUTPUT = [
  '[4242:0x5f1c3e0]     2114 ms: Scavenge 12.3 (14.1) -> 10.2 (15.0) MB, 3.21 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
  '{"level":40,"time":1,"msg":"subgraph request failed","subgraph":"helix-therapeutics"}',
  '[4242:0x5f1c3e0]    31011 ms: Mark-Compact 240.6 (262.1) -> 81.3 (95.4) MB, 121.43 / 0.00 ms  (+ 0.2 ms in 3 steps since start of marking) finalize incremental marking via stack guard; GC in old space requested',
  '[4242:0x5f1c3e0]    65500 ms: Mark-Compact (reduce) 120.0 (140.0) -> 79.9 (90.0) MB, 20.1 / 0.0 ms  (average mu = 0.9) memory reducer',
  'not a trace line: 70000 ms: Mark-Compact 1 (1) -> 1 (1) MB',
  '',
].join('\n');

describe('majorCollections', () => {
  it('reads every full collection, the heap before and after, timed from the start of the load', () => {
    expect(majorCollections(OUTPUT, -5)).toEqual([
      { atS: 26.011, beforeMb: 240.6, afterMb: 81.3 },
      { atS: 60.5, beforeMb: 120, afterMb: 79.9 },
    ]);
  });

  it('finds none in output without any', () => {
    expect(majorCollections('{"level":40,"msg":"x"}\n', 0)).toEqual([]);
  });
});

describe('isGcTraceLine', () => {
  it.each<[string, boolean]>([
    [OUTPUT.split('\n')[0]!, true],
    [OUTPUT.split('\n')[2]!, true],
    [OUTPUT.split('\n')[1]!, false],
    ['not a trace line: 70000 ms: Mark-Compact 1 (1) -> 1 (1) MB', false],
  ])('%s: %s', (line, expected) => {
    expect(isGcTraceLine(line)).toBe(expected);
  });
});
