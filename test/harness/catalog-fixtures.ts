import { readFileSync } from 'node:fs';
import { catalogPathOf, readFederationManifest, type FederationManifest } from '../../schema/federation-manifest.js';
import { CatalogFile, type DatasetRecord } from '../../subgraphs/partner-kit/catalog-file.js';

/**
 * Every partner of a federation manifest (the repository's by default) with its catalog as the file
 * holds it: tests read partners from here, never from a list of their own, so a partner added to the
 * manifest is covered (or refused loudly) with no edit to the test.
 */
export function manifestCatalogs(manifest: FederationManifest = readFederationManifest()): { id: string; catalog: CatalogFile }[] {
  return manifest.partners.map((partner) => ({
    id: partner.id,
    catalog: CatalogFile.parse(JSON.parse(readFileSync(catalogPathOf(partner), 'utf8'))),
  }));
}

/** Every dataset of every partner of a manifest, by id. */
export function manifestDatasets(manifest?: FederationManifest): Map<string, DatasetRecord> {
  return new Map(manifestCatalogs(manifest).flatMap(({ catalog }) => catalog.datasets.map((d) => [d.id, d] as const)));
}

/** A small valid catalog; tests copy it and break one thing at a time. */
export function smallCatalog(partnerId = 'test-partner'): CatalogFile {
  const dataset = (n: number, extra: Partial<CatalogFile['datasets'][number]> = {}): CatalogFile['datasets'][number] => ({
    id: `${partnerId}:ds-${n}`,
    title: `Test dataset ${n}`,
    description: 'A dataset used by tests.',
    keywords: ['test', `k${n}`],
    themes: ['Health'],
    contactPoint: { name: 'Data Office', email: 'data@example.org' },
    issued: '2024-01-01',
    modified: '2024-06-01T00:00:00Z',
    conformsTo: [],
    dataClass: 'PARTNER_SHARED',
    licence: { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', commercialUse: true, attributionRequired: true, fieldsOfUse: [] },
    useConditions: [{ code: 'GRU' }],
    distributions: [{ id: `${partnerId}:ds-${n}/dist-1`, mediaType: 'text/csv', accessUrl: `https://data.example.org/${n}` }],
    dataDictionary: [{ name: 'age', type: 'integer', unit: 'years' }],
    sampleRecords: [{ age: 42 }],
    retention: { retainUntil: '2030-01-01', basis: 'consent v2' },
    ...extra,
  });
  return {
    partner: { id: partnerId, name: 'Test Partner', kind: 'UNIVERSITY', country: 'NL' },
    datasets: [dataset(1), dataset(2, { dataClass: 'PUBLIC' })],
  };
}
