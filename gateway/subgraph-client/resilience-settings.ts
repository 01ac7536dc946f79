import { ConfigError, readPositiveInt, type Env } from '../../runtime/env.js';
import { DEFAULT_CIRCUIT_SETTINGS } from './circuit-breaker.js';

// The settings of subgraph resilience (issue 12; ARCHITECTURE.md "Subgraph resilience"): a timeout
// per subgraph on top of SUBGRAPH_TIMEOUT_MS, and each subgraph's circuit breaker. The names in
// SUBGRAPH_TIMEOUTS_MS are checked against the supergraph once it is loaded (composition/subgraphs.ts).

export interface SubgraphResilienceSettings {
  /** A subgraph's own longest wait for a response, in milliseconds; others wait SUBGRAPH_TIMEOUT_MS. */
  subgraphTimeoutsMs: ReadonlyMap<string, number>;
  /** Consecutive failures (connection errors, timeouts, 5xx) that open a subgraph's circuit. */
  circuitFailureThreshold: number;
  /** How long an open circuit makes no call before one probe is let through. */
  circuitOpenSeconds: number;
}

export const DEFAULT_RESILIENCE_SETTINGS: SubgraphResilienceSettings = {
  subgraphTimeoutsMs: new Map(),
  circuitFailureThreshold: DEFAULT_CIRCUIT_SETTINGS.failureThreshold,
  circuitOpenSeconds: DEFAULT_CIRCUIT_SETTINGS.openMs / 1000,
};

export function readResilienceSettings(env: Env): SubgraphResilienceSettings {
  return {
    subgraphTimeoutsMs: readSubgraphTimeouts(env, 'SUBGRAPH_TIMEOUTS_MS'),
    circuitFailureThreshold: readPositiveInt(env, 'CIRCUIT_FAILURE_THRESHOLD', DEFAULT_RESILIENCE_SETTINGS.circuitFailureThreshold),
    circuitOpenSeconds: readPositiveInt(env, 'CIRCUIT_OPEN_SECONDS', DEFAULT_RESILIENCE_SETTINGS.circuitOpenSeconds),
  };
}

/** `name=ms,name=ms` with whole, positive milliseconds; a bad entry stops start-up naming the variable and the entry. */
export function readSubgraphTimeouts(env: Env, variable: string): Map<string, number> {
  const timeouts = new Map<string, number>();
  const raw = env[variable];
  if (!raw) return timeouts;
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    const ms = Number(value);
    if (eq <= 0 || value === '' || !Number.isInteger(ms) || ms <= 0) {
      throw new ConfigError(`${variable} must be a comma-separated list of name=milliseconds with whole, positive milliseconds, got "${entry}"`);
    }
    if (timeouts.has(name)) throw new ConfigError(`${variable} names "${name}" twice`);
    timeouts.set(name, ms);
  }
  return timeouts;
}
