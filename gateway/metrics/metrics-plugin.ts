import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AccessRecord } from '../../runtime/access-log.js';
import type { MetricsExposition } from '../../runtime/http-server.js';
import type { DecisionOutcome } from '../authz/authorizing-gateway.js';
import { observeSubgraphFetches, type SubgraphFetch } from '../subgraph-client/fetch-observer.js';
import { OperationLabels } from './operation-labels.js';

// The gateway's Prometheus metrics at GET /metrics (issue 12, "Operations"; ARCHITECTURE.md
// "Operations"). One registry per gateway, never prom-client's global one, so several gateways in
// one process (tests, benchmarks) keep their own series. Labels carry only names the operator or
// the supergraph chose (subgraphs, policies, outcomes, HTTP status) and bounded operation names
// (operation-labels.ts): never a dataset id, a subject, an organisation or a token.

/** A subgraph circuit's state, as the circuit breaker reports it. */
export type CircuitStateName = 'closed' | 'open' | 'half-open';
const CIRCUIT_STATES: readonly CircuitStateName[] = ['closed', 'open', 'half-open'];

/** What the metrics read at scrape time; each one optional, so that a gateway without it still serves the rest. */
export interface MetricsReadings {
  /** The rate limits' counters (gateway/rate-limit/rate-limit-plugin.ts RateLimitCounters), read on each scrape. */
  rateLimits?: () => Readonly<{ refused: number; storeFailures: number }>;
  /** Entries waiting for the audit trail (gateway/audit/audit-trail.ts `pending`). */
  auditQueueDepth?: () => number;
  /** Each subgraph's circuit by name (the routing's read-only `circuits()`); absent: the gauge has no series. */
  circuits?: () => ReadonlyMap<string, { state: CircuitStateName }>;
}

export interface MetricsOptions extends MetricsReadings {
  /** Distinct operation names given a series of their own before the rest count as "other". */
  maxOperationNames?: number;
  /** Process metrics (CPU, memory, event loop lag, handles) in the same registry; default true. */
  processMetrics?: boolean;
}

export interface GatewayMetrics {
  registry: Registry;
  /** Puts the subgraph fetch observer on each request's context (subgraph-client/fetch-observer.ts). */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Counts one HTTP request to /graphql once its answer is sent (runtime/http-server.ts onRequestEnd). */
  observeRequest(record: AccessRecord): void;
  /** Counts one operation's authorization decisions (AuthorizingGatewayOptions.onDecisions). */
  observeDecisions(decisions: readonly DecisionOutcome[]): void;
  /** The scrape: every series in the Prometheus text format. */
  render(): Promise<MetricsExposition>;
}

/** Seconds, from 5 ms to 10 s: a cached public listing takes milliseconds, a slow partner seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Builds one gateway's metrics on a registry of its own. */
export function createMetricsPlugin(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const operations = new OperationLabels(options.maxOperationNames);

  const requests = new Counter({
    name: 'concord_requests_total', help: 'GraphQL HTTP requests answered, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const, registers,
  });
  const requestSeconds = new Histogram({
    name: 'concord_request_duration_seconds', help: 'Time from a GraphQL request arriving to its answer being sent, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const, buckets: LATENCY_BUCKETS, registers,
  });
  const fetchSeconds = new Histogram({
    name: 'concord_subgraph_fetch_duration_seconds', help: 'Subgraph fetches by subgraph and outcome (ok, errors, failed, circuit_open)',
    labelNames: ['subgraph', 'outcome'] as const, buckets: LATENCY_BUCKETS, registers,
  });
  const fetchErrors = new Counter({
    name: 'concord_subgraph_fetch_errors_total', help: 'Subgraph fetches that failed (failed), answered with errors (errors) or were not made because the circuit is open (circuit_open)',
    labelNames: ['subgraph', 'outcome'] as const, registers,
  });
  const decisions = new Counter({
    name: 'concord_authorization_decisions_total', help: 'Authorization decisions by policy (authenticated, requiresScopes or a @policy name) and outcome (allow, deny, would-deny)',
    labelNames: ['policy', 'outcome'] as const, registers,
  });
  counterOf(registry, 'concord_rate_limited_requests_total', 'Requests refused with 429 by the rate limits', () => options.rateLimits?.().refused);
  counterOf(
    registry, 'concord_rate_limit_store_failures_total',
    'Rate limit takes the store could not make (Redis down or slow); each let its request pass (fail open)',
    () => options.rateLimits?.().storeFailures,
  );
  new Gauge({
    name: 'concord_audit_queue_depth', help: 'Audit entries waiting to be appended to the trail or being appended', registers,
    collect() { this.set(options.auditQueueDepth?.() ?? 0); },
  });
  new Gauge({
    name: 'concord_subgraph_circuit_state', help: 'Each subgraph\'s circuit breaker: 1 for its current state (closed, open, half-open), 0 for the others',
    labelNames: ['subgraph', 'state'] as const, registers,
    collect() {
      this.reset();
      for (const [subgraph, report] of options.circuits?.() ?? []) {
        for (const state of CIRCUIT_STATES) this.set({ subgraph, state }, report.state === state ? 1 : 0);
      }
    },
  });

  const observeFetch = ({ subgraph, outcome, durationMs }: SubgraphFetch) => {
    fetchSeconds.observe({ subgraph, outcome }, durationMs / 1000);
    if (outcome !== 'ok') fetchErrors.inc({ subgraph, outcome });
  };

  return {
    registry,
    plugin: {
      async requestDidStart({ contextValue }) {
        observeSubgraphFetches(contextValue, observeFetch);
      },
    },
    observeRequest(record) {
      if (record.path !== '/graphql') return;
      const labels = { operation: operations.labelOf(record.operationName), status: String(record.status) };
      requests.inc(labels);
      requestSeconds.observe(labels, record.durationMs / 1000);
    },
    observeDecisions(outcomes) {
      for (const { policy, outcome } of outcomes) decisions.inc({ policy, outcome });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** A counter that follows a running total kept elsewhere, read at each scrape. */
function counterOf(registry: Registry, name: string, help: string, read: () => number | undefined): void {
  let seen = 0;
  new Counter({
    name, help, registers: [registry],
    collect() {
      const total = read() ?? 0;
      if (total > seen) this.inc(total - seen);
      seen = Math.max(seen, total);
    },
  });
}
