import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { postGraphQL } from '../harness/graphql-http.js';

const GUARDED = /contactPoint|dataDictionary|qualityReport|sampleRecords|retention|accessUrl|downloadUrl|royalty/;

// Until identities and policies exist every guarded field is denied: fail closed.
describe('guarded catalog fields', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation(); });
  afterAll(async () => { await federation?.close(); });

  it('answers null with UNAUTHORIZED_FIELD_OR_TYPE at each path, and no subgraph request contains them', async () => {
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
    expect(errors.map((e) => e.path!.join('.'))).toContain('datasets.edges.0.node.contact');
    expect(errors.map((e) => e.path!.join('.'))).toContain('datasets.edges.9.node.distributions.0.accessUrl');
    expect(new Set(errors.map((e) => e.extensions!.policy))).toEqual(new Set([
      'requiresScopes', 'dataset:sample-records', 'dataset:retention-schedule', 'licence:royalty-terms', 'dataset:access',
    ]));
    const sent = [...federation.partners.values()].flatMap((p) => p.recorder.requests).concat(federation.indexRecorder.requests);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.query).not.toMatch(GUARDED);
  });

  it('skips the second pass for an operation with no guarded field', async () => {
    const before = federation.secondPasses();
    const { body } = await postGraphQL(federation.gatewayUrl, '{ datasets(first: 3) { edges { node { id title keywords } } } }');
    expect(body.errors).toBeUndefined();
    expect(federation.secondPasses()).toBe(before);
    await postGraphQL(federation.gatewayUrl, '{ datasets(first: 3) { edges { node { id contactPoint { name } } } } }');
    expect(federation.secondPasses()).toBe(before + 1);
  });

  it('withholds a guarded field reached through a fragment on the interface', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, `
      { dataset(id: "northbridge-hospital:ds-001") { ...D } }
      fragment D on Dataset { id ... on NorthbridgeHospitalDataset { retention { basis } } }`);
    expect(body.data).toEqual({ dataset: { id: 'northbridge-hospital:ds-001', retention: null } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', policy: 'dataset:retention-schedule' });
  });
});
