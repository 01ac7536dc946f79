import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ErrorCode } from '../schema/error-codes.js';
import type { Logger } from './logger.js';
import { accessLog, type AccessObserver } from './access-log.js';
import type { RequestVerifier, SignatureCheck } from './subgraph-protocol/request-signing.js';

// Two steps, so that a process answers /health before its heavy modules are even imported
// (ARCHITECTURE.md, "Processes"): listenHttp binds the port with node:http alone, and
// mountGraphQL then starts Apollo Server and hands every request to express. This module imports
// express and the Apollo integration only inside mountGraphQL for the same reason.

export interface Readiness {
  ready: boolean;
  details?: Record<string, unknown>;
}

export interface HttpListenerOptions {
  port: number;
  host?: string;
  logger: Logger;
}

export interface GraphQLMountOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>;
  /** The largest request body accepted, in bytes; a larger one gets HTTP 413 before parsing. */
  maxBodyBytes?: number;
  readiness?: () => Promise<Readiness> | Readiness;
  /** When set, /graphql answers only POST requests that pass it (signed by the gateway). */
  requestVerifier?: RequestVerifier;
  /** When set, GET /metrics answers what it renders (the gateway's Prometheus metrics); else 404. */
  metrics?: () => Promise<MetricsExposition>;
  /** Called with every request's access record once its answer is sent (the gateway's request metrics). */
  onRequestEnd?: AccessObserver;
  /** More GET routes, each answering on its own (the gateway's DCAT export, gateway/catalog-export/). */
  routes?: readonly { path: string; handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> }[];
}

/** A scrape's body in the Prometheus text format, with its content type. */
export interface MetricsExposition {
  contentType: string;
  body: string;
}

export type GraphQLHttpServerOptions<TContext extends BaseContext> = HttpListenerOptions & GraphQLMountOptions<TContext>;

export interface CloseOptions {
  /** How long requests in flight may take to finish; past it their connections are closed. Default 0: at once. */
  graceMs?: number;
}

export interface CloseReport {
  /** Requests still unanswered when the grace period ended, whose connections were closed under them. */
  cutRequests: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** Stops at once: shutDown with no grace period. */
  close(): Promise<void>;
  /**
   * Stops accepting connections and answers /ready 503 "stopping" at once, lets the requests in
   * flight finish within the grace period, then stops Apollo Server. Calling it again (or close)
   * waits for the first call.
   */
  shutDown(options?: CloseOptions): Promise<CloseReport>;
}

