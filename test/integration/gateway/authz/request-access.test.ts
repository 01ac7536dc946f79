import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryGrantStore } from '../../../../gateway/stores/in-memory-grant-store.js';
import { personaClaims, type PersonaName } from '../../../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// Denials lead somewhere (issue "Governance", item 7): through the gateway, a denial that a grant
// would lift carries extensions.requestAccess, so a client can prefill requestAccess; other denials
// carry none. The demo catalogs at a fixed time: the NUH DUA (LicenseRef-NUH-DUA-2.1) runs for at
// most 36 months, 1095 whole days from NOW; DUO TS 12 months is 364.

const NOW = new Date('2026-11-24T12:00:00Z');
const NUH_DUA = 'LicenseRef-NUH-DUA-2.1';
const grants = new InMemoryGrantStore();
let federation: DemoFederation;

beforeAll(async () => {
  federation = await startDemoFederation({ grants, now: () => NOW });
});
afterAll(async () => {
  await federation?.close();
});

async function sampleRecordsOf(persona: Exclude<PersonaName, 'anonymous'>, datasetId: string) {
  const { status, body } = await postGraphQL(
    federation.gatewayUrl, 'query($id: ID!) { dataset(id: $id) { id sampleRecords } }', { id: datasetId }, await bearer(personaClaims(persona, NOW.getTime())),
  );
  expect(status).toBe(200);
  return body;
}

describe('requestAccess on denials, through the gateway', () => {
  it.each([
    {
      // DUO GS limits use to GB: an approved request would still be denied, so none is offered
      // (the governance subgraph would refuse it as PURPOSE_INCOMPATIBLE).
      name: 'a researcher on a proprietary dataset without a grant, whose geography the dataset excludes: nothing to request',
      persona: 'researcher' as const, datasetId: 'northbridge-hospital:ds-005', reason: 'NO_ACTIVE_GRANT', requestAccess: undefined,
    },
    {
      name: 'an analyst on a proprietary dataset with a COL duty and DUO TS 12 months',
      persona: 'analyst' as const, datasetId: 'northbridge-hospital:ds-022', reason: 'NO_ACTIVE_GRANT',
      requestAccess: { datasetId: 'northbridge-hospital:ds-022', partnerId: 'northbridge-hospital', requiredDuties: ['COL'], requiredTerms: [NUH_DUA], maxGrantDays: 364 },
    },
    {
      // Its DUO DS term allows one disease only: accepting the licence would not be enough.
      name: 'an analyst on a shared dataset whose licence they have not accepted, for a purpose it never allows: nothing to request',
      persona: 'analyst' as const, datasetId: 'northbridge-hospital:ds-003', reason: 'LICENCE_NOT_ACCEPTED', requestAccess: undefined,
    },
    {
      name: 'a researcher whose purpose the dataset never allows: no grant would help',
      persona: 'researcher' as const, datasetId: 'northbridge-hospital:ds-003', reason: 'PURPOSE_INCOMPATIBLE', requestAccess: undefined,
    },
  ])('$name', async ({ persona, datasetId, reason, requestAccess }) => {
    const body = await sampleRecordsOf(persona, datasetId);
    expect(body.data?.dataset).toEqual({ id: datasetId, sampleRecords: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.reason).toBe(reason);
    expect(body.errors?.[0]?.extensions?.requestAccess).toEqual(requestAccess);
  });

  it('counts the licence an approved request recorded, for that dataset only', async () => {
    // The researcher, without the NUH DUA in the token, on a shared dataset that only the licence keeps closed.
    const claims = { ...personaClaims('researcher', NOW.getTime())!, accepted_terms: ['concord-dua-1.0', 'DUO:0000019'] };
    const ask = async () => {
      const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "northbridge-hospital:ds-031") { sampleRecords } }', undefined, await bearer(claims));
      return body.errors?.[0]?.extensions?.reason ?? 'allow';
    };
    const researcher = { kind: 'person' as const, subject: 'demo-researcher' };
    const grant = (datasetId: string) => ({ datasetId, grantee: researcher, expiresAt: NOW.getTime() + 30 * 86_400_000, source: 'store' as const, id: 'g-1', acceptedTerms: [NUH_DUA] });
    try {
      expect(await ask()).toBe('LICENCE_NOT_ACCEPTED');
      grants.put(grant('northbridge-hospital:ds-030'));
      expect(await ask()).toBe('LICENCE_NOT_ACCEPTED');
      grants.put(grant('northbridge-hospital:ds-031'));
      expect(await ask()).toBe('allow');
    } finally {
      grants.revoke('northbridge-hospital:ds-030', researcher);
      grants.revoke('northbridge-hospital:ds-031', researcher);
    }
  });
});
