import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createPartnerSubgraph } from '../../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';
import { widenedCatalog } from './widened-catalog.js';

// The partner kit's answers for the widened contract, read through its own schema.
const FIELDS = `
  id language landingPage accrualPeriodicity temporalResolution versionNotes isVersionOf previousVersion
  translations { language title description keywords }
  identifiers { value scheme }
  creators { name kind identifier homepage }
  qualifiedAttributions { agent { name kind } role }
  inSeries { id title description language issued modified translations { language title description keywords } }
  distributions {
    id mediaType format rights licence { id commercialUse }
    checksum { algorithm value } checksums { algorithm value }
    accessService { title endpointUrl endpointDescription conformsTo }
  }
`;

async function served(file: ReturnType<typeof smallCatalog>): Promise<Record<string, any>[]> {
  const subgraph = createPartnerSubgraph({ partner: 'test-partner', catalog: parseCatalog(file, 'test.json') });
  const result = await graphql({
    schema: subgraph.schema,
    source: `{ _catalogHarvest { datasets { ... on TestPartnerDataset { ${FIELDS} } } } }`,
    contextValue: subgraph.createRequestContext(),
  });
  expect(result.errors).toBeUndefined();
  return (result.data as any)._catalogHarvest.datasets;
}

describe('the partner kit serving the widened contract', () => {
  it('serves every new field as the catalog file states it', async () => {
    const [first] = await served(widenedCatalog());
    expect(first).toMatchObject({
      language: 'en',
      landingPage: 'https://example.org/studies/ds-1',
      accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
      temporalResolution: 'P1D',
      versionNotes: 'Second wave added.',
      isVersionOf: 'https://example.org/studies/cohort',
      previousVersion: 'test-partner:ds-2',
      translations: [
        { language: 'nl', title: 'Testdataset 1', description: 'Een dataset voor tests.', keywords: ['toets'] },
        { language: 'fr-BE', title: null, description: null, keywords: ['essai'] },
      ],
      identifiers: [{ value: '10.5281/zenodo.1234567', scheme: 'DOI' }, { value: 'ark:/12345/ds1', scheme: null }],
      creators: [
        { name: 'Ada Lovelace', kind: 'PERSON', identifier: 'https://orcid.org/0000-0002-1825-0097', homepage: null },
        { name: 'Test Partner', kind: 'ORGANIZATION', identifier: 'https://ror.org/05wg1m734', homepage: 'https://example.org' },
      ],
      qualifiedAttributions: [{ agent: { name: 'Data Office', kind: 'ORGANIZATION' }, role: 'custodian' }],
      inSeries: [{
        id: 'test-partner:cohort-waves', title: 'Cohort waves', description: 'Yearly waves of the cohort.', language: 'en',
        issued: '2023-01-01', modified: '2024-06-01T00:00:00Z',
        translations: [{ language: 'nl', title: 'Cohortgolven', description: null, keywords: [] }],
      }],
    });
  });

  it('serves the single checksum first among checksums, and each value once', async () => {
    const file = widenedCatalog();
    file.datasets[0]!.distributions[0]!.checksums!.push({ algorithm: 'sha256', value: 'a'.repeat(64) });
    const [first] = await served(file);
    const [withChecksums, api] = first!.distributions;
    expect(withChecksums.checksum).toEqual({ algorithm: 'sha256', value: 'a'.repeat(64) });
    expect(withChecksums.checksums.map((c: { algorithm: string }) => c.algorithm)).toEqual(['sha256', 'md5', 'sha512']);
    expect(api).toMatchObject({ checksum: null, checksums: [] });
  });

  it('serves each distribution\'s own licence, rights, format and data service, and the dataset\'s licence where it has none', async () => {
    const [first] = await served(widenedCatalog());
    expect(first!.distributions).toEqual([
      expect.objectContaining({ mediaType: 'text/csv', format: null, rights: null, licence: { id: 'CC-BY-4.0', commercialUse: true }, accessService: null }),
      expect.objectContaining({
        mediaType: null,
        format: 'http://publications.europa.eu/resource/authority/file-type/JSON',
        rights: 'Copyright the Test Partner; no redistribution.',
        licence: { id: 'LicenseRef-Test-Academic-NC', commercialUse: false },
        accessService: {
          title: 'Cohort API', endpointUrl: 'https://api.example.org/cohort',
          endpointDescription: 'https://docs.example.org/cohort-api/openapi.json', conformsTo: ['https://spec.openapis.org/oas/v3.1.0'],
        },
      }),
    ]);
  });

  it.each([
    { name: 'the dataset\'s own language over the catalog\'s', change: (f: ReturnType<typeof smallCatalog>) => { f.language = 'de'; f.datasets[1]!.language = 'nl'; }, languages: ['de', 'nl'] },
    { name: 'the catalog\'s language', change: (f: ReturnType<typeof smallCatalog>) => { f.language = 'fr'; }, languages: ['fr', 'fr'] },
    { name: 'English when neither says', change: () => {}, languages: ['en', 'en'] },
  ])('gives each dataset $name', async ({ change, languages }) => {
    const file = smallCatalog();
    change(file);
    expect((await served(file)).map((d) => d.language)).toEqual(languages);
  });

  it('serves empty lists and nulls for a catalog written before the contract was widened', async () => {
    const [first] = await served(smallCatalog());
    expect(first).toMatchObject({
      landingPage: null, accrualPeriodicity: null, temporalResolution: null, versionNotes: null, isVersionOf: null, previousVersion: null,
      translations: [], identifiers: [], creators: [], qualifiedAttributions: [], inSeries: [],
    });
    expect(first!.distributions[0]).toMatchObject({ mediaType: 'text/csv', checksums: [], accessService: null });
  });
});
