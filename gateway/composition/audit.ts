import type { Logger } from '../../runtime/logger.js';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { InMemoryAuditLog } from '../../runtime/audit/in-memory-audit-log.js';
import { RedisAuditLog } from '../../runtime/audit/redis-audit-log.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import type { GatewayConfig } from '../config.js';
import { AuditTrail } from '../audit/audit-trail.js';

/** Records a gateway without Redis keeps (about 700 bytes each as JSON). */
const IN_MEMORY_RECORDS = 100_000;

/**
 * Where the gateway records every operation that touched a guarded field (ARCHITECTURE.md "Audit"):
 * the log a caller injects, else the Redis Stream under REDIS_KEY_PREFIX when REDIS_URL is set
 * (shared by every replica and the governance subgraph), else this process's memory, which is not
 * durable and is logged as such.
 */
export function createAudit(config: Pick<GatewayConfig, 'redisUrl' | 'redisKeyPrefix'>, logger: Logger, injected?: AuditLog): AuditTrail {
  if (injected) return new AuditTrail(injected);
  if (config.redisUrl) {
    const log = RedisAuditLog.connect(config.redisUrl, { prefix: config.redisKeyPrefix ?? DEFAULT_KEY_PREFIX });
    return new AuditTrail(log, () => log.ping());
  }
  logger.warn({ keptRecords: IN_MEMORY_RECORDS }, 'audit trail in memory: not durable, each gateway replica keeps its own, and only the newest records; set REDIS_URL to keep it');
  return new AuditTrail(new InMemoryAuditLog(IN_MEMORY_RECORDS));
}
