// One subgraph's circuit breaker (issue 12, "Subgraph resilience"; ARCHITECTURE.md "Subgraph
// resilience"): after `failureThreshold` consecutive failures the gateway stops calling the subgraph
// for `openMs`, then lets one probe request through; its success closes the circuit, its failure
// opens it again. A pure state machine over an injected clock: the data source asks it before each
// call and tells it how the call ended.

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export type Circuit =
  | { state: 'closed'; failures: number }
  /** No call is made before `retryAt` (milliseconds of the clock). */
  | { state: 'open'; failures: number; retryAt: number }
  /** One probe is under way since `probeSince`; others wait for its outcome. */
  | { state: 'half-open'; failures: number; probeSince: number };

export interface CircuitSettings {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets a probe through. */
  openMs: number;
}

export const DEFAULT_CIRCUIT_SETTINGS: CircuitSettings = { failureThreshold: 5, openMs: 30_000 };

export const CLOSED: Circuit = { state: 'closed', failures: 0 };

/** Whether a call may be made; a probe is the one call an open circuit lets through after its cool-down. */
export type Admission =
  | { admitted: true; probe: boolean }
  | { admitted: false; state: 'open' | 'half-open'; failures: number; retryInMs: number };

/** How a call ended: `failed` for connection errors, timeouts and 5xx (subgraph-failure.ts). */
export interface CallOutcome {
  failed: boolean;
  /** The call was admitted as the probe. */
  probe: boolean;
  /**
   * The answer says nothing about whether the subgraph can be reached (a quick 503 naming its own
   * store): it neither counts as a failure nor forgets earlier ones; a probe so answered opens the
   * circuit again, without one more failure.
   */
  neutral?: boolean;
}

/** The circuit before a call at `now`, and whether the call may be made. */
export function admit(circuit: Circuit, now: number, settings: CircuitSettings): { circuit: Circuit; admission: Admission } {
  switch (circuit.state) {
    case 'closed':
      return { circuit, admission: { admitted: true, probe: false } };
    case 'open':
      if (now < circuit.retryAt) {
        return { circuit, admission: { admitted: false, state: 'open', failures: circuit.failures, retryInMs: circuit.retryAt - now } };
      }
      return { circuit: { state: 'half-open', failures: circuit.failures, probeSince: now }, admission: { admitted: true, probe: true } };
    case 'half-open': {
      // A probe that has not ended within a cool-down is given up on (the request timeout is
      // shorter), so a lost outcome cannot keep the circuit half-open for ever.
      const givenUpAt = circuit.probeSince + settings.openMs;
      if (now < givenUpAt) {
        return { circuit, admission: { admitted: false, state: 'half-open', failures: circuit.failures, retryInMs: givenUpAt - now } };
      }
      return { circuit: { ...circuit, probeSince: now }, admission: { admitted: true, probe: true } };
    }
  }
}

/**
 * The circuit once a call has ended at `now`. While the circuit is open or half-open, only the
 * probe's outcome counts: calls admitted before it opened end late and say nothing new.
 */
export function record(circuit: Circuit, outcome: CallOutcome, now: number, settings: CircuitSettings): Circuit {
  switch (circuit.state) {
    case 'closed': {
      if (outcome.neutral) return circuit;
      if (!outcome.failed) return circuit.failures === 0 ? circuit : CLOSED;
      const failures = circuit.failures + 1;
      return failures >= settings.failureThreshold ? { state: 'open', failures, retryAt: now + settings.openMs } : { state: 'closed', failures };
    }
    case 'open':
      return circuit;
    case 'half-open':
      if (!outcome.probe) return circuit;
      if (outcome.neutral) return { state: 'open', failures: circuit.failures, retryAt: now + settings.openMs };
      return outcome.failed ? { state: 'open', failures: circuit.failures + 1, retryAt: now + settings.openMs } : CLOSED;
  }
}

/** The state as reported (/ready, metrics): an open circuit whose cool-down has passed lets the next call probe. */
export function stateAt(circuit: Circuit, now: number): CircuitStateName {
  return circuit.state === 'open' && now >= circuit.retryAt ? 'half-open' : circuit.state;
}

/** A snapshot of one subgraph's circuit, for /ready and metrics. */
export interface CircuitReport {
  state: CircuitStateName;
  /** Consecutive failures so far. */
  failures: number;
}

/** The state machine of one subgraph, with its clock: the data source's only handle on it. */
export class CircuitBreaker {
  #circuit: Circuit = CLOSED;

  constructor(readonly settings: CircuitSettings, private readonly now: () => number) {}

  admit(): Admission {
    const { circuit, admission } = admit(this.#circuit, this.now(), this.settings);
    this.#circuit = circuit;
    return admission;
  }

  /** Records how an admitted call ended; returns the state before and after, for logging a change. */
  record(outcome: CallOutcome): { from: CircuitStateName; to: CircuitStateName } {
    const from = this.#circuit.state;
    this.#circuit = record(this.#circuit, outcome, this.now(), this.settings);
    return { from, to: this.#circuit.state };
  }

  report(): CircuitReport {
    return { state: stateAt(this.#circuit, this.now()), failures: this.#circuit.failures };
  }
}
