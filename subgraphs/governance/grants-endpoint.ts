import { ErrorCode } from '../../schema/error-codes.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../schema/policy/verified-organisation.js';
import type { Grantee } from '../../runtime/governance/grant-keys.js';
import type { Logger } from '../../runtime/logger.js';
import type { RequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import { signedEndpoint, type RequestHandler } from './signed-endpoint.js';
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
export function grantsEndpoint(options: GrantsEndpointOptions): RequestHandler {
  const { store, logger, now } = options;
  return signedEndpoint({
    name: 'grants',
    verifier: options.verifier,
    logger,
    maxBodyBytes: MAX_BODY_BYTES,
    async handle({ principal }) {
      try {
        return { status: 200, body: await activeGrantsOf(store, principal, now()) };
      } catch (error) {
        logger.error({ err: error }, 'grants could not be read from the governance store');
        return { status: 503, body: { error: 'The governance store cannot be reached', code: ErrorCode.StoreUnavailable } };
      }
    },
  });
}
