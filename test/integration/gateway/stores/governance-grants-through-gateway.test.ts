import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_SCOPE } from '../../../../schema/governance-contract.js';
import type { TokenClaims } from '../../../../schema/identity-claims.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// Without REDIS_URL the gateway reads each request's grants from the governance subgraph (its signed
// POST /grants): an approval is honoured on the next request, a suspension and a revocation stop it.
// The analyst's request is prefilled from the denial's extensions.requestAccess, as a client would.

const NOW = new Date('2026-11-24T12:00:00Z');
const DATASET = 'northbridge-hospital:ds-022';
const analyst = personaClaims('analyst', NOW.getTime())!;
const steward = personaClaims('steward', NOW.getTime())!;
const board: TokenClaims = { sub: 'demo-board-member', scope: BOARD_SCOPE };
let federation: DemoFederation;

beforeAll(async () => {
  federation = await startDemoFederation({ now: () => NOW });
});
afterAll(async () => {
  await federation?.close();
});

async function as(claims: TokenClaims, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await postGraphQL(federation.gatewayUrl, query, variables, await bearer(claims));
  expect(status).toBe(200);
  return body;
}

async function sampleRecords(): Promise<{ reason: string; extensions?: Record<string, unknown> }> {
  const body = await as(analyst, 'query($id: ID!) { dataset(id: $id) { sampleRecords } }', { id: DATASET });
  const extensions = body.errors?.[0]?.extensions as Record<string, unknown> | undefined;
  return extensions ? { reason: String(extensions.reason), extensions } : { reason: body.data?.dataset?.sampleRecords ? 'allow' : 'empty' };
}

async function ok(claims: TokenClaims, query: string, variables: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data).toBeTruthy();
  return body.data!;
}

describe('grants from the governance subgraph, through the gateway', () => {
  it('honours an approval at once, and stops it on suspension and on revocation', async () => {
    const denied = await sampleRecords();
    expect(denied.reason).toBe('NO_ACTIVE_GRANT');
    const offer = denied.extensions!.requestAccess as { datasetId: string; partnerId: string; requiredDuties: string[]; requiredTerms: string[]; maxGrantDays: number };
    expect(offer).toEqual({ datasetId: DATASET, partnerId: 'northbridge-hospital', requiredDuties: ['COL'], requiredTerms: ['LicenseRef-NUH-DUA-2.1'], maxGrantDays: 364 });

    const requested = await ok(analyst, `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id parts { partnerId status } } }`, {
      input: {
        datasetIds: [offer.datasetId], projectTitle: 'Market sizing', justification: 'Aggregate counts only',
        acceptedDuties: offer.requiredDuties, acceptedTerms: offer.requiredTerms,
      },
    });
    const requestId = requested.requestAccess.id as string;
    expect(requested.requestAccess.parts).toEqual([{ partnerId: offer.partnerId, status: 'PENDING' }]);
    expect((await sampleRecords()).reason).toBe('NO_ACTIVE_GRANT');

    const decided = await ok(steward, `mutation($r: ID!, $p: ID!, $days: Int) {
      decideAccessRequest(requestId: $r, partnerId: $p, decision: APPROVE, reason: "Aggregates fit the consent", grantDays: $days) { status grants { id } }
    }`, { r: requestId, p: offer.partnerId, days: offer.maxGrantDays });
    expect(decided.decideAccessRequest.status).toBe('APPROVED');
    const grantId = decided.decideAccessRequest.grants[0].id as string;
    // The grant records the NUH DUA the analyst accepted in the request: the token does not carry it.
    expect(analyst.accepted_terms).not.toContain('LicenseRef-NUH-DUA-2.1');
    expect((await sampleRecords()).reason).toBe('allow');

    await ok(board, 'mutation { suspendAccess(subject: "demo-analyst", reason: "incident 42") { reason } }', {});
    expect((await sampleRecords()).reason).toBe('NO_ACTIVE_GRANT');
    await ok(board, 'mutation { reinstateAccess(subject: "demo-analyst") }', {});
    expect((await sampleRecords()).reason).toBe('allow');

    await ok(steward, 'mutation($g: ID!) { revokeGrant(grantId: $g, reason: "Project ended") { id } }', { g: grantId });
    expect((await sampleRecords()).reason).toBe('NO_ACTIVE_GRANT');
  });
});
