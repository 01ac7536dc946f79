import { runMain } from '../../runtime/env.js';
import { createLogger } from '../../runtime/logger.js';
import { readPartnerConfig } from './config.js';
import { servePartner } from './serve-partner.js';

// `npm run partner -- --partner ID [--catalog FILE]` (or PARTNER_ID, CATALOG_PATH, PORT): reads the
// configuration, serves the partner's catalog, and stops cleanly on SIGTERM.
await runMain('partner', async () => {
  const config = readPartnerConfig(process.env, process.argv.slice(2));
  const logger = createLogger(config.partner, config.logLevel);
  const server = await servePartner(config, logger);
  const stop = () => {
    logger.info('stopping');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
