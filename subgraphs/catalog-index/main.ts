import { runMain } from '../../runtime/env.js';
import { createLogger } from '../../runtime/logger.js';
import { readCatalogIndexConfig } from './config.js';
import { createCatalogIndex, startCatalogIndexServer } from './create-catalog-index.js';
import { partnersInSupergraph } from './partner-directory.js';
import { openNonceStore } from '../../runtime/subgraph-protocol/open-nonce-store.js';

// `npm run catalog-index -- [--supergraph FILE]`: reads the configuration, discovers the partners
// from the same supergraph the gateway serves, listens, harvests them all once and then every
// HARVEST_INTERVAL_SECONDS, and stops cleanly on SIGTERM.
await runMain('catalog-index', async () => {
  const config = readCatalogIndexConfig(process.env, process.argv.slice(2));
  const logger = createLogger('catalog-index', config.logLevel);
  const service = createCatalogIndex({
    partners: partnersInSupergraph(config.supergraphSdl, new Map(config.partnerUrls)),
    logger,
    harvestTimeoutMs: config.harvestTimeoutMs,
    signingSecret: config.signingSecret,
    partnerSigningSecrets: config.partnerSigningSecrets,
    searchLimits: config.searchLimits,
  });
  // Replicas of the index share the nonces of signed requests in Redis (issue 12, "Replicas").
  const nonces = openNonceStore({ redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix, namespace: 'catalog-index' });
  const server = await startCatalogIndexServer({ service, port: config.port, host: config.host, logger, signingSecret: config.signingSecret, nonces });
  await service.harvester.harvestAll();
  service.harvester.start(config.harvestIntervalSeconds * 1000);

  const stop = () => {
    logger.info('stopping');
    void Promise.all([service.harvester.close(), server.close()]).then(() => nonces.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
