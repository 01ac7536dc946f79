import type http from 'node:http';
import { ErrorCode } from '../../schema/error-codes.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../schema/policy/verified-organisation.js';
import type { Grantee } from '../../runtime/governance/grant-keys.js';
import type { Logger } from '../../runtime/logger.js';
import { decodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import type { RequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { GovernanceStore } from './store/governance-store.js';

// POST /grants: how a gateway without Redis reads a caller's grants on each request (ARCHITECTURE.md
// "Stores"). The call is signed like every call to a subgraph, and the caller is the principal in
// the gateway-signed header, never anything in the body (which is `{}`). The answer is the policy
// Grant type as JSON, so the gateway decides with exactly what the store holds.

export const GRANTS_PATH = '/grants';

/** The body of the answer. */
export interface GrantsAnswer {
  grants: Grant[];
  /** The person or their verified organisation is suspended: every grant of theirs stops, token grants included. */
  suspended: boolean;
}

const MAX_BODY_BYTES = 16 * 1024;

/** The grantees a principal's grants may name: the person, and their organisation when it is verified. */
export function granteesOf(principal: Principal): Grantee[] {
  if (!principal.authenticated || principal.subject === null) return [];
  const organisation = verifiedOrganisation(principal);
  return [
    { kind: 'person', subject: principal.subject },
    ...(organisation ? [{ kind: 'organisation' as const, organisation: organisation.id }] : []),
  ];
}

/**
 * The principal's grants that are in force at `now` (neither revoked nor expired), and whether they
 * are suspended; a suspended grantee gets no grants at all, so a gateway that overlooked the flag
 * would still grant nothing.
 */
export async function activeGrantsOf(store: GovernanceStore, principal: Principal, now: Date): Promise<GrantsAnswer> {
  const grantees = granteesOf(principal);
  const [suspensions, stored] = await Promise.all([
    Promise.all(grantees.map((grantee) => store.suspensionOf(grantee))),
    Promise.all(grantees.map((grantee) => store.grantsOf(grantee))),
  ]);
  if (suspensions.some((s) => s !== null)) return { grants: [], suspended: true };
  const grants = stored.flat()
    .filter((grant) => !grant.revoked && grant.expiresAt > now.getTime())
    .map((grant): Grant => ({
      datasetId: grant.datasetId,
      grantee: grant.grantee,
      expiresAt: grant.expiresAt,
      source: 'store',
      id: grant.id,
      acceptedTerms: [...grant.acceptedTerms],
    }));
  return { grants, suspended: false };
}

export interface GrantsEndpointOptions {
  store: GovernanceStore;
  verifier: RequestVerifier;
  logger: Logger;
  now: () => Date;
}

/** The request handler of POST /grants. */
export function grantsEndpoint(options: GrantsEndpointOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { store, verifier, logger, now } = options;
  return (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, { error: 'Only POST is accepted', code: ErrorCode.BadRequest });
    }
    void readBody(req).then(async (body) => {
      if (body === null) return send(res, 413, { error: 'Request body is too large', code: ErrorCode.RequestTooLarge });
      const check = verifier.verify(body, req.headers);
      if (!check.ok) {
        logger.warn({ reason: check.reason, remote: req.socket.remoteAddress }, 'refused an unsigned or invalid grants request');
        return send(res, 401, { error: 'Request refused: not signed by the gateway', code: ErrorCode.Unauthenticated, reason: check.reason });
      }
      let principal: Principal;
      try {
        JSON.parse(body.toString('utf8'));
        const header = req.headers[PRINCIPAL_HEADER];
        principal = decodePrincipal(Array.isArray(header) ? header[0] : header);
      } catch {
        return send(res, 400, { error: 'The body must be JSON and the principal header the gateway\'s', code: ErrorCode.BadRequest });
      }
      try {
        send(res, 200, await activeGrantsOf(store, principal, now()));
      } catch (error) {
        logger.error({ err: error }, 'grants could not be read from the governance store');
        send(res, 503, { error: 'The governance store cannot be reached', code: ErrorCode.StoreUnavailable });
      }
    }, (error: unknown) => {
      logger.warn({ err: error }, 'grants request body could not be read');
      if (!res.headersSent) send(res, 400, { error: 'The request body could not be read', code: ErrorCode.BadRequest });
    });
  };
}

/** The body, or null when it is larger than MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
