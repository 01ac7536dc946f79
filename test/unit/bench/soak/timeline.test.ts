import { describe, expect, it } from 'vitest';
import {
  countsOf, denialReason, faultEffects, isFailure, latencyBuckets, percentile, requestTotals, stretches, stretchTallies,
  type FaultWindow, type RequestSample,
} from '../../../bench/soak/timeline.js';

const sample = (endedS: number, latencyMs: number, extra: Partial<RequestSample> = {}): RequestSample => ({
  startedS: Math.max(0, endedS - latencyMs / 1000), endedS, latencyMs, status: 200, replica: 0, persona: 'anonymous', workload: 'search', errorCodes: [], ...extra,
});

const PARTNER: FaultWindow = { kind: 'partner-down', target: 'helix-therapeutics', fromS: 25, toS: 40 };
const REDIS: FaultWindow = { kind: 'redis-down', target: 'Redis', fromS: 70, toS: 75 };

describe('percentile (nearest rank)', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 99, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 99, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 100 }, (_, i) => i + 1), 50, 50],
    [Array.from({ length: 1000 }, (_, i) => i + 1), 99, 990],
  ])('of %j at p%d is %s', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });

  it.each([0, -1, 101])('refuses p%d', (p) => {
    expect(() => percentile([1], p)).toThrow(RangeError);
  });
});

describe('isFailure and denialReason', () => {
  it.each<[string, boolean, string | null]>([
    ['SUBGRAPH_UNAVAILABLE@helix-therapeutics', true, null],
    ['NO_ANSWER:ECONNREFUSED', true, null],
    ['UNAUTHORIZED_FIELD_OR_TYPE:GRANTS_UNAVAILABLE', true, null],
    ['UNAUTHORIZED_FIELD_OR_TYPE:AUDIT_UNAVAILABLE', true, null],
    ['UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT', false, 'NO_ACTIVE_GRANT'],
    ['UNAUTHORIZED_FIELD_OR_TYPE:MISSING_SCOPES', false, 'MISSING_SCOPES'],
  ])('%s: failure %s, denial %s', (code, failure, reason) => {
    expect(isFailure(code)).toBe(failure);
    expect(denialReason(code)).toBe(reason);
  });
});

