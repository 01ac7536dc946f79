import { postGraphQL } from '../../harness/graphql-http.js';
import type { CallerGrant } from './visibility.js';

// The granted analyst's stored grant, made as README "Governance: request, approve, read, revoke"
// makes one: denied, the analyst requests what the denial's requestAccess names; the partner's
// steward approves; the grant is then in the governance store in Redis, where both gateways read it
// on every request. Done through the gateway before the load, and checked: the analyst must then
// read the dataset's sample records.

const READ = 'query($id: ID!) { dataset(id: $id) { id sampleRecords } }';
const REQUEST = 'mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id parts { partnerId status } } }';
const DECIDE = 'mutation($r: ID!, $p: ID!) { decideAccessRequest(requestId: $r, partnerId: $p, decision: APPROVE, reason: "Approved for the soak test", grantDays: 30) { status grants { datasetId expiresAt acceptedTerms } } }';

interface RequestAccessHint {
  partnerId: string;
  requiredDuties: string[];
  requiredTerms: string[];
}

const describe = (response: { status: number; text: string }) => `HTTP ${response.status}: ${response.text.slice(0, 400)}`;

/** Requests and approves the grant; resolves with it as oracle 1 counts it. */
export async function approveStoredGrant(
  graphqlUrl: string, datasetId: string, analyst: string, steward: string,
): Promise<Map<string, CallerGrant>> {
  const as = (authorization: string) => ({ authorization });
  const denied = await postGraphQL(graphqlUrl, READ, { id: datasetId }, as(analyst));
  const hint = denied.body.errors?.find((e) => e.extensions?.reason === 'NO_ACTIVE_GRANT')?.extensions?.requestAccess as RequestAccessHint | undefined;
  if (!hint) throw new Error(`expected the granted analyst to be denied ${datasetId} with NO_ACTIVE_GRANT and a requestAccess hint; ${describe(denied)}`);
  const requested = await postGraphQL(graphqlUrl, REQUEST, {
    input: {
      datasetIds: [datasetId], projectTitle: 'Soak test', justification: 'Reads under load while services fail.',
      acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms,
    },
  }, as(analyst));
  const requestId = (requested.body.data as { requestAccess?: { id?: string } } | null | undefined)?.requestAccess?.id;
  if (!requestId) throw new Error(`requestAccess for ${datasetId} failed; ${describe(requested)}`);
  const decided = await postGraphQL(graphqlUrl, DECIDE, { r: requestId, p: hint.partnerId }, as(steward));
  const grants = (decided.body.data as { decideAccessRequest?: { grants?: { datasetId: string; expiresAt: string; acceptedTerms: string[] }[] } } | null | undefined)
    ?.decideAccessRequest?.grants ?? [];
  const grant = grants.find((g) => g.datasetId === datasetId);
  if (!grant) throw new Error(`the steward's approval of ${datasetId} made no grant; ${describe(decided)}`);
  const read = await postGraphQL(graphqlUrl, READ, { id: datasetId }, as(analyst));
  if (!(read.body.data as { dataset?: { sampleRecords?: unknown } } | null | undefined)?.dataset?.sampleRecords) {
    throw new Error(`after the approval the granted analyst still cannot read ${datasetId}'s sample records; ${describe(read)}`);
  }
  return new Map([[datasetId, { expiresAtMs: Date.parse(grant.expiresAt), acceptedTerms: new Set(grant.acceptedTerms) }]]);
}
