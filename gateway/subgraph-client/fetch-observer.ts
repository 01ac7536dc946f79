// How one request's subgraph fetches are seen by the gateway's metrics (issue 12, "Operations"):
// the metrics plugin puts an observer on the request's context, under a symbol (Apollo Server's
// shallow copy of the context keeps it), and the data source reports each fetch to it. A context
// without one (a call outside a client request) is simply not observed.

/** What became of one fetch: answered, answered with errors, failed (no usable answer), or not made (circuit open). */
export type SubgraphFetchOutcome = 'ok' | 'errors' | 'failed' | 'circuit_open';

export interface SubgraphFetch {
  subgraph: string;
  outcome: SubgraphFetchOutcome;
  durationMs: number;
}

export type SubgraphFetchObserver = (fetch: SubgraphFetch) => void;

const OBSERVER = Symbol('subgraph fetch observer');
type Observed = { [OBSERVER]?: SubgraphFetchObserver };

/** Puts the observer on a request's context (the metrics plugin, at requestDidStart). */
export function observeSubgraphFetches(context: object, observer: SubgraphFetchObserver): void {
  (context as Observed)[OBSERVER] = observer;
}

/** Reports one fetch to the observer on the context, if any; an observer that throws is ignored. */
export function reportSubgraphFetch(context: unknown, subgraph: string, outcome: SubgraphFetchOutcome, startedAt: number): void {
  const observer = typeof context === 'object' && context !== null ? (context as Observed)[OBSERVER] : undefined;
  if (!observer) return;
  try {
    observer({ subgraph, outcome, durationMs: performance.now() - startedAt });
  } catch {
    // Metrics never fail a request.
  }
}
