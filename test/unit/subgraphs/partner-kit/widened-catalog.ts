import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';

/**
 * smallCatalog with every field of the widened contract used once: a catalog language, a series,
 * translations, identifiers, creators, attributions, versions, several checksums, and a second
 * distribution under a non-commercial licence of its own, with rights and a data service.
 */
export function widenedCatalog(partnerId = 'test-partner'): CatalogFile {
  const file = smallCatalog(partnerId);
  const [first, second] = file.datasets as [CatalogFile['datasets'][number], CatalogFile['datasets'][number]];
  file.language = 'en';
  file.series = [{
    id: `${partnerId}:cohort-waves`,
    title: 'Cohort waves',
    description: 'Yearly waves of the cohort.',
    translations: [{ language: 'nl', title: 'Cohortgolven' }],
    issued: '2023-01-01',
    modified: '2024-06-01T00:00:00Z',
  }];
  Object.assign(first, {
    translations: [
      { language: 'nl', title: 'Testdataset 1', description: 'Een dataset voor tests.', keywords: ['toets'] },
      { language: 'fr-BE', keywords: ['essai'] },
    ],
    landingPage: 'https://example.org/studies/ds-1',
    identifiers: [{ value: '10.5281/zenodo.1234567', scheme: 'DOI' }, { value: 'ark:/12345/ds1' }],
    creators: [
      { name: 'Ada Lovelace', kind: 'PERSON', identifier: 'https://orcid.org/0000-0002-1825-0097' },
      { name: 'Test Partner', kind: 'ORGANIZATION', identifier: 'https://ror.org/05wg1m734', homepage: 'https://example.org' },
    ],
    qualifiedAttributions: [{ agent: { name: 'Data Office', kind: 'ORGANIZATION' }, role: 'custodian' }],
    accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
    temporalResolution: 'P1D',
    inSeries: [`${partnerId}:cohort-waves`],
    version: '2.0',
    versionNotes: 'Second wave added.',
    previousVersion: `${partnerId}:ds-2`,
    isVersionOf: 'https://example.org/studies/cohort',
  } satisfies Partial<CatalogFile['datasets'][number]>);
  first.distributions[0]!.checksum = { algorithm: 'sha256', value: 'a'.repeat(64) };
  first.distributions[0]!.checksums = [{ algorithm: 'md5', value: 'b'.repeat(32) }, { algorithm: 'sha512', value: 'c'.repeat(128) }];
  first.distributions.push({
    id: `${partnerId}:ds-1/api`,
    format: 'http://publications.europa.eu/resource/authority/file-type/JSON',
    licence: {
      id: 'LicenseRef-Test-Academic-NC', name: 'Academic use, non-commercial', commercialUse: false, attributionRequired: true, fieldsOfUse: ['academic research'],
    },
    rights: 'Copyright the Test Partner; no redistribution.',
    accessUrl: 'https://api.example.org/cohort/records',
    accessService: {
      title: 'Cohort API',
      endpointUrl: 'https://api.example.org/cohort',
      endpointDescription: 'https://docs.example.org/cohort-api/openapi.json',
      conformsTo: ['https://spec.openapis.org/oas/v3.1.0'],
    },
  });
  Object.assign(second, { language: 'nl', translations: [{ language: 'en', title: 'Test dataset 2 in English' }] });
  return file;
}
