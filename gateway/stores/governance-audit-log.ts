import { Agent, request } from 'undici';
import { z } from 'zod';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { AuditLogUnavailableError } from '../../runtime/audit/audit-log.js';
import type { AuditEntry, AuditRecord } from '../../runtime/audit/audit-record.js';
import { encodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';
import { ANONYMOUS } from '../../schema/policy/principal.js';

export interface GovernanceAuditLogOptions {
  /** The governance subgraph's routing URL; records are appended with POST /audit on the same origin. */
  subgraphUrl: string;
  /** The governance subgraph's signing key; without one every append is refused there. */
  signingSecret: string | null;
  /** Longest wait for one append, connection included; then it fails (and the operation's guarded fields are withheld). */
  timeoutMs: number;
}

const AppendAnswer = z.object({ appended: z.number().int(), head: z.number().int() });

/**
 * Appends the gateway's reads to the governance subgraph's trail when the gateway has no Redis of
 * its own (ARCHITECTURE.md "Audit"): every replica then writes one chain, the one stewards read.
 * A signed POST /audit per batch; any failure rejects with AuditLogUnavailableError, so the
 * operation fails closed (AUDIT_UNAVAILABLE). Only appending is offered: the trail is read there.
 */
export class GovernanceAuditLog implements Pick<AuditLog, 'append' | 'close' | 'durable'> {
  /** Durable only as far as the governance subgraph's own trail is; this process keeps nothing. */
  readonly durable = false;
  readonly #url: string;
  readonly #agent: Agent;

  constructor(private readonly options: GovernanceAuditLogOptions) {
    this.#url = new URL('/audit', options.subgraphUrl).href;
    this.#agent = new Agent({ keepAliveTimeout: 30_000, connectTimeout: options.timeoutMs, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  /** Resolves with no records: the chain's positions are the governance subgraph's. */
  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    const body = JSON.stringify({ entries });
    const principalHeader = encodePrincipal(ANONYMOUS, []);
    const { signingSecret, timeoutMs } = this.options;
    try {
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
      const text = await answer.body.text();
      if (answer.statusCode !== 200) throw new Error(`HTTP ${answer.statusCode}: ${text.slice(0, 300)}`);
      if (!AppendAnswer.safeParse(JSON.parse(text)).success) throw new Error('the answer is not an append receipt');
      return [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AuditLogUnavailableError(`the governance subgraph did not append ${entries.length} record(s): ${reason}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
