import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSchemaOrg } from '../../../../../../../subgraphs/partner-kit/import/readers/schemaorg/index.js';
import type { SourceReading } from '../../../../../../../subgraphs/partner-kit/import/source-dataset.js';
import { repositoryPath } from '../../../../../../../schema/repository-files.js';
import { temporaryFolder } from '../../../../../../harness/temporary-folder.js';

const FOLDER = repositoryPath('test/fixtures/real-catalogs/schemaorg');

async function readFixture(file: string): Promise<SourceReading> {
  return readSchemaOrg(readFileSync(join(FOLDER, file), 'utf8'), file);
}

// One row per real file (test/fixtures/real-catalogs/SOURCES.md says what each exercises), with facts
// read off the file by hand.
const files: { file: string; facts: (reading: SourceReading) => void }[] = [
  {
    file: 'croissant-fashion-mnist.json',
    facts: ({ datasets: [mnist] }) => {
      expect(mnist?.sourceId).toBe('https://huggingface.co/datasets/fashion_mnist');
      expect(mnist?.titles).toEqual([{ value: 'fashion_mnist', language: 'en' }]);
      expect(mnist?.licences).toEqual([{ id: 'mit' }]);
      expect(mnist?.conformsTo).toEqual(['http://mlcommons.org/croissant/1.0']);
      expect(mnist?.landingPages).toEqual(['https://huggingface.co/datasets/fashion_mnist']);
      const [repo, parquet] = mnist!.distributions;
      expect(repo).toMatchObject({
        sourceId: 'repo',
        format: 'git+https',
        downloadUrls: ['https://huggingface.co/datasets/fashion_mnist/tree/refs%2Fconvert%2Fparquet'],
        checksums: [{ algorithm: 'sha256', value: '6894fa1803ae2e42ac3d46a7613037b5b59b47622f7e75c55d3f076657b21531' }],
      });
      expect(repo?.mediaType).toBeUndefined();
      // A FileSet is files inside another file object: it has no URL of its own.
      expect(parquet).toMatchObject({ sourceId: 'parquet-files', mediaType: 'application/x-parquet', accessUrls: [], downloadUrls: [] });
      expect(mnist?.issued).toBeUndefined();
    },
  },
  {
    file: 'croissant-titanic.json',
    facts: ({ datasets: [titanic] }) => {
      expect(titanic?.titles).toEqual([{ value: 'Titanic', language: 'en' }]);
      expect(titanic?.licences).toEqual([{ id: 'afl-3.0' }]);
      expect(titanic?.version).toBe('1.0.0');
      expect(titanic?.publisher).toBeUndefined();
      expect(titanic?.distributions.map((d) => d.sourceId)).toEqual(['passengers.csv', 'genders.csv', 'embarkation_ports.csv']);
      expect(titanic?.distributions[0]).toMatchObject({
        byteSize: '117743 B',
        mediaType: 'text/csv',
        downloadUrls: ['data/titanic.csv'],
        checksums: [{ algorithm: 'sha256', value: 'c617db2c7470716250f6f001be51304c76bcc8815527ab8bae734bdca0735737' }],
      });
    },
  },
  {
    file: 'soso-dataset-full.jsonld',
    facts: ({ datasets: [krill] }) => {
      expect(krill?.sourceId).toBe('http://lod.example-data-repository.org/id/dataset/3300');
      const [description] = krill!.descriptions;
      expect(description?.value).toMatch(/^"Winter ecology of larval krill: quantifying their interaction with the pack ice habitat"\n/);
      expect(description?.value).not.toMatch(/&lt;|&quot;|<p>|<\/a>/);
      expect(krill?.identifiers[0]).toEqual({ value: 'doi:10.1234/1234567890', scheme: 'https://registry.identifiers.org/registry/doi' });
      expect(krill?.keywords.map((k) => k.value)).toEqual(['OCEANS', 'ice core studies', 'Baked Clay']);
      expect(krill?.creators.map((c) => c.names[0]?.value)).toEqual(['Dr Langdon Quetin', 'Dr Robin Ross']);
      expect(krill?.creators[0]).toMatchObject({ kind: 'person', identifier: 'http://lod.example-data-repository.org/id/person/51159' });
      expect(krill?.temporal).toEqual([{ start: '2001-08-06', end: '2002-09-09' }]);
      // box "-68.4817 -75.8183 -65.08 -68.5033" is south west north east.
      expect(krill?.spatial).toEqual([{ names: [], boundingBox: [-75.8183, -68.4817, -68.5033, -65.08] }]);
      expect(krill?.licences).toEqual([{ uri: 'https://creativecommons.org/licenses/by/4.0/' }]);
      expect(krill?.accessRights).toBe('true');
      expect(krill?.issued).toBe('2010-02-03');
      expect(krill?.publisher).toMatchObject({ names: [{ value: 'Example Data Repository' }], kind: 'organization' });
      expect(krill?.distributions[0]?.checksums).toEqual([
        { algorithm: 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256', value: '39ae639d33cea4a287198bbcdca5e6856e6607a7c91dc4c54348031be2ad4c51' },
        { algorithm: 'http://spdx.org/rdf/terms#checksumAlgorithm_md5', value: '65d3616852dbf7b1a6d4b53b00626032' },
      ]);
      expect(krill?.distributions[0]?.mediaType).toBe('text/tab-separated-values');
    },
  },
  {
    file: 'soso-dataset-minimal.jsonld',
    facts: ({ datasets: [minimal] }) => {
      expect(minimal?.sourceId).toBe('https://example.org/datasets/1234567890');
      expect(minimal?.licences).toEqual([{ id: 'CC-BY-4.0' }]);
      expect(minimal?.version).toBe('2013-11-21');
      expect(minimal?.issued).toBeUndefined();
      expect(minimal?.accessRights).toBe('true');
      expect(minimal?.keywords.map((k) => k.value)).toEqual(['ocean acidification', 'OA', 'oceans']);
      expect(minimal?.identifiers).toEqual([{ value: 'doi:10.1234/1234567890' }, { value: 'https://doi.org/10.1234/1234567890' }]);
      expect(minimal?.distributions).toEqual([]);
    },
  },
];

describe('readSchemaOrg over the real schema.org and Croissant files', () => {
  it('covers every file in the fixture folder', () => {
    expect(readdirSync(FOLDER).sort()).toEqual(files.map(({ file }) => file).sort());
  });

  it.each(files)('$file', async ({ file, facts }) => {
    const reading = await readFixture(file);
    expect(reading.format).toBe('schemaorg');
    expect(reading.problems).toEqual([]);
    expect(reading.datasets).toHaveLength(1);
    facts(reading);
  });
});

function dataset(fields: Record<string, unknown>, context: unknown = 'https://schema.org/'): string {
  return JSON.stringify({ '@context': context, '@type': 'Dataset', '@id': 'https://x.example/d', ...fields });
}

// What schema.org allows that the real files do not show.
const variants: { name: string; text: string; expected: Record<string, unknown> }[] = [
  { name: 'comma-separated keywords', text: dataset({ keywords: 'ocean, ice ,krill' }), expected: { keywords: [{ value: 'ocean' }, { value: 'ice' }, { value: 'krill' }] } },
  { name: 'isAccessibleForFree false, written as a string', text: dataset({ isAccessibleForFree: 'False' }), expected: { accessRights: 'false' } },
  { name: 'conditionsOfAccess as rights', text: dataset({ conditionsOfAccess: 'Registered users only' }), expected: { rights: [{ value: 'Registered users only' }] } },
  { name: 'an open-ended temporal coverage', text: dataset({ temporalCoverage: '2015-01-01/..' }), expected: { temporal: [{ start: '2015-01-01' }] } },
  { name: 'a single year', text: dataset({ temporalCoverage: '2019' }), expected: { temporal: [{ start: '2019', end: '2019' }] } },
  { name: 'GeoCoordinates', text: dataset({ spatialCoverage: { '@type': 'Place', name: 'Delft', geo: { '@type': 'GeoCoordinates', latitude: 52.01, longitude: 4.36 } } }), expected: { spatial: [{ names: [{ value: 'Delft' }], boundingBox: [4.36, 52.01, 4.36, 52.01] }] } },
  { name: 'a box across the antimeridian keeps west > east', text: dataset({ spatialCoverage: { '@type': 'Place', geo: { '@type': 'GeoShape', box: '-50 170 -40 -170' } } }), expected: { spatial: [{ names: [], boundingBox: [170, -50, -170, -40] }] } },
  { name: 'a box that is not in degrees is kept as text', text: dataset({ spatialCoverage: { '@type': 'Place', geo: { '@type': 'GeoShape', box: '487589 120749 487605 120764' } } }), expected: { spatial: [{ names: [], geometry: '487589 120749 487605 120764' }] } },
  { name: 'an ORCID creator with an e-mail', text: dataset({ creator: { '@type': 'Person', '@id': 'https://orcid.org/0000-0002-1825-0097', givenName: 'Josiah', familyName: 'Carberry', email: 'mailto:j.carberry@example.org' } }), expected: { creators: [{ names: [{ value: 'Josiah Carberry' }], kind: 'person', identifier: 'https://orcid.org/0000-0002-1825-0097', email: 'j.carberry@example.org' }] } },
  { name: 'a licence as a CreativeWork', text: dataset({ license: { '@type': 'CreativeWork', name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } }), expected: { licences: [{ uri: 'https://creativecommons.org/licenses/by/4.0/', name: 'CC BY 4.0' }] } },
  { name: 'http schema.org context and a JSON number version', text: dataset({ version: 1.5 }, 'http://schema.org'), expected: { version: '1.5' } },
  { name: 'terms under https://schema.org/ written in full', text: JSON.stringify({ '@id': 'https://x.example/d', '@type': 'https://schema.org/Dataset', 'https://schema.org/name': 'Full IRIs' }), expected: { titles: [{ value: 'Full IRIs' }] } },
  { name: 'dateCreated when there is no datePublished', text: dataset({ dateCreated: '2012-04-01', dateModified: '2013-05-02T10:00:00+02:00' }), expected: { issued: '2012-04-01', modified: '2013-05-02T10:00:00+02:00' } },
];

describe('readSchemaOrg: what schema.org allows', () => {
  it.each(variants)('$name', async ({ text, expected }) => {
    const reading = await readSchemaOrg(text, 'x.jsonld');
    expect(reading.problems).toEqual([]);
    expect(reading.datasets[0]).toMatchObject(expected);
  });

  it('reads the datasets of a DataCatalog and the catalog itself', async () => {
    const text = JSON.stringify({
      '@context': 'https://schema.org/', '@type': 'DataCatalog', name: 'Repository', url: 'https://x.example/', inLanguage: 'nl',
      dataset: [{ '@type': 'Dataset', name: 'One' }, { '@type': 'Dataset', name: 'Two' }],
    });
    const reading = await readSchemaOrg(text, 'catalog.jsonld');
    expect(reading.catalog).toEqual({ titles: [{ value: 'Repository' }], licences: [], languages: ['nl'], homepage: 'https://x.example/' });
    expect(reading.datasets.map((d) => d.titles[0]?.value).sort()).toEqual(['One', 'Two']);
    expect(reading.datasets.map((d) => d.sourceId).sort()).toEqual(['catalog.jsonld#dataset-1', 'catalog.jsonld#dataset-2']);
  });
});

const broken: { name: string; text: string; where: string; message: RegExp }[] = [
  { name: 'a JSON syntax error', text: '{\n  "@context": "https://schema.org/",\n  "@type": "Dataset"\n  "name": "x"\n}', where: '4:3', message: /JSON syntax error at line 4, column 3: expected "," or "}"/ },
  { name: 'a context from elsewhere', text: '{"@context": "https://w3id.org/ro/crate/1.1/context", "@type": "Dataset"}', where: '@context', message: /remote JSON-LD context https:\/\/w3id\.org\/ro\/crate\/1\.1\/context is not fetched/ },
  { name: 'no Dataset in the file', text: '{"@context": "https://schema.org/", "@type": "Person", "name": "x"}', where: 'x.jsonld', message: /no schema\.org Dataset/ },
  { name: 'an empty file', text: '', where: 'x.jsonld', message: /the file is empty/ },
];

describe('readSchemaOrg on broken input', () => {
  it.each(broken)('$name', async ({ text, where, message }) => {
    const reading = await readSchemaOrg(text, 'x.jsonld');
    expect(reading.datasets).toEqual([]);
    expect(reading.problems[0]).toEqual({ where, message: expect.stringMatching(message) });
  });
});

describe('readSchemaOrg on a large file', () => {
  it('reads 10,000 datasets from one JSON-LD file', { timeout: 180_000 }, async () => {
    const count = 10_000;
    const graph = Array.from({ length: count }, (_, i) => ({
      '@type': 'Dataset', '@id': `https://x.example/d/${i}`, name: `Dataset ${i}`, description: `Description of dataset ${i}`,
      keywords: ['alpha', `k${i % 50}`], license: 'CC-BY-4.0', temporalCoverage: '2020-01-01/2020-12-31',
      distribution: { '@type': 'DataDownload', contentUrl: `https://x.example/files/${i}.csv`, encodingFormat: 'text/csv', sha256: i.toString(16).padStart(64, '0') },
    }));
    const file = join(temporaryFolder('large-schemaorg-'), 'large.jsonld');
    writeFileSync(file, JSON.stringify({ '@context': 'https://schema.org/', '@graph': graph }));
    const reading = await readSchemaOrg(readFileSync(file, 'utf8'), 'large.jsonld');
    expect(reading.problems).toEqual([]);
    expect(reading.datasets).toHaveLength(count);
    expect(reading.datasets.find((d) => d.sourceId === 'https://x.example/d/9999')).toMatchObject({
      titles: [{ value: 'Dataset 9999' }],
      distributions: [{ downloadUrls: ['https://x.example/files/9999.csv'], mediaType: 'text/csv', checksums: [{ algorithm: 'sha256', value: (9999).toString(16).padStart(64, '0') }] }],
    });
  });
});
