import { Agent, request } from 'undici';
import { z } from 'zod';
import { encodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { forwardedGrants } from '../subgraph-client/forwarded-grants.js';
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
  readonly #url: string;
  readonly #agent: Agent;

  constructor(private readonly options: GovernanceGrantStoreOptions) {
    this.#url = new URL('/grants', options.subgraphUrl).href;
    this.#agent = new Agent({
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async grantsFor(principal: Principal): Promise<StoredGrants> {
    if (granteesOf(principal).length === 0) return NO_STORED_GRANTS;
    const body = '{}';
    const principalHeader = encodePrincipal(principal, forwardedGrants(principal.grants));
    const { signingSecret, timeoutMs } = this.options;
    const answer = await request(this.#url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: principalHeader,
        ...(signingSecret ? signRequestBody(signingSecret, body, Date.now(), principalHeader) : {}),
      },
      body,
      dispatcher: this.#agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      throw new Error(`the governance subgraph answered a grant read with HTTP ${answer.statusCode}`);
    }
    const parsed = GrantsAnswer.safeParse(await answer.body.json());
    if (!parsed.success) throw new Error(`the governance subgraph's grant answer is malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    if (parsed.data.suspended) return { grants: [], suspended: true };
    // Whatever the answer says, these are the store's grants, not the token's.
    return { grants: parsed.data.grants.map((g): Grant => ({ ...g, source: 'store' })), suspended: false };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
