import { runMain } from '../../runtime/env.js';
import { createLogger } from '../../runtime/logger.js';
import { partnersInSupergraph } from '../catalog-index/partner-directory.js';
import { readGovernanceConfig } from './config.js';
import { createGovernanceSubgraph, startGovernanceServer } from './create-governance-subgraph.js';
import { InMemoryGovernanceStore } from './store/in-memory-governance-store.js';
import { RedisGovernanceStore } from './store/redis-governance-store.js';
import { RedisAuditLog } from '../../runtime/audit/redis-audit-log.js';
import { openNonceStore } from '../../runtime/subgraph-protocol/open-nonce-store.js';

// `npm run governance -- [--supergraph FILE]`: reads the configuration, opens the governance store
// (Redis with REDIS_URL, else this process's memory, which it says is not durable), listens, harvests
// the partners of the supergraph once and then every HARVEST_INTERVAL_SECONDS, and stops cleanly on
// SIGTERM.
await runMain('governance', async () => {
  const config = readGovernanceConfig(process.env, process.argv.slice(2));
  const logger = createLogger('governance', config.logLevel);
  const store = config.redisUrl
    ? RedisGovernanceStore.connect(config.redisUrl, { prefix: config.redisKeyPrefix })
    : new InMemoryGovernanceStore();
  if (store.durable) {
    logger.info({ redisKeyPrefix: config.redisKeyPrefix }, 'governance store in Redis (REDIS_URL): durable and shared by every replica');
  } else {
    logger.warn('governance store in memory: not durable. Access requests, decisions and grants are lost when this process stops, and replicas do not share them; set REDIS_URL to keep them');
  }
  // The trail lives beside the store: in Redis with REDIS_URL, shared with every gateway; else here,
  // where gateways without Redis append their reads (POST /audit).
  const audit = config.redisUrl ? RedisAuditLog.connect(config.redisUrl, { prefix: config.redisKeyPrefix }) : undefined;
  const subgraph = createGovernanceSubgraph({
    audit,
    partners: partnersInSupergraph(config.supergraphSdl, new Map(config.partnerUrls)),
    store,
    logger,
    signingSecret: config.signingSecret,
    partnerSigningSecrets: config.partnerSigningSecrets,
    harvestTimeoutMs: config.harvestTimeoutMs,
    decisionDeadlineDays: config.decisionDeadlineDays,
  });
  // Replicas share the nonces of signed requests in Redis (issue 12, "Replicas"), GraphQL and POST routes alike.
  const nonces = openNonceStore({ redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix, namespace: 'governance' });
  const server = await startGovernanceServer({ subgraph, port: config.port, host: config.host, logger, signingSecret: config.signingSecret, nonces });
  await subgraph.harvester.harvestAll();
  subgraph.harvester.start(config.harvestIntervalSeconds * 1000);

  const stop = () => {
    logger.info('stopping');
    void Promise.all([subgraph.harvester.close(), server.close()]).then(() => subgraph.auditOutbox.close()).then(() => Promise.all([store.close(), subgraph.audit.close(), nonces.close()])).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
