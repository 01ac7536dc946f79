import { parseArgs } from 'node:util';
import { ConfigError, readLogLevel, readPort, readSigningSecret, runMain } from '../../runtime/env.js';
import { createLogger } from '../../runtime/logger.js';
import { partnerIdPattern } from './catalog-file.js';
import { createPartnerSubgraph } from './create-partner-subgraph.js';
import { startPartnerServer } from './serve-partner.js';

// Usage: npm run partner -- --partner <id> [--catalog FILE] (or PARTNER_ID, CATALOG_PATH, PORT).
await runMain('partner', async () => {
  const { values } = parseArgs({ options: { partner: { type: 'string' }, catalog: { type: 'string' } } });
  const partner = values.partner ?? process.env.PARTNER_ID;
  if (!partner || !partnerIdPattern.test(partner)) {
    throw new ConfigError(`PARTNER_ID (or --partner) must be a partner id such as northbridge-hospital, got "${partner ?? ''}"`);
  }
  const catalog = values.catalog ?? process.env.CATALOG_PATH ?? `subgraphs/partners/${partner}/catalog.json`;
  const port = readPort(process.env, 'PORT', 4101);
  const host = process.env.HOST || '127.0.0.1';
  const logger = createLogger(partner, readLogLevel(process.env));
  const signingSecret = readSigningSecret(process.env, true)!;

  const subgraph = createPartnerSubgraph({ partner, catalog });
  const server = await startPartnerServer({ subgraph, port, host, logger, signingSecret });
  const stop = () => {
    logger.info('stopping');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
