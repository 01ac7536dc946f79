import { Agent, request } from 'undici';
import { signRequestBody, type SignatureHeaders } from '../../../runtime/subgraph-protocol/request-signing.js';
import { shownUrl } from './shown-url.js';

// The checker's only way to the partner: plain HTTP requests, signed as the gateway signs them
// (ARCHITECTURE.md, "Subgraph protocol") or deliberately not, so that the refusal checks can send
// exactly the bytes and headers they mean to. The signing key stays inside this module's closure.

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

export interface PartnerResponse {
  status: number;
  contentType: string;
  /** The JSON body, when the answer was JSON. */
  body: GraphQLBody | undefined;
  text: string;
}

export interface OutgoingRequest {
  method: 'POST' | 'GET';
  /** For GET: the query string parameters. */
  search?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}

export interface GraphQLOperation {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export interface PartnerClient {
  readonly url: string;
  /** Sends exactly this request. */
  send(outgoing: OutgoingRequest): Promise<PartnerResponse>;
  /** The signature headers the gateway would send with this body at this time. */
  sign(body: string, at?: number): SignatureHeaders;
  /** A signed POST, as the gateway or the index's harvester sends it. */
  signed(operation: GraphQLOperation): Promise<PartnerResponse>;
  close(): Promise<void>;
}

/** No answer at all: refused connection, unknown host, timeout. The checker exits 3. */
export class PartnerUnreachableError extends Error {
  override name = 'PartnerUnreachableError';
}

export interface PartnerClientOptions {
  url: string;
  signingSecret: string;
  /** How long one request may take, connecting included. */
  timeoutMs: number;
}

export function createPartnerClient(options: PartnerClientOptions): PartnerClient {
  const { url, signingSecret, timeoutMs } = options;
  const agent = new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 1_000 });
  const send = async (outgoing: OutgoingRequest): Promise<PartnerResponse> => {
    const target = new URL(url);
    for (const [name, value] of Object.entries(outgoing.search ?? {})) target.searchParams.set(name, value);
    try {
      const response = await request(target, {
        method: outgoing.method,
        dispatcher: agent,
        headers: { accept: 'application/json', ...outgoing.headers },
        body: outgoing.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      const contentType = String(response.headers['content-type'] ?? '');
      return { status: response.statusCode, contentType, body: jsonOf(text), text };
    } catch (error) {
      throw new PartnerUnreachableError(`${shownUrl(url)} cannot be reached: ${reasonOf(error, timeoutMs)}`);
    }
  };
  const sign = (body: string, at = Date.now()) => signRequestBody(signingSecret, body, at);
  return {
    url,
    send,
    sign,
    signed: (operation) => {
      const body = JSON.stringify(operation);
      return send({ method: 'POST', body, headers: { 'content-type': 'application/json', ...sign(body) } });
    },
    close: () => agent.close(),
  };
}

function jsonOf(text: string): GraphQLBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as GraphQLBody : undefined;
  } catch {
    return undefined;
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the partner running, and is the port right?)',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name cannot be resolved now',
  ECONNRESET: 'the connection was closed before an answer',
  EHOSTUNREACH: 'the host is unreachable',
  UND_ERR_SOCKET: 'the connection was closed before an answer',
};

function reasonOf(error: unknown, timeoutMs: number): string {
  const code = codeOf(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `no connection within ${timeoutMs} ms`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms (--timeout-ms)`;
  if (code && REASONS[code]) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

/** The first error code along the cause chain (undici wraps the socket's error). */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
