import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerScope, MEMBER_SCOPE } from '../../../schema/policy/principal.js';
import { readFederationManifest, type FederationManifest } from '../../../schema/federation-manifest.js';
import type { CatalogFile, DatasetRecord } from '../../../subgraphs/partner-kit/catalog-file.js';
import { writeCatalogs } from '../../../subgraphs/partners/generate-catalogs.js';
import { startManifestFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { removeFolder } from '../../harness/temporary-folder.js';
import { bearer } from '../../harness/tokens.js';

// Partners are data (ARCHITECTURE.md, "Where to add things", "A partner"): a fourth partner joins
// with a folder (its generator profile, from which its catalog is generated) and an entry in a copy
// of the federation manifest, and nothing else. The federation composed from that manifest serves
// it, the index harvests and searches it, and the gateway governs its datasets.

const ID = 'test-fourth-partner';

// A partner unlike the demo ones, so that searching its words finds only its datasets.
const PROFILE = {
  catalogSize: 6,
  partner: { id: ID, name: 'Aurora Marine Laboratory', kind: 'PUBLIC_INSTITUTE', country: 'NO', homepage: 'https://www.aurora-marine.example' },
  emailDomain: 'aurora-marine.example',
  dataHost: 'data.aurora-marine.example',
  contacts: ['Dr. Ingrid Solberg', 'Marine Data Centre'],
  kinds: [{
    name: 'kelp-survey',
    weight: 1,
    qualifiers: ['Annual', 'Seasonal', 'Diver-based'],
    nouns: ['kelp forest survey', 'kelp canopy mapping', 'kelp and sea urchin census'],
    descriptions: ['Kelp cover and grazer counts {phrase}, {period}.', 'Transect observations from a {noun} {phrase} over {period}.'],
    provenance: ['Collected by Aurora divers along fixed transects.'],
    keywords: ['kelp', 'sea urchins', 'coastal ecology', 'biodiversity'],
    themes: ['Environment'],
    conformsTo: ['Darwin Core'],
    mediaTypes: [{ type: 'text/csv', title: 'CSV export', extension: 'csv', bytesPerRecord: 100 }],
    columns: [
      { name: 'transect_id', type: 'string', description: 'Survey transect', sample: { kind: 'code', prefix: 'AT-', digits: 5 } },
      { name: 'survey_date', type: 'date', description: 'Day of the dive', sample: { kind: 'date' } },
      { name: 'kelp_cover', type: 'decimal', unit: '%', description: 'Kelp canopy cover', sample: { kind: 'decimal', min: 0, max: 100, digits: 1 } },
      { name: 'urchin_density', type: 'integer', unit: 'per m2', description: 'Sea urchins per square metre', sample: { kind: 'integer', min: 0, max: 80 } },
    ],
    recordCount: [500, 20_000],
    coverageYears: [2, 10],
  }],
  focuses: [{ name: 'northern Norway', phrases: ['along the coast of northern Norway', 'in the fjords of Finnmark'], keywords: ['Norway', 'fjords'] }],
  locations: [{ name: 'Finnmark coast', countries: ['NO'], boundingBox: [21, 69.5, 31, 71.2] }],
  dataClasses: [['PROPRIETARY', 1], ['PARTNER_SHARED', 1]],
  licences: [{
    licence: { id: 'LicenseRef-Aurora-Data-1.0', name: 'Aurora Marine Data Licence 1.0', commercialUse: false, attributionRequired: true, fieldsOfUse: [] },
    weight: 1,
    dataClasses: ['PROPRIETARY', 'PARTNER_SHARED'],
  }],
  useConditions: { permissions: [[{ code: 'GRU' }, 1]], modifiers: [], modifierCount: [0, 0] },
  issuedBetween: ['2019-01-01', '2025-06-30'],
  versionScheme: 'semver',
  completeness: [0.9, 1],
  qualityNotes: ['Checked by a second diver.'],
  retention: { years: [20, 30], deletionShare: 0, deletionAfterYears: [1, 1], bases: ['Aurora data management plan 2024'] },
  edgeCases: [],
};

describe('a fourth partner, added as data', () => {
  let federation: DemoFederation;
  let catalog: CatalogFile;
  let dir: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-fourth-partner-'));
    mkdirSync(join(dir, ID));
    writeFileSync(join(dir, ID, 'profile.json'), JSON.stringify(PROFILE, null, 2));
    const entry = { id: ID, url: 'http://127.0.0.1:4104/graphql', catalog: join(dir, ID, 'catalog.json') };
    const demo = readFederationManifest();
    const manifest: FederationManifest = { ...demo, partners: [...demo.partners, entry] };
    writeFileSync(join(dir, 'subgraphs.json'), JSON.stringify(manifest, null, 2));
    // `npm run generate-catalogs` for the new partner alone, so the demo partners' files stay untouched.
    expect(writeCatalogs({ ...manifest, partners: [entry] })).toEqual([]);
    catalog = JSON.parse(readFileSync(entry.catalog, 'utf8')) as CatalogFile;
    federation = await startManifestFederation(join(dir, 'subgraphs.json'));
  });
  afterAll(async () => {
    await federation?.close();
    removeFolder(dir);
  });

  const ids = () => catalog.datasets.map((d) => d.id).sort();

  it('is served: its datasets are listed and fetched through the gateway', async () => {
    expect(catalog.datasets).toHaveLength(PROFILE.catalogSize);
    const listing = await postGraphQL(federation.gatewayUrl,
      `{ datasets(first: 100, filter: { partners: ["${ID}"] }) { totalCount edges { node { id title publisher { id name } } } } }`);
    expect(listing.body.errors).toBeUndefined();
    expect(listing.body.data!.datasets.totalCount).toBe(PROFILE.catalogSize);
    const nodes = listing.body.data!.datasets.edges.map((e: { node: { id: string; title: string; publisher: unknown } }) => e.node);
    expect(nodes.map((n: { id: string }) => n.id)).toEqual(ids());
    for (const node of nodes) expect(node.publisher).toEqual({ id: ID, name: PROFILE.partner.name });

    const first = catalog.datasets[0]!;
    const one = await postGraphQL(federation.gatewayUrl, `{ dataset(id: "${first.id}") { id title description keywords } }`);
    expect(one.body).toEqual({ data: { dataset: { id: first.id, title: first.title, description: first.description, keywords: first.keywords } } });
  });

  it('is harvested by the index and found by search', async () => {
    const status = await postGraphQL(federation.gatewayUrl, '{ catalogStatus { partnerId datasetCount stale } }');
    expect(status.body.data!.catalogStatus).toContainEqual({ partnerId: ID, datasetCount: PROFILE.catalogSize, stale: false });

    const found = await postGraphQL(federation.gatewayUrl,
      '{ search(query: "kelp", first: 50) { totalCount edges { node { id } } facets { partners { value count } } } }');
    expect(found.body.errors).toBeUndefined();
    const hits = found.body.data!.search.edges.map((e: { node: { id: string } }) => e.node.id);
    const withKelp = catalog.datasets.filter((d) => /kelp/i.test(`${d.title} ${d.description} ${d.keywords.join(' ')}`)).map((d) => d.id);
    expect(withKelp.length).toBeGreaterThan(0);
    expect([...hits].sort()).toEqual(withKelp.sort());
    expect(found.body.data!.search.facets.partners).toEqual([{ value: ID, count: withKelp.length }]);
  });

  it('is governed: a guarded field is withheld from anonymous callers and shown to the owning partner', async () => {
    const dataset = catalog.datasets.find((d) => d.dataClass !== 'PUBLIC') as DatasetRecord;
    const query = `{ dataset(id: "${dataset.id}") { contactPoint { email } sampleRecords distributions { accessUrl } } }`;

    const anonymous = await postGraphQL(federation.gatewayUrl, query);
    expect(anonymous.body.data!.dataset).toEqual({ contactPoint: null, sampleRecords: null, distributions: dataset.distributions.map(() => ({ accessUrl: null })) });
    const reasons = Object.fromEntries((anonymous.body.errors ?? []).map((e) => [e.path!.join('.'), [e.extensions?.policy, e.extensions?.reason]]));
    expect(reasons).toMatchObject({
      'dataset.contactPoint': ['requiresScopes', 'MISSING_SCOPES'],
      'dataset.sampleRecords': ['dataset:sample-records', 'AUTHENTICATION_REQUIRED'],
      'dataset.distributions.0.accessUrl': ['dataset:access', 'AUTHENTICATION_REQUIRED'],
    });

    const owner = await bearer({ sub: 'aurora-data-manager', org: ID, scope: `${MEMBER_SCOPE} ${partnerScope(ID)}` });
    const allowed = await postGraphQL(federation.gatewayUrl, query, undefined, owner);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data!.dataset).toEqual({
      contactPoint: { email: dataset.contactPoint!.email },
      sampleRecords: dataset.sampleRecords!.map((r) => JSON.stringify(r)),
      distributions: dataset.distributions.map((d) => ({ accessUrl: d.accessUrl })),
    });
  });
});
