import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// Fields an anonymous caller can never see (@requiresScopes) are removed before planning; @policy
// fields depend on the dataset, so they are fetched and decided per entity in the second pass.
const STATICALLY_DENIED = /contactPoint|dataDictionary|qualityReport/;

let federation: DemoFederation;
beforeAll(async () => { federation = await startDemoFederation(); });
afterAll(async () => { await federation?.close(); });

describe('guarded catalog fields, anonymous caller', () => {
  it('answers null with UNAUTHORIZED_FIELD_OR_TYPE at each path, and never asks a subgraph for a statically denied field', async () => {
    for (const partner of federation.partners.values()) partner.recorder.clear();
    federation.indexRecorder.clear();
    const { body } = await postGraphQL(federation.gatewayUrl, `{
      datasets(first: 10, filter: { partners: ["helix-therapeutics"] }) {
        edges { node {
          id title
          contact: contactPoint { email }
          dataDictionary { name }
          qualityReport { completeness }
          sampleRecords
          retention { deletionDue }
          licence { id royalty { ratePercent } }
          distributions { mediaType accessUrl downloadUrl }
        } }
      }
    }`);
    const nodes = body.data!.datasets.edges.map((e: { node: unknown }) => e.node) as Record<string, any>[];
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.title).toEqual(expect.any(String));
      expect([node.contact, node.dataDictionary, node.qualityReport, node.sampleRecords, node.retention, node.licence.royalty]).toEqual([null, null, null, null, null, null]);
      for (const distribution of node.distributions) {
        expect(distribution).toEqual({ mediaType: expect.any(String), accessUrl: null, downloadUrl: null });
      }
    }
    const errors = body.errors!;
    expect(errors.every((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
    const at = (path: string) => errors.find((e) => e.path!.join('.') === path)?.extensions;
    expect(at('datasets.edges.0.node.contact')).toMatchObject({ policy: 'requiresScopes', reason: 'MISSING_SCOPES' });
    expect(at('datasets.edges.9.node.distributions.0.accessUrl')).toMatchObject({ policy: 'dataset:access', reason: 'AUTHENTICATION_REQUIRED' });
    expect(at('datasets.edges.3.node.retention')).toMatchObject({ policy: 'dataset:retention-schedule', reason: 'AUTHENTICATION_REQUIRED' });
    const sent = [...federation.partners.values()].flatMap((p) => p.recorder.requests).concat(federation.indexRecorder.requests);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.query).not.toMatch(STATICALLY_DENIED);
  });

  it('skips the second pass for an operation with no guarded field', async () => {
    const before = federation.secondPasses();
    const { body } = await postGraphQL(federation.gatewayUrl, '{ datasets(first: 3) { edges { node { id title keywords } } } }');
    expect(body.errors).toBeUndefined();
    expect(federation.secondPasses()).toBe(before);
    await postGraphQL(federation.gatewayUrl, '{ datasets(first: 3) { edges { node { id contactPoint { name } } } } }');
    expect(federation.secondPasses()).toBe(before + 1);
  });

  it('withholds a guarded field reached through a fragment on a partner type', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, `
      { dataset(id: "northbridge-hospital:ds-001") { ...D } }
      fragment D on Dataset { id ... on NorthbridgeHospitalDataset { retention { basis } } }`);
    expect(body.data).toEqual({ dataset: { id: 'northbridge-hospital:ds-001', retention: null } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', policy: 'dataset:retention-schedule' });
  });

  it('shows public content to anonymous callers: a PUBLIC, openly licensed dataset', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, '{ dataset(id: "boreal-climate-institute:ds-001") { distributions { accessUrl } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data!.dataset.distributions[0].accessUrl).toMatch(/^https:\/\//);
  });
});

// schema/policy/verified-organisation.ts: an org claim counts only with the scope the consortium IdP
// issues for it. Mallory's own IdP wrote northbridge-hospital into her token; she meets every other
// condition of both datasets, whose DUO IS term lists northbridge-hospital.
describe('organisation claims', () => {
  const northbridgeClaims = (scope: string) => ({
    sub: 'mallory', org: 'northbridge-hospital', scope, country: 'GB', affiliation: 'nonprofit' as const,
    accepted_terms: ['LicenseRef-NUH-DUA-2.1', 'LicenseRef-Helix-Commercial-1.0', 'concord-dua-1.0', 'DUO:0000019'],
    purpose: { category: 'health' as const, commercial: false, ethics_approval: true },
  });
  const QUERY = `{
    own: dataset(id: "northbridge-hospital:ds-037") { sampleRecords }
    listed: dataset(id: "helix-therapeutics:ds-033") { sampleRecords }
  }`;

  it('does not take an org claim alone for the institution a DUO IS term lists', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, await bearer(northbridgeClaims('consortium:member')));
    expect(body.data).toEqual({ own: { sampleRecords: null }, listed: { sampleRecords: null } });
    const reasons = Object.fromEntries(body.errors!.map((e) => [e.path!.join('.'), e.extensions?.reason]));
    expect(reasons).toEqual({ 'own.sampleRecords': 'PURPOSE_INCOMPATIBLE', 'listed.sampleRecords': 'PURPOSE_INCOMPATIBLE' });
  });

  it('serves both to the same claims once the partner scope vouches for the organisation', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined,
      await bearer(northbridgeClaims('consortium:member partner:northbridge-hospital')));
    expect(body.errors).toBeUndefined();
    expect(body.data!.own.sampleRecords.length).toBeGreaterThan(0);
    expect(body.data!.listed.sampleRecords.length).toBeGreaterThan(0);
  });
});
