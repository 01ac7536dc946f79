import { Agent, request } from 'undici';
import { PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';

export interface GovernanceCallOptions {
  /** The governance subgraph's routing URL; the route is called on the same origin. */
  subgraphUrl: string;
  /** The route, e.g. /grants or /audit. */
  path: string;
  /** The governance subgraph's signing key; without one every call is refused there. */
  signingSecret: string | null;
  /** Longest wait for one call, connection included; then it fails. */
  timeoutMs: number;
}

/**
 * One plain HTTP route of the governance subgraph as the gateway calls it (ARCHITECTURE.md
 * "Stores"): a POST signed like every subgraph call, carrying the gateway-signed principal, over
 * keep-alive connections, bounded in time. Shared by the grant reads and the audit appends.
 */
export class GovernanceCall {
  readonly #url: string;
  readonly #agent: Agent;

  constructor(private readonly options: GovernanceCallOptions) {
    this.#url = new URL(options.path, options.subgraphUrl).href;
    this.#agent = new Agent({ keepAliveTimeout: 30_000, connectTimeout: options.timeoutMs, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  /** The answer's status and body; rejects when no answer came within the timeout. */
  async post(body: string, principalHeader: string): Promise<{ status: number; text: string }> {
    const { signingSecret, timeoutMs } = this.options;
    const answer = await request(this.#url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: principalHeader,
        ...(signingSecret ? signRequestBody(signingSecret, body, Date.now(), principalHeader) : {}),
      },
      body,
      dispatcher: this.#agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: answer.statusCode, text: await answer.body.text() };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
