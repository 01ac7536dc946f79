import { Agent, request } from 'undici';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';
import type { PartnerEndpoint } from './partner-directory.js';

// The index's calls to partners: signed like the gateway's (runtime/subgraph-protocol), with
// failures reduced to a reason that can be shown in catalogStatus.

/** A failure whose reason is safe to show in catalogStatus: never an address or a partner's message. */
export class HarvestError extends Error {
  constructor(readonly publicReason: string, options?: ErrorOptions) {
    super(publicReason, options);
  }
}

/** A signed POST of one query to a partner; the answer's JSON, or a HarvestError safe to show. */
export async function postSignedQuery(
  partner: PartnerEndpoint, query: string, operationName: string, variables: object, agent: Agent, signingSecret: string,
): Promise<unknown> {
  const payload = JSON.stringify({ query, operationName, variables });
  try {
    const response = await request(partner.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...signRequestBody(signingSecret, payload) },
      body: payload,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new HarvestError(`partner answered HTTP ${response.statusCode}`);
    }
    return await response.body.json();
  } catch (error) {
    if (error instanceof HarvestError) throw error;
    throw new HarvestError('partner unreachable', { cause: error });
  }
}