/** A bound port that answers /health, and "starting" on /ready and /graphql until GraphQL is mounted. */
export interface HttpListener extends RunningHttpServer {
  /** Starts Apollo Server and serves it at /graphql; /ready then follows `readiness`. */
  mountGraphQL<TContext extends BaseContext>(options: GraphQLMountOptions<TContext>): Promise<RunningHttpServer>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Listens at once: GET /health answers 200 (the process is alive), GET /ready 503 with status
 * "starting" and /graphql 503 with code SERVICE_STARTING, until mountGraphQL replaces them.
 */
export async function listenHttp(options: HttpListenerOptions): Promise<HttpListener> {
  const { port, host = '127.0.0.1' } = options;
  let handler: Handler = answerWhileStarting;
  const drain = requestDrain();
  const httpServer = http.createServer((req, res) => drain.admit(req, res) && handler(req, res));
  // Keep-alive longer than the gateway's client idle timeout, so the server never closes a
  // socket the client is about to reuse (the classic ECONNRESET race).
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/graphql`;
  let apollo: ApolloServer<BaseContext> | undefined;

  let closing: Promise<CloseReport> | undefined;
  // Apollo Server stops only once no request is left that could still need it.
  const shutDown = (closeOptions: CloseOptions = {}) => closing ??= drain.run(httpServer, closeOptions.graceMs ?? 0).then(async (cutRequests) => {
    await apollo?.stop();
    return { cutRequests };
  });
  const close = async () => { await shutDown(); };
  return {
    url,
    port: address.port,
    httpServer,
    close,
    shutDown,
    async mountGraphQL(mount) {
      await startLeavingSignalsToTheProcess(mount.apollo);
      apollo = mount.apollo as unknown as ApolloServer<BaseContext>;
      handler = await graphQLApp(mount, options.logger);
      return { url, port: address.port, httpServer, close, shutDown };
    },
  };
}

/**
 * Graceful shutdown (issue 12, "Operations"; ARCHITECTURE.md, "Processes"): once run, the port is
 * closed (a new connection is refused), /ready answers 503 "stopping" on connections still open so a
 * proxy stops sending, and every answer carries "Connection: close" so keep-alive connections end
 * with their last request. Resolves with the number of requests cut when the grace period ended.
 */
function requestDrain() {
  const inFlight = new Set<http.ServerResponse>();
  let stopping = false;
  return {
    /** Tracks the request; false when it was answered here (/ready while stopping). */
    admit(req: http.IncomingMessage, res: http.ServerResponse): boolean {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      if (!stopping) return true;
      res.setHeader('connection', 'close');
      if ((req.url ?? '/').split('?')[0] !== '/ready') return true;
      sendJson(res, 503, { status: 'stopping' });
      return false;
    },
    async run(httpServer: http.Server, graceMs: number): Promise<number> {
      stopping = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const gracePassed = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), graceMs); });
      const finishedInTime = graceMs > 0 && (await Promise.race([closed.then(() => true), gracePassed]));
      clearTimeout(timer);
      const cut = finishedInTime ? 0 : inFlight.size;
      httpServer.closeAllConnections();
      await closed;
      return cut;
    },
  };
}

const TERMINATION_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Starts Apollo Server without the SIGINT and SIGTERM listeners it adds for itself. Outside tests,
 * every Apollo Server adds one of each when it starts (unless its constructor was told otherwise), so
 * a process holding many servers, such as the search benchmark with a dozen, passes Node's limit of
 * ten and is warned of a leak. Stopping on a signal is the process's own concern: each main.ts has one
 * handler that closes its server, Apollo included (ARCHITECTURE.md, "Processes"); a process with none
 * ends on the signal as Node does by default. The listeners are told apart as those that appeared
 * while Apollo started; nothing else is awaited in between.
 */
async function startLeavingSignalsToTheProcess<TContext extends BaseContext>(apollo: ApolloServer<TContext>): Promise<void> {
  const before = new Map(TERMINATION_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  await apollo.start();
  for (const signal of TERMINATION_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as (signal: NodeJS.Signals) => void);
    }
  }
}

/** Listens and serves GraphQL in one call, for the services whose start-up is light. */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const listener = await listenHttp(options);
  try {
    return await listener.mountGraphQL(options);
  } catch (error) {
    await listener.close();
    throw error;
  }
}

function answerWhileStarting(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    sendJson(res, 200, { status: 'ok' });
  } else if (path === '/ready') {
    sendJson(res, 503, { status: 'starting' });
  } else if (path === '/graphql' || path?.startsWith('/graphql/')) {
    res.setHeader('retry-after', '1');
    sendJson(res, 503, { errors: [{ message: 'The service is starting; try again shortly', extensions: { code: ErrorCode.ServiceStarting } }] });
  } else {
    sendJson(res, 404, { status: 'not found' });
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function graphQLApp<TContext extends BaseContext>(options: GraphQLMountOptions<TContext>, logger: Logger): Promise<Handler> {
  const [{ default: express }, { expressMiddleware }] = await Promise.all([import('express'), import('@as-integrations/express5')]);
  const app = express();
  app.disable('x-powered-by');
  // The query string read as Apollo Server reads it (URLSearchParams, every parameter): Node's
  // querystring stops at 1,000 keys, so checks reading req.query of a GET could be shown no `query`
  // while Apollo Server runs the one after 1,000 dummy parameters. Apollo refuses a GraphQL
  // parameter given twice, so the one value kept here is the one it runs.
  app.set('query parser', (text: string) => Object.fromEntries(new URLSearchParams(text)));
  // First, so every request (refused ones included) has its request id and its one log line.
  app.use(accessLog(logger, options.onRequestEnd));
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
  const { metrics } = options;
  if (metrics) {
    app.get('/metrics', async (_req: Request, res: Response) => {
      try {
        const { contentType, body } = await metrics();
        res.status(200).type(contentType).send(body);
      } catch (error) {
        logger.error({ err: error }, 'metrics could not be rendered');
        res.status(500).type('text/plain').send('metrics could not be rendered\n');
      }
    });
  }
  for (const route of options.routes ?? []) app.get(route.path, (req: Request, res: Response) => route.handle(req, res));
  app.use(
    '/graphql',
    express.json({
      limit: options.maxBodyBytes ?? 1_000_000,
      verify: (req, _res, buffer) => { (req as RawBodyRequest).rawBody = buffer; },
    }),
    ...(options.requestVerifier ? [signatureCheck(options.requestVerifier, logger)] : []),
    expressMiddleware(options.apollo, { context: options.context }),
  );
  app.use(jsonErrorHandler(logger));
  return app;
}

type RawBodyRequest = http.IncomingMessage & { rawBody?: Buffer };

function signatureCheck(verifier: RequestVerifier, logger: Logger) {
  return async (req: Request, res: Response, next: () => void) => {
    const check: SignatureCheck = req.method === 'POST'
      ? await verifier.verify((req as RawBodyRequest).rawBody, req.headers)
      : { ok: false, reason: 'only signed POST requests are accepted' };
    if (check.ok) return next();
    if (check.unavailable) {
      // Fail closed (issue 12, "Replicas"): without the shared replay memory a replay cannot be told apart.
      logger.error({ reason: check.reason, remote: req.socket.remoteAddress }, 'refused a signed request: its replay check cannot be made (is Redis at REDIS_URL up?)');
      res.status(503).set('retry-after', '1').json({ errors: [{ message: 'Request refused: the replay check of signed requests cannot be made now; try again shortly', extensions: { code: ErrorCode.StoreUnavailable, reason: check.reason } }] });
      return;
    }
    logger.warn({ reason: check.reason, remote: req.socket.remoteAddress }, 'refused an unsigned or invalid request');
    res.status(401).json({ errors: [{ message: 'Request refused: not signed by the gateway', extensions: { code: ErrorCode.Unauthenticated, reason: check.reason } }] });
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
      res.status(413).json({ errors: [{ message: 'Request body is too large', extensions: { code: ErrorCode.RequestTooLarge } }] });
    } else if (type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: ErrorCode.BadRequest } }] });
    } else if (status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: 'Bad request', extensions: { code: ErrorCode.BadRequest } }] });
    } else {
      logger.error({ err: error }, 'unhandled HTTP error');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } }] });
    }
  };
}
