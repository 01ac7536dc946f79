import type { Logger } from '../../runtime/logger.js';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { InMemoryAuditLog } from '../../runtime/audit/in-memory-audit-log.js';
import { recordPolicyVersion } from '../../runtime/audit/policy-version.js';
import { RedisAuditLog } from '../../runtime/audit/redis-audit-log.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';
import type { GatewayConfig } from '../config.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { GovernanceAuditLog } from '../stores/governance-audit-log.js';
import { GOVERNANCE_SUBGRAPH } from './grants.js';

/** Records a gateway without Redis or a governance subgraph keeps (about 700 bytes each as JSON). */
const IN_MEMORY_RECORDS = 100_000;
/** Longest wait for one append to the governance subgraph: it sits in front of every guarded answer. */
const GOVERNANCE_APPEND_TIMEOUT_MS = 2000;

export type AuditSourceKind = 'injected' | 'redis' | 'governance-subgraph' | 'memory' | 'off';

type AuditConfig = Pick<GatewayConfig, 'redisUrl' | 'redisKeyPrefix' | 'subgraphTimeoutMs' | 'subgraphSigningSecret' | 'subgraphSigningSecrets'>;

/**
 * Where the gateway records every operation that touched a guarded field (ARCHITECTURE.md "Audit"),
 * the same choice as for grants: the log a caller injects; else the Redis Stream under
 * REDIS_KEY_PREFIX when REDIS_URL is set (shared by every replica and the governance subgraph); else
 * the governance subgraph's trail over signed POST /audit, so stewards see the reads; else this
 * process's memory, which is not durable and is logged as such.
 */
export function createAudit(
  config: AuditConfig, logger: Logger, injected?: AuditLog, subgraphs: readonly { name: string; url: string }[] = [], off = false,
): AuditTrail & { kind: AuditSourceKind } {
  if (injected) return Object.assign(new AuditTrail(injected), { kind: 'injected' as const });
  // Not recording at all is for measuring the trail's cost only: the gateway is given no trail.
  if (off) return Object.assign(new AuditTrail(new InMemoryAuditLog(1)), { kind: 'off' as const });
  if (config.redisUrl) {
    const log = RedisAuditLog.connect(config.redisUrl, { prefix: config.redisKeyPrefix ?? DEFAULT_KEY_PREFIX });
    // Once Redis answers (the connection is made in the background).
    log.ping().then(() => recordPolicyVersion(log, POLICY_SET.version, new Date(), 'gateway')).then(
      (change) => change && logger.info(change, 'policy version change recorded in the audit trail'),
      (error: unknown) => logger.warn({ err: error }, 'the policy version could not be checked against the audit trail; the governance subgraph records it when it starts'),
    );
    return Object.assign(new AuditTrail(log, () => log.ping()), { kind: 'redis' as const });
  }
  const governance = subgraphs.find((s) => s.name === GOVERNANCE_SUBGRAPH);
  if (governance) {
    logger.info({ audit: 'governance-subgraph' }, 'guarded reads are recorded in the governance subgraph\'s audit trail');
    const log = new GovernanceAuditLog({
      subgraphUrl: governance.url,
      signingSecret: config.subgraphSigningSecrets?.get(GOVERNANCE_SUBGRAPH) ?? config.subgraphSigningSecret,
      timeoutMs: Math.min(GOVERNANCE_APPEND_TIMEOUT_MS, config.subgraphTimeoutMs),
    });
    return Object.assign(new AuditTrail(log), { kind: 'governance-subgraph' as const });
  }
  logger.warn({ keptRecords: IN_MEMORY_RECORDS }, 'audit trail in memory: not durable, each gateway replica keeps its own, and only the newest records; set REDIS_URL to keep it');
  return Object.assign(new AuditTrail(new InMemoryAuditLog(IN_MEMORY_RECORDS)), { kind: 'memory' as const });
}
