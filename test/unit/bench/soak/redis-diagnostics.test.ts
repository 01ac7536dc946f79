import { describe, expect, it } from 'vitest';
import { parseCommandStats, parseLatencyLatest } from '../../../bench/soak/redis-diagnostics.js';

describe('parseCommandStats', () => {
  it('reads calls and microseconds per call of each command, most called first', () => {
    const info = [
      '# Commandstats',
      'cmdstat_evalsha:calls=120,usec=48000,usec_per_call=400.00,rejected_calls=0,failed_calls=2',
      'cmdstat_set:calls=9000,usec=90000,usec_per_call=10.00,rejected_calls=0,failed_calls=0',
      'cmdstat_hgetall:calls=120,usec=600,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
      'cmdstat_broken:calls=x,usec=1',
      '',
    ].join('\r\n');
    expect(parseCommandStats(info)).toEqual([
      { command: 'set', calls: 9000, usecPerCall: 10 },
      { command: 'evalsha', calls: 120, usecPerCall: 400 },
      { command: 'hgetall', calls: 120, usecPerCall: 5 },
    ]);
  });

  it('reads nothing from an empty section', () => {
    expect(parseCommandStats('# Commandstats\r\n')).toEqual([]);
  });
});

describe('parseLatencyLatest', () => {
  it.each<[string, unknown, ReturnType<typeof parseLatencyLatest>]>([
    ['events, slowest first', [['command', 1764480000, 120, 180], ['aof-fsync-always', 1764480001, 250, 900]], [
      { event: 'aof-fsync-always', latestMs: 250, maxMs: 900 },
      { event: 'command', latestMs: 120, maxMs: 180 },
    ]],
    ['a newer Redis\'s extra fields ignored', [['fast-command', 1, 101, 101, 7]], [{ event: 'fast-command', latestMs: 101, maxMs: 101 }]],
    ['no events', [], []],
    ['not a reply', 'ERR', []],
    ['malformed entries skipped', [['short', 1], [42, 1, 2, 3]], []],
  ])('%s', (_, reply, expected) => {
    expect(parseLatencyLatest(reply)).toEqual(expected);
  });
});
