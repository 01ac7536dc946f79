import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { expressMiddleware } from '@as-integrations/express5';
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { Logger } from './logger.js';
import type { RequestVerifier } from './subgraph-protocol/request-signing.js';

export interface Readiness {
  ready: boolean;
  details?: Record<string, unknown>;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>;
  port: number;
  host?: string;
  /** The largest request body accepted, in bytes; a larger one gets HTTP 413 before parsing. */
  maxBodyBytes?: number;
  readiness?: () => Promise<Readiness> | Readiness;
  /** When set, /graphql answers only POST requests that pass it (signed by the gateway). */
  requestVerifier?: RequestVerifier;
  logger: Logger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
}

/**
 * Serves an ApolloServer at /graphql with GET /health (the process is alive) and GET /ready
 * (it can answer queries). Both the gateway and the subgraphs use it, so they behave alike.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { apollo, port, host = '127.0.0.1', logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Keep-alive longer than the gateway's client idle timeout, so the server never closes a
  // socket the client is about to reuse (the classic ECONNRESET race).
  httpServer.keepAliveTimeout = 65_000;

  app.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req: Request, res: Response) => {
    try {
      const readiness = (await options.readiness?.()) ?? { ready: true };
      res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not ready', ...readiness.details });
    } catch (error) {
      logger.error({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not ready' });
    }
  });

  await apollo.start();
  app.use(
    '/graphql',
    express.json({
      limit: options.maxBodyBytes ?? 1_000_000,
      verify: (req, _res, buffer) => { (req as RawBodyRequest).rawBody = buffer; },
    }),
    ...(options.requestVerifier ? [signatureCheck(options.requestVerifier, logger)] : []),
    expressMiddleware(apollo, { context: options.context }),
  );
  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    port: address.port,
    httpServer,
    async close() {
      await apollo.stop();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}

type RawBodyRequest = http.IncomingMessage & { rawBody?: Buffer };

function signatureCheck(verifier: RequestVerifier, logger: Logger) {
  return (req: Request, res: Response, next: () => void) => {
    const check = req.method === 'POST'
      ? verifier.verify((req as RawBodyRequest).rawBody, req.headers)
      : { ok: false as const, reason: 'only signed POST requests are accepted' };
    if (check.ok) return next();
    logger.warn({ reason: check.reason, remote: req.socket.remoteAddress }, 'refused an unsigned or invalid request');
    res.status(401).json({ errors: [{ message: 'Request refused: not signed by the gateway', extensions: { code: 'UNAUTHENTICATED', reason: check.reason } }] });
  };
}

// Body-parser failures (malformed JSON, a body over the limit) answer in GraphQL's error shape with
// a stable code instead of express's HTML page.
function jsonErrorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: (err?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    if (type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'Request body is too large', extensions: { code: 'REQUEST_TOO_LARGE' } }] });
    } else if (type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else if (status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      logger.error({ err: error }, 'unhandled HTTP error');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}
