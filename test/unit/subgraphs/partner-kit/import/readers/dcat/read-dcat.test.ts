import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDistribution } from '../../../../../../../subgraphs/partner-kit/import/readers/dcat/distribution.js';
import { readDcat } from '../../../../../../../subgraphs/partner-kit/import/readers/dcat/index.js';
import { DCAT } from '../../../../../../../subgraphs/partner-kit/import/rdf/namespaces.js';
import { readGraph } from '../../../../../../../subgraphs/partner-kit/import/rdf/read-graph.js';
import type { SourceDataset, SourceReading } from '../../../../../../../subgraphs/partner-kit/import/source-dataset.js';
import { repositoryPath } from '../../../../../../../schema/repository-files.js';
import { temporaryFolder } from '../../../../../../harness/temporary-folder.js';

const FOLDER = repositoryPath('test/fixtures/real-catalogs/dcat');

async function readFixture(file: string): Promise<SourceReading> {
  return readDcat(readFileSync(join(FOLDER, file), 'utf8'), file);
}

function dataset(reading: SourceReading, sourceId: string): SourceDataset {
  const found = reading.datasets.find((candidate) => candidate.sourceId === sourceId);
  if (!found) throw new Error(`no dataset ${sourceId} among ${reading.datasets.map((d) => d.sourceId).join(', ')}`);
  return found;
}

