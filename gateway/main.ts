import { setImmediate as nextTurn } from 'node:timers/promises';
import { DEFAULT_SHUTDOWN_GRACE_SECONDS, readGatewayConfig } from './config.js';
import { readSupergraphFile, runMain } from '../runtime/env.js';
import { listenHttp, type RunningHttpServer } from '../runtime/http-server.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import type { ConcordGateway } from './create-gateway.js';

// Start-up in three steps, so that /health answers within a second of the process starting
// (ARCHITECTURE.md, "Processes"). Everything imported above is light; @apollo/gateway and the
// query planner are imported only once the port is bound. A failure at any step prints one line
// and exits 1 (runMain), also after the port was bound.

// The largest packages under create-gateway.js, in dependency order. Each import is one
// synchronous block (a CommonJS graph is required in one go, and Node 22+ loads ES modules
// synchronously too); importing them one by one, with a turn of the event loop between, lets
// /health and /ready answer during start-up instead of after it. A package missing here costs
// only time.
const HEAVY_PACKAGES = ['graphql', '@apollo/federation-internals', '@apollo/server', '@apollo/gateway', 'undici', 'redis', 'prom-client', 'n3', 'jsonld'];

await runMain('gateway', async () => {
  // 1. Configuration: every setting and the supergraph file, before the port is bound.
  const config = readGatewayConfig(process.env, process.argv.slice(2));
  const supergraphSdl = readSupergraphFile(config.supergraphPath);
  const logger = createLogger('gateway', config.logLevel);

  // 2. Listen: /health answers 200, /ready 503 "starting", /graphql 503 SERVICE_STARTING.
  const listener = await listenHttp({ port: config.port, host: config.host, logger });
  let running: RunningHttpServer = listener;
  let gateway: ConcordGateway | undefined;
  const graceSeconds = config.shutdownGraceSeconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS;
  const stop = (signal: NodeJS.Signals) => void shutDown(running, signal, graceSeconds, logger).then((code) => process.exit(code));
  // Once each: a second SIGINT (Ctrl-C again) ends the process at once, as Node does by default.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.on('SIGHUP', () => {
    if (gateway) gateway.reloadSupergraph('SIGHUP');
    else logger.warn('SIGHUP ignored: the gateway is still starting');
  });
  logger.info({ url: listener.url.replace(/\/graphql$/, '/health') }, 'gateway starting: /health answers, GraphQL follows once the supergraph is loaded');

  // 3. The gateway itself: import it, build it, start Apollo (the query planner), serve /graphql.
  for (const name of HEAVY_PACKAGES) {
    await nextTurn();
    await import(name);
  }
  await nextTurn();
  const { createGateway } = await import('./create-gateway.js');
  gateway = createGateway(config, { logger, supergraphSdl });
  running = await gateway.serveOn(listener);
});

/** Time past the grace period for the audit flush and closing Redis before the process ends anyway. */
const CLEAN_UP_MS = 5000;

/**
 * Graceful shutdown (issue 12, "Operations"; ARCHITECTURE.md, "Processes"): no new connection,
 * /ready 503 at once, requests in flight finish within the grace period, the audit records still
 * being appended are written, Redis is closed. Exit code 0 when nothing was cut, 1 otherwise.
 */
async function shutDown(running: RunningHttpServer, signal: NodeJS.Signals, graceSeconds: number, logger: Logger): Promise<number> {
  logger.info({ signal, graceSeconds }, 'gateway stopping: no new connections, /ready answers 503, requests in flight may finish within SHUTDOWN_GRACE_SECONDS');
  setTimeout(() => {
    logger.error({ graceSeconds, cleanUpMs: CLEAN_UP_MS }, 'gateway stopped without finishing its clean-up (audit flush, Redis) in time');
    process.exit(1);
  }, graceSeconds * 1000 + CLEAN_UP_MS).unref();
  try {
    const { cutRequests } = await running.shutDown({ graceMs: graceSeconds * 1000 });
    if (cutRequests > 0) {
      logger.error({ cutRequests, graceSeconds }, `gateway stopped: ${cutRequests} request(s) still in flight after the grace period of ${graceSeconds} s were cut`);
      return 1;
    }
    logger.info('gateway stopped: every request in flight was answered');
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'gateway stopped with an error while closing');
    return 1;
  }
}
