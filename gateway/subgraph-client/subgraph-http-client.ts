import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';
import { signRequestBody } from '../../subgraphs/runtime/request-signing.js';
import { PRINCIPAL_HEADER } from '../../subgraphs/runtime/forwarded-principal.js';

interface RequestInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SubgraphHttpClientOptions {
  /** Longest wait for a whole subgraph response. */
  timeoutMs: number;
  /** Idle keep-alive sockets are closed after this long (shorter than the subgraphs' own 65 s). */
  keepAliveTimeoutMs?: number;
  connections?: number;
  /** Signs every request body so subgraphs can tell the gateway from anyone else. */
  signingSecret?: string | null;
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
  const sign = (init: RequestInitLike): RequestInitLike => {
    if (!options.signingSecret || typeof init.body !== 'string') return init;
    const principal = init.headers?.[PRINCIPAL_HEADER];
    return { ...init, headers: { ...init.headers, ...signRequestBody(options.signingSecret, init.body, Date.now(), principal) } };
  };
  const fetcher = ((url: string, init: RequestInitLike = {}) =>
    undiciFetch(url, {
      ...sign(init),
      dispatcher: agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    })) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