// One row per real file (test/fixtures/real-catalogs/SOURCES.md says what each exercises), with facts
// read off the file by hand.
const files: { file: string; datasets: number; facts: (reading: SourceReading) => void }[] = [
  {
    file: 'diggsweden-dcat-ap-se-obligatoriskt.ttl',
    datasets: 1,
    facts: (reading) => {
      const only = dataset(reading, 'https://example.com/dataset1');
      expect(only.titles).toEqual([{ value: 'Matvaruaffärer i Sverige', language: 'sv' }]);
      // DCAT-AP-SE puts the licence on the catalog only.
      expect(only.licences).toEqual([]);
      expect(reading.catalog?.licences).toEqual([{ uri: 'http://creativecommons.org/publicdomain/zero/1.0/' }]);
      expect(reading.catalog?.publisher?.names).toEqual([{ value: 'Exampel organization' }]);
      expect(only.contactPoints).toEqual([{ names: [{ value: 'Öppna data gruppen på exempel organisationen' }], kind: 'organization', identifier: 'https://example.com/contactpoint1', email: 'oppnadata@example.com' }]);
      expect(only.issued).toBeUndefined();
      expect(only.distributions[0]).toMatchObject({ accessUrls: ['http://example.com/api'], downloadUrls: [] });
      expect(only.distributions[0]?.accessServices).toEqual([{ titles: [{ value: 'Exempel API', language: 'sv' }], endpointUrls: ['http://example.com/api'], endpointDescriptions: [], conformsTo: [] }]);
    },
  },
  {
    file: 'healthdcat-ap-r8-example-dataset.ttl',
    datasets: 1,
    facts: (reading) => {
      const cohort = dataset(reading, 'https://healthdcat-ap.example.org/release-7/example/dataset-oncology-ehrs-2024');
      expect(cohort.accessRights).toBe('http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC');
      expect(cohort.identifiers.map(({ value }) => value)).toEqual(['EU-HDCA-R7-ONCOLOGY-EHRS-2024', 'ONC-EHR-2024-BE-01']);
      expect(cohort.modified).toBe('2026-03-30');
      expect(cohort.temporal).toEqual([{ start: '2020-01-01', end: '2024-12-31' }]);
      expect(cohort.temporalResolution).toBe('P1M');
      expect(cohort.version).toBe('7.0.0-example');
      expect(cohort.provenance[0]?.value).toMatch(/^The dataset is derived from linked hospital EHR systems/);
      expect(cohort.publisher).toMatchObject({ names: [{ value: 'Belgian National Cancer Registry', language: 'en' }], email: 'publisher-contact@example.org' });
      expect(cohort.contactPoints[0]).toMatchObject({ email: 'oncology-dataset-support@example.org', homepage: 'https://healthdcat-ap.example.org/support/oncology-ehrs-2024' });
      // The sample (adms:sample) and analytics distributions are not distributions of the data.
      expect(cohort.distributions.map((d) => d.sourceId)).toEqual([
        'https://healthdcat-ap.example.org/release-7/example/distribution-main-csv',
        'https://healthdcat-ap.example.org/release-7/example/distribution-fhir-package',
      ]);
      const csv = cohort.distributions[0]!;
      expect(csv).toMatchObject({
        byteSize: 245000000,
        mediaType: 'http://www.iana.org/assignments/media-types/text/csv',
        compressFormat: 'http://www.iana.org/assignments/media-types/application/gzip',
        packageFormat: 'http://www.iana.org/assignments/media-types/application/zip',
      });
      expect(csv.licences).toEqual([{ uri: 'https://healthdcat-ap.example.org/release-7/example/dataset-license', name: 'Secondary-use permit and secure-processing licence' }]);
      expect(csv.rights[0]?.value).toMatch(/^Access is limited to approved researchers/);
      // dpv:hasPurpose is not a DUO term and is not turned into one.
      expect(cohort.useConditions).toEqual([]);
    },
  },
  {
    file: 'semic-dcat-ap-3.0.0-hvd-ms_catalogue.jsonld',
    datasets: 1,
    facts: (reading) => {
      const bees = dataset(reading, 'https://data.exampleMS.gov/id/dataset/1T2p3o4B');
      expect(bees.titles).toEqual([{ value: 'The population of bees', language: 'en' }]);
      expect(bees.identifiers).toEqual([
        { value: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B', scheme: 'MS Environmental Agency' },
        { value: 'https://dataportal.exampleMS.gov/dataset/Thepopulationofbees', scheme: 'https://dataportal.exampleMS.gov' },
      ]);
      expect(bees.accrualPeriodicity).toBe('http://publications.europa.eu/resource/authority/frequency/BIENNIAL');
      const shp = bees.distributions.find((d) => d.sourceId?.endsWith('-dist-SHP'));
      expect(shp?.licences).toEqual([{ uri: 'https://data.exampleMS.gov/resource/FreeAndOpen', sameAs: ['http://publications.europa.eu/resource/authority/licence/CC0'] }]);
      expect(shp?.format).toBe('http://publications.europa.eu/resource/authority/file-type/SHP');
      expect(shp?.mediaType).toBeUndefined();
      expect(reading.catalog?.titles).toEqual([{ value: 'MS HVD Reporting 2023', language: 'en' }]);
      expect(reading.problems).toContainEqual({ where: 'https://data.exampleMS.gov/id/dataset/HVD-reporting-2023', message: expect.stringContaining('dcat:Catalogue') });
    },
  },
  {
    file: 'w3c-dcat3-basic-example.jsonld',
    datasets: 1,
    facts: (reading) => {
      const imaginary = dataset(reading, 'https://dcat.example.org/dataset-001');
      expect(imaginary.modified).toBe('2011-12-15');
      expect(imaginary.keywords).toEqual(['accountability', 'payments', 'transparency'].map((value) => ({ value, language: 'en' })));
      expect(imaginary.spatial).toEqual([{ names: [], iri: 'http://sws.geonames.org/6695072/' }]);
      expect(imaginary.temporal).toEqual([{ start: '2011-07-01', end: '2011-09-30' }]);
      expect(imaginary.contactPoints).toEqual([{ names: [], identifier: 'http://dcat.example.org/transparency-office/contact' }]);
      expect(imaginary.distributions[0]).toMatchObject({ byteSize: 5120, mediaType: 'https://www.iana.org/assignments/media-types/text/csv', downloadUrls: ['http://dcat.example.org/files/001.csv'] });
      expect(reading.catalog?.homepage).toBe('http://dcat.example.org/catalog');
      // The catalog lists two more datasets the file never describes.
      expect(reading.problems.map((p) => p.where).sort()).toEqual(['https://dcat.example.org/dataset-002', 'https://dcat.example.org/dataset-003']);
    },
  },
  {
    file: 'w3c-dcat3-compress-and-package.ttl',
    datasets: 0,
    facts: (reading) => {
      expect(reading.problems).toContainEqual({ where: 'https://data.gov.cz/zdroj/datová-sada/247025684/22', message: expect.stringContaining('belongs to no dataset') });
    },
  },
  {
    file: 'w3c-dcat3-series-versions.ttl',
    datasets: 6,
    facts: (reading) => {
      expect(reading.datasets.filter((d) => d.isSeries).map((d) => d.sourceId)).toEqual(['http://dcat.example.org/budget']);
      expect(dataset(reading, 'http://dcat.example.org/budget-2019')).toMatchObject({
        inSeries: ['http://dcat.example.org/budget'],
        hasVersion: ['http://dcat.example.org/budget-2019-rev0', 'http://dcat.example.org/budget-2019-rev1'],
        issued: '2020-01-01',
      });
      expect(dataset(reading, 'http://dcat.example.org/budget-2019-rev1')).toMatchObject({
        version: 'rev1',
        isVersionOf: 'http://dcat.example.org/budget-2019',
        previousVersion: 'http://dcat.example.org/budget-2019-rev0',
        issued: '2020-05-10',
      });
    },
  },
  {
    file: 'w3c-dcat3-spatial-properties.ttl',
    datasets: 5,
    facts: (reading) => {
      const postal = dataset(reading, 'https://dcat.example.org/Dutch-postal');
      expect(postal.titles).toEqual([{ value: 'Addresses', language: 'en' }, { value: 'Adressen', language: 'nl' }]);
      expect(postal.spatial).toEqual([{ names: [], boundingBox: [3.053, 47.975, 7.24, 53.504] }]);
      expect(dataset(reading, 'https://dcat.example.org/AnneFrank_0').spatial[0]?.boundingBox).toEqual([4.883819, 52.374901, 4.884451, 52.375254]);
      const metres = dataset(reading, 'https://dcat.example.org/AnneFrank_1').spatial[0];
      expect(metres?.boundingBox).toBeUndefined();
      expect(metres?.geometry).toMatch(/^<http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/28992> POLYGON/);
      expect(dataset(reading, 'https://dcat.example.org/AnneFrank_2').spatial).toEqual([{ names: [], geometry: 'POINT(4.88412 52.37509)' }]);
    },
  },
  {
    file: 'w3c-dcat3-temporal-properties.jsonld',
    datasets: 8,
    facts: (reading) => {
      const periods = Object.fromEntries(reading.datasets.map((d) => [d.sourceId.replace('https://dcat.example.org/', ''), d.temporal]));
      expect(periods).toEqual({
        ds127: [{ start: '2016-03-04' }],
        ds257: [{ start: '2016-03-04', end: '2018-08-05' }],
        ds348: [{ start: '2016-03-04', end: '2018-08-05' }],
        ds429: [{ start: '1914', end: '1939' }],
        ds586: [{ end: '2018-08-05' }],
        ds782: [],
        ds850: [{ start: '541.0 (http://resource.geosciml.org/classifier/cgi/geologicage/ma)', end: '251.902 (http://resource.geosciml.org/classifier/cgi/geologicage/ma)' }],
        ds913: [],
      });
      expect(dataset(reading, 'https://dcat.example.org/ds913')).toMatchObject({ accrualPeriodicity: 'http://purl.org/cld/freq/daily', temporalResolution: 'PT15M' });
    },
  },
];

describe('readDcat over the real DCAT files', () => {
  it('covers every file in the fixture folder', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(FOLDER).sort()).toEqual(files.map(({ file }) => file).sort());
  });

  it.each(files)('$file', async ({ file, datasets, facts }) => {
    const reading = await readFixture(file);
    expect(reading.format).toBe('dcat');
    expect(reading.datasets).toHaveLength(datasets);
    facts(reading);
  });
});

