import { describe, expect, it } from 'vitest';
import { MAX_LOAD_SECONDS, MIN_LOAD_SECONDS, readSoakArguments, resultsName, soakPlan } from '../../../bench/soak/soak-plan.js';

describe('soakPlan', () => {
  it('puts the reference run\'s faults inside two minutes, after the warm-up and apart', () => {
    const plan = soakPlan();
    expect(plan).toMatchObject({ loadSeconds: 120, bucketSeconds: 5, warmUpSeconds: 20 });
    expect(plan.faults).toEqual([
      { kind: 'partner-down', atS: 25, untilS: 40 },
      { kind: 'redis-down', atS: 70, untilS: 75 },
    ]);
    expect(plan.memoryBaseline).toEqual({ fromS: 10, toS: 20 });
    expect(plan.memoryEnd).toEqual({ fromS: 105, toS: 120 });
  });

  it.each([30, 45, 120, 240, 600])('keeps the shape for %d s: warm-up, then the faults in order, within the load', (seconds) => {
    const plan = soakPlan(seconds);
    const [partner, redis] = plan.faults;
    expect(plan.warmUpSeconds).toBeLessThan(partner!.atS);
    expect(partner!.atS).toBeLessThan(partner!.untilS);
    expect(partner!.untilS).toBeLessThan(redis!.atS);
    expect(redis!.untilS).toBeLessThan(seconds);
    expect(plan.memoryBaseline.toS).toBe(plan.warmUpSeconds);
    expect(plan.memoryEnd.toS).toBe(seconds);
    expect(plan.memoryBaseline.fromS).toBeGreaterThanOrEqual(0);
    expect(plan.bucketSeconds).toBeGreaterThanOrEqual(1);
  });

  it.each([MIN_LOAD_SECONDS - 1, MAX_LOAD_SECONDS + 1, 60.5, Number.NaN])('refuses a load of %s s', (seconds) => {
    expect(() => soakPlan(seconds)).toThrow(RangeError);
  });
});

describe('readSoakArguments', () => {
  it.each<[string[], ReturnType<typeof readSoakArguments>]>([
    [[], { loadSeconds: 120, appendFsync: 'always' }],
    [['--seconds', '45'], { loadSeconds: 45, appendFsync: 'always' }],
    [['--seconds=300', '--appendfsync', 'everysec'], { loadSeconds: 300, appendFsync: 'everysec' }],
    [['--appendfsync=always'], { loadSeconds: 120, appendFsync: 'always' }],
    [['--help'], { help: true }],
  ])('reads %j', (argv, expected) => {
    expect(readSoakArguments(argv)).toEqual(expected);
  });

  it.each<[string[], RegExp]>([
    [['--seconds'], /--seconds must be a whole number/],
    [['--seconds', '10'], /from 30 to 600, not "10"/],
    [['--seconds', 'two'], /not "two"/],
    [['--clients', '5'], /unknown argument "--clients"/],
    [['--appendfsync', 'no'], /--appendfsync must be one of always, everysec, not "no"/],
    [['--appendfsync'], /not ""/],
  ])('refuses %j, naming what is wrong', (argv, message) => {
    expect(() => readSoakArguments(argv)).toThrow(message);
  });
});

describe('resultsName', () => {
  it.each<[number, 'always' | 'everysec', string]>([
    [120, 'always', 'soak'],
    [45, 'always', 'soak-45s'],
    [120, 'everysec', 'soak-everysec'],
    [30, 'everysec', 'soak-30s-everysec'],
  ])('%d s with appendfsync %s: %s', (loadSeconds, appendFsync, expected) => {
    expect(resultsName({ loadSeconds, appendFsync })).toBe(expected);
  });
});
