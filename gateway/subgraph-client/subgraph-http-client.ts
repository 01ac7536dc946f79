import { Agent, request } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';
import { PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { SubgraphResponse } from './subgraph-response.js';

interface RequestInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SubgraphHttpClientOptions {
  /** Longest wait for a whole subgraph response, unless fetcherFor is given one of the subgraph's own. */
  timeoutMs: number;
  /**
   * The longest a subgraph of this client may wait (its own SUBGRAPH_TIMEOUTS_MS may pass timeoutMs):
   * the pool's connect timeout, shared by all, must not cut a connection that subgraph still waits for.
   */
  longestTimeoutMs?: number;
  /** Idle keep-alive sockets are closed after this long (shorter than the subgraphs' own 65 s). */
  keepAliveTimeoutMs?: number;
  connections?: number;
  /** The key `fetcher` signs with; fetcherFor(key) serves subgraphs with keys of their own. */
  signingSecret?: string | null;
}

export interface SubgraphHttpClient {
  /** Signs with options.signingSecret. */
  fetcher: Fetcher;
  /**
   * The fetcher for one subgraph, signing with that subgraph's key (or unsigned when it has none),
   * waiting at most `timeoutMs` (SUBGRAPH_TIMEOUTS_MS) or the client's timeoutMs.
   */
  fetcherFor(signingSecret: string | null, timeoutMs?: number): Fetcher;
  close(): Promise<void>;
}

/** One keep-alive connection pool per gateway, shared by every subgraph data source. */
export function createSubgraphHttpClient(options: SubgraphHttpClientOptions): SubgraphHttpClient {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connections ?? 128,
    connectTimeout: Math.max(options.timeoutMs, options.longestTimeoutMs ?? 0),
  });
  const sign = (secret: string | null, init: RequestInitLike): RequestInitLike => {
    if (!secret || typeof init.body !== 'string') return init;
    const principal = init.headers?.[PRINCIPAL_HEADER];
    return { ...init, headers: { ...init.headers, ...signRequestBody(secret, init.body, Date.now(), principal) } };
  };
  const fetcherFor = (secret: string | null, timeoutMs = options.timeoutMs) => (async (url: string, init: RequestInitLike = {}) => {
    const signed = sign(secret, init);
    const answer = await request(url, {
      method: (signed.method ?? 'GET') as 'GET' | 'POST',
      headers: signed.headers,
      body: signed.body,
      dispatcher: agent,
      // Each phase is bounded (the pool's connect timeout, these two per request) and the signal
      // bounds the whole exchange, each subgraph by its own timeout.
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return new SubgraphResponse(url, answer);
  }) as unknown as Fetcher;
  return { fetcher: fetcherFor(options.signingSecret ?? null), fetcherFor, close: () => agent.close() };
}
