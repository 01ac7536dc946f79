import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { startFederationOf, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';
import { widenedCatalog } from '../../../unit/subgraphs/partner-kit/widened-catalog.js';

// A partner serving the widened contract behind the gateway: the new public metadata reaches anyone,
// and a data service's endpoint is guarded like an access URL, decided under the licence of the
// distribution it serves (its own non-commercial licence here, the dataset's open one otherwise).
const PARTNER = 'acme-labs';
const NC_LICENCE = 'LicenseRef-Test-Academic-NC';

let federation: DemoFederation;
beforeAll(async () => {
  const file = widenedCatalog(PARTNER);
  file.datasets[0]!.distributions[0]!.accessService = { title: 'Open files', endpointUrl: 'https://files.example.org/cohort' };
  federation = await startFederationOf([{ id: PARTNER, catalog: parseCatalog(file, 'acme.json') }]);
});
afterAll(async () => { await federation?.close(); });

const QUERY = `{
  dataset(id: "${PARTNER}:ds-1") {
    language translations { language title keywords } landingPage identifiers { value scheme }
    creators { name kind identifier } qualifiedAttributions { agent { name } role }
    accrualPeriodicity temporalResolution inSeries { id title language translations { language title } }
    versionNotes isVersionOf previousVersion
    distributions {
      id mediaType format rights licence { id } checksums { algorithm }
      accessUrl accessService { title endpointUrl endpointDescription conformsTo }
    }
  }
}`;

const member = (acceptedTerms: string[] = []) => bearer({
  sub: 'ada', org: 'uni-x', scope: 'consortium:member', affiliation: 'academic', accepted_terms: acceptedTerms,
  purpose: { category: 'general', commercial: false, ethics_approval: true },
});

type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
const byPath = (errors: Errors) => Object.fromEntries((errors ?? []).map((e) => [e.path!.join('.'), e.extensions]));

describe('the widened contract through the gateway', () => {
  it('serves the new public metadata to an anonymous caller and withholds every service endpoint of a members-only dataset', async () => {
    for (const partner of federation.partners.values()) partner.recorder.clear();
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY);
    const dataset = body.data!.dataset;
    expect(dataset).toMatchObject({
      language: 'en',
      translations: [{ language: 'nl', title: 'Testdataset 1', keywords: ['toets'] }, { language: 'fr-BE', title: null, keywords: ['essai'] }],
      identifiers: [{ value: '10.5281/zenodo.1234567', scheme: 'DOI' }, { value: 'ark:/12345/ds1', scheme: null }],
      creators: [{ name: 'Ada Lovelace', kind: 'PERSON' }, { name: 'Test Partner', kind: 'ORGANIZATION' }],
      qualifiedAttributions: [{ agent: { name: 'Data Office' }, role: 'custodian' }],
      temporalResolution: 'P1D',
      inSeries: [{ id: `${PARTNER}:cohort-waves`, title: 'Cohort waves', language: 'en', translations: [{ language: 'nl', title: 'Cohortgolven' }] }],
      previousVersion: `${PARTNER}:ds-2`,
    });
    const [open, api] = dataset.distributions;
    expect(open).toMatchObject({ mediaType: 'text/csv', format: null, licence: { id: 'CC-BY-4.0' }, checksums: [{ algorithm: 'sha256' }, { algorithm: 'md5' }, { algorithm: 'sha512' }] });
    expect(api).toMatchObject({
      mediaType: null, rights: 'Copyright the Test Partner; no redistribution.', licence: { id: NC_LICENCE }, accessUrl: null,
      accessService: { title: 'Cohort API', endpointUrl: null, endpointDescription: 'https://docs.example.org/cohort-api/openapi.json', conformsTo: ['https://spec.openapis.org/oas/v3.1.0'] },
    });
    expect(open.accessService).toEqual({ title: 'Open files', endpointUrl: null, endpointDescription: null, conformsTo: [] });
    const errors = byPath(body.errors);
    for (const path of ['dataset.distributions.0.accessService.endpointUrl', 'dataset.distributions.1.accessService.endpointUrl', 'dataset.distributions.1.accessUrl']) {
      expect(errors[path], path).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', policy: 'dataset:access', reason: 'AUTHENTICATION_REQUIRED' });
    }
    expect(Object.keys(errors)).toHaveLength(4);
    // @policy is decided per dataset: the partner is asked for the endpoint, and for the
    // distribution's licence as a fact under a reserved alias, and the gateway withholds the value.
    const sent = federation.partners.get(PARTNER)!.recorder.requests.map((r) => r.query).join('\n');
    expect(sent).toMatch(/accessService\s*\{[^}]*endpointUrl[^}]*\}\s*__concord_fact_licence:\s*licence\s*\{\s*id\s*\}/);
  });

  it('decides a distribution\'s service endpoint under the distribution\'s own non-commercial licence', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, await member());
    const [open, api] = body.data!.dataset.distributions;
    expect(open.accessService.endpointUrl).toBe('https://files.example.org/cohort');
    expect(open.accessUrl).toBe(`https://data.example.org/1`);
    expect(api).toMatchObject({ accessUrl: null, accessService: { endpointUrl: null } });
    expect(byPath(body.errors)).toEqual({
      'dataset.distributions.1.accessUrl': expect.objectContaining({ policy: 'dataset:access', reason: 'LICENCE_NOT_ACCEPTED' }),
      'dataset.distributions.1.accessService.endpointUrl': expect.objectContaining({ policy: 'dataset:access', reason: 'LICENCE_NOT_ACCEPTED' }),
    });
  });

  it('serves that endpoint once the caller accepted the distribution\'s licence', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, await member([NC_LICENCE]));
    expect(body.errors).toBeUndefined();
    const api = body.data!.dataset.distributions[1];
    expect(api).toMatchObject({ accessUrl: 'https://api.example.org/cohort/records', accessService: { endpointUrl: 'https://api.example.org/cohort' } });
  });

  it('finds a dataset by a translated title, keyword and identifier in the catalog index', async () => {
    for (const query of ['Testdataset', 'toets', 'essai', '10.5281/zenodo.1234567']) {
      const { body } = await postGraphQL(federation.gatewayUrl, `{ search(query: "${query}") { edges { node { id } } } }`);
      expect(body.errors, query).toBeUndefined();
      expect(body.data!.search.edges.map((e: { node: { id: string } }) => e.node.id), query).toEqual([`${PARTNER}:ds-1`]);
    }
  });
});
