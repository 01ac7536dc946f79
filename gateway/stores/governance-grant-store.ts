import { z } from 'zod';
import { encodePrincipal } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { forwardedGrants } from '../subgraph-client/forwarded-grants.js';
import { GovernanceCall } from './governance-call.js';
import { granteesOf, NO_STORED_GRANTS, type GrantStore, type StoredGrants } from './grant-store.js';

export interface GovernanceGrantStoreOptions {
  /** The governance subgraph's routing URL; grants are read from POST /grants on the same origin. */
  subgraphUrl: string;
  /** The governance subgraph's signing key (SUBGRAPH_SIGNING_SECRETS); without one it refuses every read. */
  signingSecret: string | null;
  /** Longest wait for one read, connection included; then it fails. */
  timeoutMs: number;
}

const GrantAnswer = z.object({
  datasetId: z.string(),
  grantee: z.union([
    z.object({ kind: z.literal('person'), subject: z.string() }),
    z.object({ kind: z.literal('organisation'), organisation: z.string() }),
  ]),
  expiresAt: z.number(),
  id: z.string().optional(),
  acceptedTerms: z.array(z.string()).optional(),
});

const GrantsAnswer = z.object({ grants: z.array(GrantAnswer), suspended: z.boolean() });

/**
 * Reads grants from the governance subgraph when the gateway has no Redis of its own (ARCHITECTURE.md
 * "Stores"): a signed POST /grants carrying the gateway-signed principal, exactly as a subgraph
 * request carries it (ARCHITECTURE.md "Subgraph protocol"). The subgraph answers the grants of the
 * person and of their verified organisation, and whether either is suspended. Any failure (no
 * answer within the timeout, a status other than 200, an answer of another shape) rejects.
 */
export class GovernanceGrantStore implements GrantStore {
  readonly #call: GovernanceCall;

  constructor(options: GovernanceGrantStoreOptions) {
    this.#call = new GovernanceCall({ ...options, path: '/grants' });
  }

  async grantsFor(principal: Principal): Promise<StoredGrants> {
    if (granteesOf(principal).length === 0) return NO_STORED_GRANTS;
    const answer = await this.#call.post('{}', encodePrincipal(principal, forwardedGrants(principal.grants)));
    if (answer.status !== 200) throw new Error(`the governance subgraph answered a grant read with HTTP ${answer.status}`);
    const parsed = GrantsAnswer.safeParse(JSON.parse(answer.text));
    if (!parsed.success) throw new Error(`the governance subgraph's grant answer is malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    if (parsed.data.suspended) return { grants: [], suspended: true };
    // Whatever the answer says, these are the store's grants, not the token's.
    return { grants: parsed.data.grants.map((g): Grant => ({ ...g, source: 'store' })), suspended: false };
  }

  close(): Promise<void> {
    return this.#call.close();
  }
}
