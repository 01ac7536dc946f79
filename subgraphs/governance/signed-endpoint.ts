import type http from 'node:http';
import { ErrorCode } from '../../schema/error-codes.js';
import type { Principal } from '../../schema/policy/principal.js';
import type { Logger } from '../../runtime/logger.js';
import { decodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, type RequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';

// The governance subgraph's plain HTTP routes for gateways (POST /grants, POST /audit;
// ARCHITECTURE.md "Stores"): signed like every call to a subgraph, the principal read from the
// gateway-signed header only, the body JSON and bounded in size.

export interface SignedCall {
  body: unknown;
  principal: Principal;
}

/** What a handler answers: a status and a JSON body. */
export interface SignedAnswer {
  status: number;
  body: unknown;
}

export interface SignedEndpointOptions {
  name: string;
  verifier: RequestVerifier;
  logger: Logger;
  maxBodyBytes: number;
  handle(call: SignedCall): Promise<SignedAnswer>;
}

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function signedEndpoint(options: SignedEndpointOptions): RequestHandler {
  const { verifier, logger, name } = options;
  return (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, { error: 'Only POST is accepted', code: ErrorCode.BadRequest });
    }
    // An unsigned call is refused before its body is read: nothing is buffered for a caller that is not the gateway.
    if (![SIGNATURE_HEADER, TIMESTAMP_HEADER, NONCE_HEADER].every((name) => typeof req.headers[name] === 'string')) {
      logger.warn({ remote: req.socket.remoteAddress }, `refused an unsigned ${name} request`);
      res.setHeader('connection', 'close');
      return send(res, 401, { error: 'Request refused: not signed by the gateway', code: ErrorCode.Unauthenticated, reason: 'missing signature' });
    }
    void readBody(req, options.maxBodyBytes).then(async (body) => {
      if (body === null) {
        // Stop reading the rest: the connection closes once the answer is sent.
        res.setHeader('connection', 'close');
        res.once('finish', () => req.destroy());
        return send(res, 413, { error: `Request body is larger than ${options.maxBodyBytes} bytes`, code: ErrorCode.RequestTooLarge });
      }
      const check = await verifier.verify(body, req.headers);
      if (!check.ok && check.unavailable) {
        // Fail closed (issue 12, "Replicas"): without the shared replay memory a replay cannot be told apart.
        logger.error({ reason: check.reason, remote: req.socket.remoteAddress }, `refused a signed ${name} request: its replay check cannot be made (is Redis at REDIS_URL up?)`);
        res.setHeader('retry-after', '1');
        return send(res, 503, { error: 'Request refused: the replay check of signed requests cannot be made now; try again shortly', code: ErrorCode.StoreUnavailable, reason: check.reason });
      }
      if (!check.ok) {
        logger.warn({ reason: check.reason, remote: req.socket.remoteAddress }, `refused an unsigned or invalid ${name} request`);
        return send(res, 401, { error: 'Request refused: not signed by the gateway', code: ErrorCode.Unauthenticated, reason: check.reason });
      }
      let call: SignedCall;
      try {
        const header = req.headers[PRINCIPAL_HEADER];
        call = { body: JSON.parse(body.toString('utf8')) as unknown, principal: decodePrincipal(Array.isArray(header) ? header[0] : header) };
      } catch {
        return send(res, 400, { error: 'The body must be JSON and the principal header the gateway\'s', code: ErrorCode.BadRequest });
      }
      const answer = await options.handle(call);
      send(res, answer.status, answer.body);
    }).catch((error: unknown) => {
      logger.warn({ err: error }, `${name} request failed`);
      if (!res.headersSent) send(res, 400, { error: 'The request body could not be read', code: ErrorCode.BadRequest });
    });
  };
}

/** The body, or null when it is larger than `max` bytes. */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (!tooLarge) {
        tooLarge = true;
        req.pause();
        resolve(null);
      }
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
