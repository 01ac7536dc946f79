import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';

export interface SubgraphHttpClientOptions {
  /** Longest wait for a whole subgraph response. */
  timeoutMs: number;
  /** Idle keep-alive sockets are closed after this long (shorter than the subgraphs' own 65 s). */
  keepAliveTimeoutMs?: number;
  connections?: number;
}

export interface SubgraphHttpClient {
  fetcher: Fetcher;
  close(): Promise<void>;
}

/** One keep-alive connection pool per gateway, shared by every subgraph data source. */
export function createSubgraphHttpClient(options: SubgraphHttpClientOptions): SubgraphHttpClient {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connections ?? 128,
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const fetcher = ((url: string, init?: Record<string, unknown>) =>
    undiciFetch(url, {
      ...(init as object),
      dispatcher: agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    })) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