describe('readDistribution', () => {
  it('merges the three descriptions one distribution IRI is given (compress-and-package)', async () => {
    const { graph, problems } = await readGraph(readFileSync(join(FOLDER, 'w3c-dcat3-compress-and-package.ttl'), 'utf8'), 'w3c-dcat3-compress-and-package.ttl');
    const [node] = graph!.nodesOfType(DCAT('Distribution'));
    const distribution = readDistribution({ graph: graph!, problems }, node!);
    expect(distribution.downloadUrls).toEqual([
      'https://mvcr1.opendata.cz/czechpoint/2007.csv.gz',
      'https://mvcr1.opendata.cz/czechpoint/data.tar',
      'https://mvcr1.opendata.cz/czechpoint/data.tar.gz',
    ]);
    expect(distribution).toMatchObject({
      compressFormat: 'http://www.iana.org/assignments/media-types/application/gzip',
      packageFormat: 'http://publications.europa.eu/resource/authority/file-type/TAR',
      format: 'http://publications.europa.eu/resource/authority/file-type/CSV',
      conformsTo: ['https://mvcr1.opendata.cz/czechpoint/2007.json'],
      licences: [{ uri: 'https://data.gov.cz/podmínky-užití/volný-přístup/' }],
    });
    expect(problems).toEqual([]);
  });
});