describe('latencyBuckets', () => {
  it('groups answers by when they came, with each bucket\'s percentiles, failures and empty buckets', () => {
    const buckets = latencyBuckets([
      sample(0.5, 10), sample(1, 30), sample(4.9, 20),
      sample(6, 100, { status: 503 }), sample(7, 200, { errorCodes: ['SUBGRAPH_UNAVAILABLE@x'] }), sample(8, 300, { errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:EMBARGOED'] }),
      sample(12.5, 5),
      sample(15.2, 1), // after the end: counted in the last bucket
    ], 5, 15);
    expect(buckets).toEqual([
      { fromS: 0, toS: 5, requests: 3, p50Ms: 20, p99Ms: 30, notOk: 0, withErrors: 0 },
      { fromS: 5, toS: 10, requests: 3, p50Ms: 200, p99Ms: 300, notOk: 1, withErrors: 1 },
      { fromS: 10, toS: 15, requests: 2, p50Ms: 1, p99Ms: 5, notOk: 0, withErrors: 0 },
    ]);
  });

  it('has a bucket for every slot, empty ones with no percentiles, and a short last one', () => {
    const buckets = latencyBuckets([], 5, 12);
    expect(buckets.map((b) => [b.fromS, b.toS, b.requests, b.p50Ms])).toEqual([[0, 5, 0, null], [5, 10, 0, null], [10, 12, 0, null]]);
  });
});

describe('stretches', () => {
  it.each<[string, FaultWindow[], number, [number, number, string][]]>([
    ['no faults', [], 120, [[0, 120, 'whole run']]],
    ['the planned faults', [PARTNER, REDIS], 120, [
      [0, 25, 'before the faults'], [25, 40, 'helix-therapeutics down'], [40, 70, 'after helix-therapeutics down'],
      [70, 75, 'Redis down'], [75, 120, 'after Redis down'],
    ]],
    ['overlapping faults, the overlap on its own', [{ ...PARTNER, toS: 72 }, REDIS], 120, [
      [0, 25, 'before the faults'], [25, 70, 'helix-therapeutics down'], [70, 72, 'helix-therapeutics and Redis down'],
      [72, 75, 'Redis down'], [75, 120, 'after Redis down'],
    ]],
    ['a fault that outlasts the run', [{ ...REDIS, toS: 130 }], 120, [[0, 70, 'before the faults'], [70, 120, 'Redis down']]],
  ])('%s', (_, faults, total, expected) => {
    expect(stretches(faults, total).map((s) => [s.fromS, s.toS, s.label])).toEqual(expected);
  });
});

describe('stretchTallies', () => {
  it('counts requests by when they were sent, the last stretch taking stragglers, failures apart from denials', () => {
    const parts = stretches([PARTNER], 60);
    const tallies = stretchTallies([
      { ...sample(0, 0), startedS: 1, endedS: 30, latencyMs: 29_000, errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics'] },
      { ...sample(0, 0), startedS: 26, endedS: 27, latencyMs: 1000, errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics', 'UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT'] },
      { ...sample(0, 0), startedS: 45, endedS: 45.1, latencyMs: 100, status: 0, errorCodes: ['NO_ANSWER:ECONNRESET'] },
      { ...sample(0, 0), startedS: 60.5, endedS: 61, latencyMs: 500 },
    ], parts);
    expect(tallies.map((t) => [t.label, t.requests, t.statuses, t.errors])).toEqual([
      ['before the faults', 1, [['200', 1]], [['SUBGRAPH_UNAVAILABLE@helix-therapeutics', 1]]],
      ['helix-therapeutics down', 1, [['200', 1]], [['SUBGRAPH_UNAVAILABLE@helix-therapeutics', 1]]],
      ['after helix-therapeutics down', 2, [['0', 1], ['200', 1]], [['NO_ANSWER:ECONNRESET', 1]]],
    ]);
    expect(tallies[2]).toMatchObject({ p50Ms: 100, p99Ms: 500 });
  });
});

describe('countsOf', () => {
  it('counts, most frequent first, ties by value', () => {
    expect(countsOf(['b', 'a', 'c', 'a', 'b', 'a'])).toEqual([['a', 3], ['b', 2], ['c', 1]]);
    expect(countsOf([])).toEqual([]);
  });
});

describe('requestTotals', () => {
  it('counts statuses, replicas, personas, workloads, failures and denials; clean means 200 with no failure', () => {
    const totals = requestTotals([
      sample(1, 10, { replica: 0, persona: 'steward', workload: 'listing' }),
      sample(2, 20, { replica: 1, errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:NOT_A_STEWARD'] }),
      sample(3, 30, { replica: 1, errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:GRANTS_UNAVAILABLE', 'UNAUTHORIZED_FIELD_OR_TYPE:NOT_A_STEWARD'] }),
      sample(4, 40, { replica: 0, status: 0, errorCodes: ['NO_ANSWER:ECONNREFUSED'] }),
    ]);
    expect(totals).toEqual({
      requests: 4, p50Ms: 20, p99Ms: 40,
      statuses: [['200', 3], ['0', 1]],
      byReplica: [['gateway 1', 2], ['gateway 2', 2]],
      byPersona: [['anonymous', 3], ['steward', 1]],
      byWorkload: [['search', 3], ['listing', 1]],
      errors: [['NO_ANSWER:ECONNREFUSED', 1], ['UNAUTHORIZED_FIELD_OR_TYPE:GRANTS_UNAVAILABLE', 1]],
      denials: [['NOT_A_STEWARD', 2]],
      notClean: 2,
    });
  });
});

describe('faultEffects', () => {
  it('follows each fault until the next starts: a partner by its name, Redis by any failure, and how long failures lingered', () => {
    const effects = faultEffects([
      sample(20, 5, { errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics'] }), // before the fault: not counted
      sample(26, 5, { errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics'] }),
      sample(52, 5, { errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics'] }), // circuit still open after the restart
      sample(30, 5, { errorCodes: ['SUBGRAPH_UNAVAILABLE@catalog-index'] }), // not the partner's doing
      sample(71, 5, { status: 503 }),
      sample(74, 5, { errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:GRANTS_UNAVAILABLE'] }),
      sample(80, 5, { errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT'] }), // a denial, not the fault
    ], [REDIS, PARTNER], 120);
    expect(effects.map((e) => [e.fault.target, e.affected, e.firstS, e.lastS, e.lingeredS])).toEqual([
      ['helix-therapeutics', 2, 26, 52, 12],
      ['Redis', 2, 71, 74, 0],
    ]);
    // helix: 1 in the 10 s before (at 20 s), 1 in its 15 s, 1 in the 30 s after until Redis went down.
    expect(effects[0]!.perSecond).toEqual({ before: 0.1, during: 1 / 15, after: 1 / 30 });
    // Redis: any failure; before it (60 to 70 s) none, 2 in its 5 s, none after (a denial is not a failure).
    expect(effects[1]!.perSecond).toEqual({ before: 0, during: 0.4, after: 0 });
  });

  it('says nothing happened when nothing did', () => {
    expect(faultEffects([sample(50, 5)], [PARTNER], 120)[0]).toMatchObject({ affected: 0, firstS: null, lastS: null, lingeredS: null, perSecond: { before: 0, during: 0, after: 0 } });
  });
});
