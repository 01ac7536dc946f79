import { z } from 'zod';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { AuditLogUnavailableError } from '../../runtime/audit/audit-log.js';
import type { AuditEntry, AuditRecord } from '../../runtime/audit/audit-record.js';
import { encodePrincipal } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { ANONYMOUS } from '../../schema/policy/principal.js';
import { GovernanceCall } from './governance-call.js';

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
  readonly #call: GovernanceCall;

  constructor(options: GovernanceAuditLogOptions) {
    this.#call = new GovernanceCall({ ...options, path: '/audit' });
  }

  /** Resolves with no records: the chain's positions are the governance subgraph's. */
  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    try {
      const answer = await this.#call.post(JSON.stringify({ entries }), encodePrincipal(ANONYMOUS, []));
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
      if (!AppendAnswer.safeParse(JSON.parse(answer.text)).success) throw new Error('the answer is not an append receipt');
      return [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AuditLogUnavailableError(`the governance subgraph did not append ${entries.length} record(s): ${reason}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.#call.close();
  }
}