const PREFIXES = '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n@prefix spdx: <http://spdx.org/rdf/terms#> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix adms: <http://www.w3.org/ns/adms#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n';

describe('readDcat: what DCAT says that the real files do not show', () => {
  it('reads checksums, qualified attributions, typed identifiers and a title per language', async () => {
    const text = `${PREFIXES}
<http://x/d> a dcat:Dataset ; dct:title "Budget"@en , "Budjetti"@fi ;
  adms:identifier [ skos:notation "10.1234/5"^^<http://purl.org/spar/datacite/doi> ] ;
  prov:qualifiedAttribution [ prov:agent <https://orcid.org/0000-0002-1825-0097> ; dcat:hadRole <http://registry.it.csiro.au/def/isotc211/CI_RoleCode/custodian> ] ;
  dcat:distribution [ dcat:downloadURL <http://x/f.csv> ; spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha1 ; spdx:checksumValue "da39a3ee5e6b4b0d3255bfef95601890afd80709" ] ] .`;
    const reading = await readDcat(text, 'x.ttl');
    const [only] = reading.datasets;
    expect(only?.titles).toEqual([{ value: 'Budget', language: 'en' }, { value: 'Budjetti', language: 'fi' }]);
    expect(only?.identifiers).toEqual([{ value: '10.1234/5', scheme: 'http://purl.org/spar/datacite/doi' }]);
    expect(only?.qualifiedAttributions).toEqual([{ agent: { names: [], identifier: 'https://orcid.org/0000-0002-1825-0097' }, role: 'http://registry.it.csiro.au/def/isotc211/CI_RoleCode/custodian' }]);
    expect(only?.distributions[0]?.checksums).toEqual([{ algorithm: 'http://spdx.org/rdf/terms#checksumAlgorithm_sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }]);
    expect(reading.problems).toEqual([]);
  });

  it('keeps the first of two values where the record holds one, and says so', async () => {
    const reading = await readDcat(`${PREFIXES}<http://x/d> a dcat:Dataset ; dct:issued "2020-01-01" , "2021-01-01" .`, 'x.ttl');
    expect(reading.datasets[0]?.issued).toBe('2020-01-01');
    expect(reading.problems).toEqual([{ where: 'http://x/d', message: 'dct:issued has 2 values ("2020-01-01", "2021-01-01"); the first is read' }]);
  });
});

// Broken input: a reading with a problem that says where, never a throw.
const broken: { name: string; fileName: string; text: string; where: string | RegExp; message: RegExp }[] = [
  { name: 'Turtle with an unterminated literal', fileName: 'x.ttl', text: `${PREFIXES}<http://x/d> a dcat:Dataset ;\n  dct:title "Budget ;\n`, where: '8:13', message: /Turtle syntax error.*line 8/ },
  { name: 'Turtle with an undefined prefix', fileName: 'x.ttl', text: '<http://x/d> a dcat:Dataset .', where: '1:16', message: /Undefined prefix "dcat:"/ },
  { name: 'Turtle with a stray token', fileName: 'x.ttl', text: `${PREFIXES}<http://x/d> a dcat:Dataset\n<http://x/e> a dcat:Dataset .`, where: '8:1', message: /line 8/ },
  { name: 'JSON-LD with a doubled comma', fileName: 'x.jsonld', text: '{\n "@context": {"dcat": "http://www.w3.org/ns/dcat#"},\n "@id": "http://x/d",,\n "@type": "dcat:Dataset"\n}', where: '3:22', message: /JSON syntax error at line 3, column 22/ },
  { name: 'JSON-LD cut short', fileName: 'x.jsonld', text: '{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@graph": [', where: /^1:\d+$/, message: /"]" is missing/ },
  { name: 'JSON-LD with a remote context', fileName: 'x.jsonld', text: '{"@context": "https://raw.githubusercontent.com/SEMICeu/DCAT-AP/master/releases/3.0.0/context/dcat-ap.jsonld", "@type": "Dataset"}', where: '@context', message: /remote JSON-LD context https:\/\/raw\.githubusercontent\.com\/.* is not fetched/ },
  { name: 'RDF/XML', fileName: 'x.rdf', text: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', where: 'x.rdf', message: /RDF\/XML is not read/ },
  { name: 'a CKAN package (JSON, not JSON-LD)', fileName: 'x.json', text: '{"name": "x", "title": "y", "resources": []}', where: '$', message: /not JSON-LD/ },
  { name: 'valid Turtle with no dataset', fileName: 'x.ttl', text: `${PREFIXES}<http://x/c> a dcat:Catalog .`, where: 'x.ttl', message: /no dcat:Dataset/ },
];

describe('readDcat on broken input', () => {
  it.each(broken)('$name', async ({ fileName, text, where, message }) => {
    const reading = await readDcat(text, fileName);
    expect(reading.datasets).toEqual([]);
    const problem = reading.problems[0];
    expect(problem?.where).toMatch(where instanceof RegExp ? where : new RegExp(`^${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(problem?.message).toMatch(message);
  });
});

// A catalog of 10,000 datasets, written at run time: every dataset is read, with its distribution.
describe('readDcat on a large file', () => {
  it('reads 10,000 datasets from one Turtle file', { timeout: 180_000 }, async () => {
    const count = 10_000;
    const lines = [PREFIXES, '<https://x.example/catalog> a dcat:Catalog ; dct:title "Large"@en .'];
    for (let i = 0; i < count; i += 1) {
      lines.push(`<https://x.example/catalog> dcat:dataset <https://x.example/ds/${i}> .
<https://x.example/ds/${i}> a dcat:Dataset ; dct:title "Dataset ${i}"@en , "Datamängd ${i}"@sv ; dcat:keyword "k${i % 50}"@en ;
  dct:issued "2020-01-01" ; dct:license <http://creativecommons.org/licenses/by/4.0/> ;
  dct:temporal [ dcat:startDate "2020-01-01" ; dcat:endDate "2020-12-31" ] ;
  dcat:distribution <https://x.example/ds/${i}/csv> .
<https://x.example/ds/${i}/csv> a dcat:Distribution ; dcat:downloadURL <https://x.example/files/${i}.csv> ;
  spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha1 ; spdx:checksumValue "${i.toString(16).padStart(40, '0')}" ] .`);
    }
    const file = join(temporaryFolder('large-dcat-'), 'large.ttl');
    writeFileSync(file, lines.join('\n'));
    const reading = await readDcat(readFileSync(file, 'utf8'), 'large.ttl');
    expect(reading.problems).toEqual([]);
    expect(reading.datasets).toHaveLength(count);
    expect(dataset(reading, 'https://x.example/ds/9999')).toMatchObject({
      titles: [{ value: 'Dataset 9999', language: 'en' }, { value: 'Datamängd 9999', language: 'sv' }],
      temporal: [{ start: '2020-01-01', end: '2020-12-31' }],
      distributions: [{ downloadUrls: ['https://x.example/files/9999.csv'], checksums: [{ algorithm: 'http://spdx.org/rdf/terms#checksumAlgorithm_sha1', value: (9999).toString(16).padStart(40, '0') }] }],
    });
  });
});
