import autocannon from 'autocannon';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';

/** One HTTP endpoint and the one request the load generator repeats against it. */
export interface LoadTarget {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Set for the floor: partners refuse unsigned and replayed requests, so each one is signed afresh. */
  signingSecret?: string;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers plus connection errors and timeouts: any of them spoils a measurement. */
  failures: number;
}

export interface LoadShape {
  connections: number;
  seconds: number;
}

/** Closed-loop load: a fixed number of connections, each sending the next request as soon as the last is answered. */
export async function runLoad(target: LoadTarget, shape: LoadShape): Promise<LoadResult> {
  const { signingSecret } = target;
  const result = await autocannon({
    url: target.url,
    connections: shape.connections,
    duration: shape.seconds,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    ...(signingSecret ? {
      requests: [{
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...signRequestBody(signingSecret, target.body) },
        }),
      }],
    } : {}),
  });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    rps: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** One request, answered in full: to check what a contender returns before measuring how fast. */
export async function sendOnce(target: LoadTarget): Promise<{ status: number; json: unknown; bytes: number }> {
  const headers = target.signingSecret ? { ...target.headers, ...signRequestBody(target.signingSecret, target.body) } : target.headers;
  const response = await fetch(target.url, { method: 'POST', headers, body: target.body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Reported by the caller as an unreadable answer.
  }
  return { status: response.status, json, bytes: Buffer.byteLength(text) };
}
