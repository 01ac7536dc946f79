import type { Readiness } from '../runtime/http-server.js';
import type { RedisConnection } from './stores/redis-connection.js';
import type { SubgraphEndpoint } from './composition/subgraphs.js';
import type { CircuitReport } from './subgraph-client/circuit-breaker.js';

/**
 * Ready means: the supergraph is loaded and every subgraph answered a trivial query just now.
 * Subgraphs are listed by name only, never by address, with the state of each one's circuit
 * (closed, open or half-open; ARCHITECTURE.md "Subgraph resilience"), which does not decide
 * readiness: the trivial query does, and it is sent whatever the circuit's state.
 */
export async function checkReadiness(
  loaded: boolean,
  subgraphs: readonly SubgraphEndpoint[],
  redis?: RedisConnection,
  circuits?: ReadonlyMap<string, CircuitReport>,
): Promise<Readiness> {
  if (!loaded) return { ready: false, details: { supergraph: 'loading' } };
  const redisUp = redis ? await redis.ping() : undefined;
  const answers = await Promise.all(subgraphs.map(async ({ name, url, fetcher }) => {
    try {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.text();
      return [name, response.ok ? 'up' : 'down'] as const;
    } catch {
      return [name, 'down'] as const;
    }
  }));
  return {
    ready: answers.every(([, state]) => state === 'up') && redisUp !== false,
    details: {
      supergraph: 'loaded',
      subgraphs: Object.fromEntries(answers),
      ...(circuits ? { circuits: Object.fromEntries([...circuits].map(([name, report]) => [name, report.state])) } : {}),
      ...(redisUp === undefined ? {} : { redis: redisUp ? 'up' : 'down' }),
    },
  };
}
