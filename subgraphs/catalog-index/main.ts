import { readFileSync } from 'node:fs';
import { ConfigError, readLogLevel, readPort, readPositiveInt, readSigningSecret, readSigningSecrets, readUrlMap, runMain } from '../../runtime/env.js';
import { createLogger } from '../../runtime/logger.js';
import { createCatalogIndex, startCatalogIndexServer } from './create-catalog-index.js';
import { partnersInSupergraph } from './partner-directory.js';

// The index discovers partners from the same supergraph file the gateway serves.
await runMain('catalog-index', async () => {
  const supergraphPath = process.env.SUPERGRAPH_PATH || 'schema/supergraph.graphql';
  let sdl: string;
  try {
    sdl = readFileSync(supergraphPath, 'utf8');
  } catch {
    throw new ConfigError(`SUPERGRAPH_PATH: cannot read "${supergraphPath}"`);
  }
  const overrides = readUrlMap(process.env, 'SUBGRAPH_URLS');
  const port = readPort(process.env, 'PORT', 4100);
  const intervalSeconds = readPositiveInt(process.env, 'HARVEST_INTERVAL_SECONDS', 60);
  const timeoutMs = readPositiveInt(process.env, 'HARVEST_TIMEOUT_MS', 10_000);
  const logger = createLogger('catalog-index', readLogLevel(process.env));
  // Its own key verifies the gateway's calls; the partners' keys sign its harvests.
  const signingSecret = readSigningSecret(process.env, true)!;
  const partnerSigningSecrets = readSigningSecrets(process.env);

  const partners = partnersInSupergraph(sdl, overrides);
  const service = createCatalogIndex({ partners, logger, harvestTimeoutMs: timeoutMs, signingSecret, partnerSigningSecrets });
  const server = await startCatalogIndexServer({ service, port, host: process.env.HOST || '127.0.0.1', logger, signingSecret });
  await service.harvester.harvestAll();
  service.harvester.start(intervalSeconds * 1000);

  const stop = () => {
    logger.info('stopping');
    void Promise.all([service.harvester.close(), server.close()]).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
