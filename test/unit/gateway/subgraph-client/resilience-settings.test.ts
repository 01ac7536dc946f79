import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../runtime/env.js';
import { readResilienceSettings } from '../../../../gateway/subgraph-client/resilience-settings.js';

describe('subgraph resilience settings', () => {
  it.each<[string, Record<string, string>, object]>([
    ['defaults', {}, { subgraphTimeoutsMs: new Map(), circuitFailureThreshold: 5, circuitOpenSeconds: 30 }],
    ['timeouts per subgraph', { SUBGRAPH_TIMEOUTS_MS: 'northbridge-hospital=2500, catalog-index = 800,' },
      { subgraphTimeoutsMs: new Map([['northbridge-hospital', 2500], ['catalog-index', 800]]) }],
    ['the circuit', { CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_SECONDS: '10' }, { circuitFailureThreshold: 3, circuitOpenSeconds: 10 }],
  ])('%s', (_name, env, expected) => {
    expect(readResilienceSettings(env)).toMatchObject(expected);
  });

  it.each<[Record<string, string>, string]>([
    [{ SUBGRAPH_TIMEOUTS_MS: 'northbridge-hospital' }, 'SUBGRAPH_TIMEOUTS_MS must be a comma-separated list of name=milliseconds with whole, positive milliseconds, got "northbridge-hospital"'],
    [{ SUBGRAPH_TIMEOUTS_MS: '=100' }, 'got "=100"'],
    [{ SUBGRAPH_TIMEOUTS_MS: 'a=0' }, 'got "a=0"'],
    [{ SUBGRAPH_TIMEOUTS_MS: 'a=1.5' }, 'got "a=1.5"'],
    [{ SUBGRAPH_TIMEOUTS_MS: 'a=10s' }, 'got "a=10s"'],
    [{ SUBGRAPH_TIMEOUTS_MS: 'a=1,a=2' }, 'SUBGRAPH_TIMEOUTS_MS names "a" twice'],
    [{ CIRCUIT_FAILURE_THRESHOLD: '0' }, 'CIRCUIT_FAILURE_THRESHOLD must be a positive whole number, got "0"'],
    [{ CIRCUIT_OPEN_SECONDS: 'soon' }, 'CIRCUIT_OPEN_SECONDS must be a positive whole number, got "soon"'],
  ])('refuses %j', (env, message) => {
    expect(() => readResilienceSettings(env)).toThrow(ConfigError);
    expect(() => readResilienceSettings(env)).toThrow(message);
  });
});
