import { setImmediate as nextTurn } from 'node:timers/promises';
import { readGatewayConfig } from './config.js';
import { readSupergraphFile, runMain } from '../runtime/env.js';
import { listenHttp, type RunningHttpServer } from '../runtime/http-server.js';
import { createLogger } from '../runtime/logger.js';

// Start-up in three steps, so that /health answers within a second of the process starting
// (ARCHITECTURE.md, "Processes"). Everything imported above is light; @apollo/gateway and the
// query planner are imported only once the port is bound. A failure at any step prints one line
// and exits 1 (runMain), also after the port was bound.

// The largest packages under create-gateway.js, in dependency order. Each import is one
// synchronous block (a CommonJS graph is required in one go, and Node 22+ loads ES modules
// synchronously too); importing them one by one, with a turn of the event loop between, lets
// /health and /ready answer during start-up instead of after it. A package missing here costs
// only time.
const HEAVY_PACKAGES = ['graphql', '@apollo/federation-internals', '@apollo/server', '@apollo/gateway', 'undici', 'redis'];

await runMain('gateway', async () => {
  // 1. Configuration: every setting and the supergraph file, before the port is bound.
  const config = readGatewayConfig(process.env, process.argv.slice(2));
  const supergraphSdl = readSupergraphFile(config.supergraphPath);
  const logger = createLogger('gateway', config.logLevel);

  // 2. Listen: /health answers 200, /ready 503 "starting", /graphql 503 SERVICE_STARTING.
  const listener = await listenHttp({ port: config.port, host: config.host, logger });
  let running: RunningHttpServer = listener;
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.info({ url: listener.url.replace(/\/graphql$/, '/health') }, 'gateway starting: /health answers, GraphQL follows once the supergraph is loaded');

  // 3. The gateway itself: import it, build it, start Apollo (the query planner), serve /graphql.
  for (const name of HEAVY_PACKAGES) {
    await nextTurn();
    await import(name);
  }
  await nextTurn();
  const { createGateway } = await import('./create-gateway.js');
  running = await createGateway(config, { logger, supergraphSdl }).serveOn(listener);
});
