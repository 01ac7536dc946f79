import { readGatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';
import { runMain } from '../runtime/env.js';

// Reads the environment, listens, and stops cleanly on SIGTERM; everything else is createGateway's.
await runMain('gateway', async () => {
  const config = readGatewayConfig(process.env, process.argv.slice(2));
  const server = await createGateway(config).listen();
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
