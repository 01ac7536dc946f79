import { describe, expect, it } from 'vitest';
import {
  admit, CircuitBreaker, CLOSED, record, stateAt, type Admission, type CallOutcome, type Circuit, type CircuitSettings,
} from '../../../../gateway/subgraph-client/circuit-breaker.js';

// Every transition of one subgraph's circuit (issue 12, "Subgraph resilience"): three failures open
// it for 30 s, then one probe decides. Times are milliseconds of the injected clock.

const settings: CircuitSettings = { failureThreshold: 3, openMs: 30_000 };
const closed = (failures: number): Circuit => ({ state: 'closed', failures });
const open = (failures: number, retryAt: number): Circuit => ({ state: 'open', failures, retryAt });
const halfOpen = (failures: number, probeSince: number): Circuit => ({ state: 'half-open', failures, probeSince });
const call: Admission = { admitted: true, probe: false };
const probe: Admission = { admitted: true, probe: true };

describe('admit: whether a call is made', () => {
  it.each<[string, Circuit, number, Circuit, Admission]>([
    ['closed: every call is made', closed(0), 0, closed(0), call],
    ['closed with failures below the threshold: still made', closed(2), 0, closed(2), call],
    ['open within the cool-down: refused, saying when the next try is', open(3, 30_000), 18_000, open(3, 30_000),
      { admitted: false, state: 'open', failures: 3, retryInMs: 12_000 }],
    ['open, one millisecond before the cool-down ends: refused', open(3, 30_000), 29_999, open(3, 30_000),
      { admitted: false, state: 'open', failures: 3, retryInMs: 1 }],
    ['open, the cool-down passed: this call is the probe, and the circuit half-open', open(3, 30_000), 30_000, halfOpen(3, 30_000), probe],
    ['half-open with a probe under way: others are refused', halfOpen(3, 30_000), 31_000, halfOpen(3, 30_000),
      { admitted: false, state: 'half-open', failures: 3, retryInMs: 29_000 }],
    ['half-open, the probe silent for a whole cool-down: it is given up and this call probes', halfOpen(3, 30_000), 60_000, halfOpen(3, 60_000), probe],
  ])('%s', (_name, circuit, now, next, admission) => {
    expect(admit(circuit, now, settings)).toEqual({ circuit: next, admission });
  });
});

describe('record: how a call ended', () => {
  it.each<[string, Circuit, CallOutcome, Circuit]>([
    ['closed: a failure is counted', closed(0), { failed: true, probe: false }, closed(1)],
    ['closed: failures below the threshold stay closed', closed(1), { failed: true, probe: false }, closed(2)],
    ['closed: the threshold-th consecutive failure opens it for the cool-down', closed(2), { failed: true, probe: false }, open(3, 40_000)],
    ['closed: a success forgets earlier failures (they must be consecutive)', closed(2), { failed: false, probe: false }, CLOSED],
    ['closed: a success with no failures changes nothing', closed(0), { failed: false, probe: false }, CLOSED],
    ['open: a late failure of a call made before it opened changes nothing', open(3, 30_000), { failed: true, probe: false }, open(3, 30_000)],
    ['open: a late success of such a call changes nothing', open(3, 30_000), { failed: false, probe: false }, open(3, 30_000)],
    ['half-open: the probe succeeded, closed', halfOpen(3, 5_000), { failed: false, probe: true }, CLOSED],
    ['half-open: the probe failed, open again for a cool-down from now', halfOpen(3, 5_000), { failed: true, probe: true }, open(4, 40_000)],
    ['half-open: a call from before the circuit opened does not decide', halfOpen(3, 5_000), { failed: false, probe: false }, halfOpen(3, 5_000)],
    ['half-open: nor does its failure', halfOpen(3, 5_000), { failed: true, probe: false }, halfOpen(3, 5_000)],
    // A quick 503 naming the subgraph's own store: it is up, but could not serve.
    ['closed: a neutral answer keeps the failures counted so far', closed(2), { failed: false, probe: false, neutral: true }, closed(2)],
    ['closed: a neutral answer with no failures changes nothing', closed(0), { failed: false, probe: false, neutral: true }, closed(0)],
    ['open: a neutral answer changes nothing', open(3, 30_000), { failed: false, probe: false, neutral: true }, open(3, 30_000)],
    ['half-open: a neutral probe opens it again, without one more failure', halfOpen(3, 5_000), { failed: false, probe: true, neutral: true }, open(3, 40_000)],
    ['half-open: a neutral answer to a call from before does not decide', halfOpen(3, 5_000), { failed: false, probe: false, neutral: true }, halfOpen(3, 5_000)],
  ])('%s', (_name, circuit, outcome, next) => {
    expect(record(circuit, outcome, 10_000, settings)).toEqual(next);
  });
});

describe('stateAt: the state reported to /ready and metrics', () => {
  it.each<[string, Circuit, number, string]>([
    ['closed', closed(2), 0, 'closed'],
    ['open within its cool-down', open(3, 30_000), 29_999, 'open'],
    ['open past its cool-down: the next call probes', open(3, 30_000), 30_000, 'half-open'],
    ['half-open', halfOpen(3, 0), 1, 'half-open'],
  ])('%s', (_name, circuit, now, state) => {
    expect(stateAt(circuit, now)).toBe(state);
  });
});

describe('CircuitBreaker: the machine on a clock, call by call', () => {
  it('opens after the threshold, refuses for the cool-down, probes once, reopens, then closes', () => {
    let now = 0;
    const breaker = new CircuitBreaker(settings, () => now);
    const fail = () => { const a = breaker.admit(); expect(a.admitted).toBe(true); return breaker.record({ failed: true, probe: a.admitted && a.probe }); };
    fail();
    fail();
    expect(breaker.report()).toEqual({ state: 'closed', failures: 2 });
    expect(fail()).toEqual({ from: 'closed', to: 'open' });
    now = 12_000;
    expect(breaker.admit()).toEqual({ admitted: false, state: 'open', failures: 3, retryInMs: 18_000 });
    now = 30_000;
    expect(breaker.report().state).toBe('half-open');
    expect(fail()).toEqual({ from: 'half-open', to: 'open' });
    expect(breaker.report()).toEqual({ state: 'open', failures: 4 });
    now = 60_000;
    const trial = breaker.admit();
    expect(trial).toEqual(probe);
    expect(breaker.admit()).toMatchObject({ admitted: false, state: 'half-open' });
    expect(breaker.record({ failed: false, probe: true })).toEqual({ from: 'half-open', to: 'closed' });
    expect(breaker.report()).toEqual({ state: 'closed', failures: 0 });
  });
});
