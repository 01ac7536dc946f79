import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Logger } from './logger.js';

// Structured access logs (issue 12, "Operations"): one JSON line per HTTP request, in every service
// that serves GraphQL through runtime/http-server.ts, carrying the request id that the gateway
// passes on to the subgraphs, so one request can be followed from the gateway through every
// subgraph it asked. Never the query string (GET queries carry the query and its variables there),
// never a header's value but the client name, never a token.

/** The header a request id travels in: accepted from the caller, sent to subgraphs, returned. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The header Apollo clients name themselves in. */
const CLIENT_NAME_HEADER = 'apollographql-client-name';

/**
 * A caller's request id is kept when it is a plain token: 1 to 128 letters, digits and `-_.:`
 * (UUIDs, ULIDs, the ids proxies such as nginx's $request_id make). Anything else is replaced, so a
 * log line or a subgraph header never carries a caller's arbitrary text under this name.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Longest client name kept in a log line. */
const MAX_CLIENT_NAME = 128;

/** The caller's request id when it is sane, else a fresh one. */
export function requestIdFrom(header: string | readonly string[] | undefined, generate: () => string = randomUUID): string {
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  return typeof value === 'string' && SANE_REQUEST_ID.test(value) ? value : generate();
}

/** What a service adds to a request's access log line once it knows (the gateway: operation and caller). */
export interface AccessNotes {
  /** The name of the operation that was resolved (parsed and validated). */
  operationName?: string;
  /** The authenticated caller's subject; absent for anonymous callers. */
  subject?: string;
}

/** One request, as logged and as handed to an observer (the gateway's metrics). */
export interface AccessRecord extends AccessNotes {
  requestId: string;
  method: string;
  /** The path without its query string. */
  path: string;
  /** The HTTP status sent; 499 when the client went away before the answer was sent. */
  status: number;
  durationMs: number;
  clientName?: string;
}

export type AccessObserver = (record: AccessRecord) => void;

const NOTES = new WeakMap<http.IncomingMessage, AccessNotes>();

/** The notes of one request, which the log line reads when the request ends. */
export function accessNotesOf(req: http.IncomingMessage): AccessNotes {
  let notes = NOTES.get(req);
  if (!notes) {
    notes = {};
    NOTES.set(req, notes);
  }
  return notes;
}

/** Probes are logged at debug: a load balancer polling every few seconds would drown the rest. */
const PROBE_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Middleware run before every route: settles the request id (the caller's if sane, else a new one),
 * sets it on the request (so that what reads the incoming headers, such as the audit record, sees the
 * same id) and on the response, and logs one line when the response is done.
 */
export function accessLog(logger: Logger, observe?: AccessObserver) {
  return (req: http.IncomingMessage, res: http.ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    // Read now: a router mounted on a path rewrites req.url while it handles the request.
    const path = (req.url ?? '/').split('?')[0] || '/';
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once('close', () => {
      const record = accessRecord(req, res, { requestId, path }, Number(process.hrtime.bigint() - started) / 1e6);
      if (PROBE_PATHS.has(record.path)) logger.debug(record, 'request');
      else logger.info(record, 'request');
      try {
        observe?.(record);
      } catch (error) {
        logger.error({ err: error, requestId }, 'request observer failed');
      }
    });
    next();
  };
}

function accessRecord(
  req: http.IncomingMessage, res: http.ServerResponse, { requestId, path }: { requestId: string; path: string }, durationMs: number,
): AccessRecord {
  const clientName = req.headers[CLIENT_NAME_HEADER];
  const notes = NOTES.get(req);
  return {
    requestId,
    method: req.method ?? 'GET',
    path,
    status: res.writableFinished ? res.statusCode : 499,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(typeof clientName === 'string' && clientName ? { clientName: clientName.slice(0, MAX_CLIENT_NAME) } : {}),
    ...(notes?.operationName !== undefined ? { operationName: notes.operationName } : {}),
    ...(notes?.subject !== undefined ? { subject: notes.subject } : {}),
  };
}
