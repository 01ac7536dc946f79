import jsonld from 'jsonld';
import { DataFactory, Parser, Store, Writer, type Term } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundingBoxWkt } from '../../../../gateway/catalog-export/dataset-triples.js';
import { catalogPageQuads, type CatalogDocumentInput } from '../../../../gateway/catalog-export/catalog-triples.js';
import type { ExportedDataset } from '../../../../gateway/catalog-export/export-operation.js';
import { jsonLdDocument } from '../../../../gateway/catalog-export/json-ld-document.js';
import { turtleDocument } from '../../../../gateway/catalog-export/turtle-document.js';

const BASE = 'https://concord.example.org';
const DS = `${BASE}/datasets/north%3Ads-1`;
const DIST = `${BASE}/distributions/north%3Ads-1%2Fd-1`;
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const SPDX = 'http://spdx.org/rdf/terms#';
const ADMS = 'http://www.w3.org/ns/adms#';
const PROV = 'http://www.w3.org/ns/prov#';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const EU = 'http://publications.europa.eu/resource/authority/';
const OBO = 'http://purl.obolibrary.org/obo/';

const licence = { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

/** A dataset with every public field of the contract set. */
const dataset: ExportedDataset = {
  id: 'north:ds-1',
  language: 'en',
  title: 'Kidney cohort',
  description: 'Adults with chronic kidney disease.',
  keywords: ['nephrology', 'cohort'],
  translations: [{ language: 'nl', title: 'Niercohort', description: null, keywords: ['nefrologie'] }],
  themes: ['Health', 'Clinical registries'],
  publisher: { id: 'north', name: 'North Hospital', homepage: 'https://north.example.org', country: 'GB' },
  creators: [
    { name: 'Ada Lovelace', kind: 'PERSON', identifier: 'https://orcid.org/0000-0002-1825-0097', homepage: null },
    { name: 'Renal Unit', kind: 'ORGANIZATION', identifier: null, homepage: 'https://north.example.org/renal' },
  ],
  qualifiedAttributions: [{ agent: { name: 'Data Office', kind: null, identifier: null, homepage: null }, role: 'custodian' }],
  landingPage: 'https://north.example.org/data/ckd',
  identifiers: [{ value: '10.5281/zenodo.123', scheme: 'DOI' }, { value: 'CKD-01', scheme: null }],
  version: '2.1',
  versionNotes: 'Adds 2023.',
  isVersionOf: 'north:ds-0',
  previousVersion: 'https://doi.org/10.5281/zenodo.122',
  inSeries: [{ id: 'north:series-ckd', language: 'en', title: 'CKD series', description: null, translations: [], issued: '2020-01-01', modified: null }],
  issued: '2021-03-01',
  modified: '2024-05-06T07:08:09Z',
  accrualPeriodicity: 'R/P1Y',
  temporalResolution: 'P1D',
  temporalCoverage: { start: '2004-01-01', end: null },
  spatialCoverage: { name: 'England', countries: ['GB', 'ZZ'], boundingBox: [-6.4, 49.8, 1.8, 55.8] },
  conformsTo: ['https://hl7.org/fhir/R4', 'OMOP CDM 5.4'],
  provenance: 'Extracted from the hospital record.',
  dataClass: 'ANONYMIZED',
  embargoUntil: '2026-01-01',
  licence,
  useConditions: [
    { code: 'DS', termId: 'DUO:0000007', label: 'disease specific research', diseaseId: 'MONDO:0005300', regions: null, allowed: null, months: null, until: null },
    { code: 'GS', termId: 'DUO:0000022', label: 'geographical restriction', diseaseId: null, regions: ['GB', 'IE'], allowed: null, months: null, until: null },
    { code: 'US', termId: 'DUO:0000026', label: 'user specific restriction', diseaseId: null, regions: null, allowed: ['https://orcid.org/0000-0002-1825-0097', 'north'], months: null, until: null },
    { code: 'TS', termId: 'DUO:0000025', label: 'time limit on use', diseaseId: null, regions: null, allowed: null, months: 12, until: null },
    { code: 'MOR', termId: 'DUO:0000024', label: 'publication moratorium', diseaseId: null, regions: null, allowed: null, months: null, until: '2026-12-31' },
  ],
  distributions: [{
    id: 'north:ds-1/d-1',
    title: 'CSV export',
    mediaType: 'text/csv',
    format: 'http://publications.europa.eu/resource/authority/file-type/CSV',
    byteSize: 12_345_678_901,
    checksums: [{ algorithm: 'sha256', value: 'AB12' }, { algorithm: 'md5', value: 'cd34' }, { algorithm: 'crc32', value: 'ef56' }],
    licence: { id: 'LicenseRef-North-DUA-2.1', name: 'North data use agreement', url: null },
    rights: 'Copyright North Hospital.',
    accessService: { title: 'North FHIR API', endpointDescription: 'https://north.example.org/fhir/openapi.json', conformsTo: ['https://hl7.org/fhir/R4'] },
  }],
};

const input: CatalogDocumentInput = {
  baseUrl: BASE,
  path: '/catalog.ttl',
  description: { title: 'Concord', description: 'All public metadata.', publisher: 'Concord consortium' },
  page: { datasets: [dataset], totalCount: 120, links: { page: 2, first: 1, last: 3, previous: 1, next: 3 } },
};

const iri = (value: string) => DataFactory.namedNode(value);
const lang = (value: string, language: string) => DataFactory.literal(value, language);
const typed = (value: string, datatype: string) => DataFactory.literal(value, iri(datatype));
const plain = (value: string) => DataFactory.literal(value);

let store: Store;
let turtle: string;

beforeAll(async () => {
  turtle = await turtleDocument(catalogPageQuads(input));
  store = new Store(new Parser({ baseIRI: BASE }).parse(turtle));
});

/** The objects of (subject, predicate), following blank nodes by a path of predicates. */
function objects(subject: Term, ...path: string[]): Term[] {
  let current: Term[] = [subject];
  for (const predicate of path) current = current.flatMap((s) => store.getObjects(s, iri(predicate), null));
  return current;
}

/** The blank node among (subject, predicate)'s objects that has `type`. */
function nodeOfType(subject: Term, predicate: string, type: string): Term {
  const found = objects(subject, predicate).find((o) => store.has(DataFactory.quad(o as never, iri(RDF_TYPE), iri(type))));
  if (!found) throw new Error(`no ${type} under ${predicate}`);
  return found;
}

function rightsWithNotation(code: string): Term {
  const found = objects(iri(DS), `${DCT}rights`).find((o) => store.getObjects(o, iri(`${SKOS}notation`), null).some((n) => n.value === code));
  if (!found) throw new Error(`no rights statement ${code}`);
  return found;
}

describe('catalogPageQuads: the dcat:Catalog and its Hydra view', () => {
  it.each<[string, Term, string, Term[]]>([
    ['the catalog is a dcat:Catalog', iri(`${BASE}/catalog`), RDF_TYPE, [iri(`${DCAT}Catalog`)]],
    ['its title', iri(`${BASE}/catalog`), `${DCT}title`, [lang('Concord', 'en')]],
    ['its homepage is the public base URL', iri(`${BASE}/catalog`), `${FOAF}homepage`, [iri(`${BASE}/`)]],
    ['it lists the page\'s datasets', iri(`${BASE}/catalog`), `${DCAT}dataset`, [iri(DS)]],
    ['the whole catalog\'s size', iri(`${BASE}/catalog`), `${HYDRA}totalItems`, [typed('120', `${XSD}nonNegativeInteger`)]],
    ['its view is this page', iri(`${BASE}/catalog`), `${HYDRA}view`, [iri(`${BASE}/catalog.ttl?page=2`)]],
    ['the view is a PartialCollectionView', iri(`${BASE}/catalog.ttl?page=2`), RDF_TYPE, [iri(`${HYDRA}PartialCollectionView`)]],
    ['first', iri(`${BASE}/catalog.ttl?page=2`), `${HYDRA}first`, [iri(`${BASE}/catalog.ttl?page=1`)]],
    ['previous', iri(`${BASE}/catalog.ttl?page=2`), `${HYDRA}previous`, [iri(`${BASE}/catalog.ttl?page=1`)]],
    ['next', iri(`${BASE}/catalog.ttl?page=2`), `${HYDRA}next`, [iri(`${BASE}/catalog.ttl?page=3`)]],
    ['last', iri(`${BASE}/catalog.ttl?page=2`), `${HYDRA}last`, [iri(`${BASE}/catalog.ttl?page=3`)]],
  ])('%s', (_name, subject, predicate, expected) => {
    expect(objects(subject, predicate)).toEqual(expected);
  });

  it('names its publisher', () => {
    expect(objects(iri(`${BASE}/catalog`), `${DCT}publisher`, `${FOAF}name`)).toEqual([plain('Concord consortium')]);
  });
});

describe('datasetNode: DCAT-AP 3 Dataset', () => {
  const ds = iri(DS);
  it.each<[string, string[], Term[]]>([
    ['type', [RDF_TYPE], [iri(`${DCAT}Dataset`)]],
    ['the contract\'s id', [`${DCT}identifier`], [plain('north:ds-1')]],
    ['title in its language and translations', [`${DCT}title`], [lang('Kidney cohort', 'en'), lang('Niercohort', 'nl')]],
    ['description (the translation has none)', [`${DCT}description`], [lang('Adults with chronic kidney disease.', 'en')]],
    ['keywords in each language', [`${DCAT}keyword`], [lang('nephrology', 'en'), lang('cohort', 'en'), lang('nefrologie', 'nl')]],
    ['the publisher\'s name', [`${DCT}publisher`, `${FOAF}name`], [plain('North Hospital')]],
    ['the publisher\'s homepage', [`${DCT}publisher`, `${FOAF}homepage`], [iri('https://north.example.org')]],
    ['the publisher\'s country', [`${DCT}publisher`, `${FOAF}based_near`], [iri(`${EU}country/GBR`)]],
    ['the publisher is an organisation', [`${DCT}publisher`, RDF_TYPE], [iri(`${FOAF}Agent`), iri(`${FOAF}Organization`)]],
    ['creators by their own IRI, or blank', [`${DCT}creator`, `${FOAF}name`], [plain('Ada Lovelace'), plain('Renal Unit')]],
    ['landing page', [`${DCAT}landingPage`], [iri('https://north.example.org/data/ckd')]],
    ['identifiers', [`${ADMS}identifier`, `${SKOS}notation`], [plain('10.5281/zenodo.123'), plain('CKD-01')]],
    ['an identifier\'s scheme', [`${ADMS}identifier`, `${ADMS}schemaAgency`], [plain('DOI')]],
    ['version', [`${DCAT}version`], [plain('2.1')]],
    ['version notes', [`${ADMS}versionNotes`], [lang('Adds 2023.', 'en')]],
    ['a version of a dataset of the same partner', [`${DCAT}isVersionOf`], [iri(`${BASE}/datasets/north%3Ads-0`)]],
    ['a previous version given as an IRI', [`${DCAT}previousVersion`], [iri('https://doi.org/10.5281/zenodo.122')]],
    ['the series', [`${DCAT}inSeries`], [iri(`${BASE}/series/north%3Aseries-ckd`)]],
    ['the series\' title', [`${DCAT}inSeries`, `${DCT}title`], [lang('CKD series', 'en')]],
    ['the series\' type', [`${DCAT}inSeries`, RDF_TYPE], [iri(`${DCAT}DatasetSeries`)]],
    ['issued as xsd:date', [`${DCT}issued`], [typed('2021-03-01', `${XSD}date`)]],
    ['modified as xsd:dateTime', [`${DCT}modified`], [typed('2024-05-06T07:08:09Z', `${XSD}dateTime`)]],
    ['a repeating interval as a dct:Frequency', [`${DCT}accrualPeriodicity`, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value'], [plain('R/P1Y')]],
    ['temporal resolution as xsd:duration', [`${DCAT}temporalResolution`], [typed('P1D', `${XSD}duration`)]],
    ['temporal coverage: start', [`${DCT}temporal`, `${DCAT}startDate`], [typed('2004-01-01', `${XSD}date`)]],
    ['temporal coverage: no end given', [`${DCT}temporal`, `${DCAT}endDate`], []],
    ['standards: an IRI as it is', [`${DCT}conformsTo`, RDF_TYPE], [iri(`${DCT}Standard`)]],
    ['standards: a name as a titled dct:Standard', [`${DCT}conformsTo`, `${DCT}title`], [lang('OMOP CDM 5.4', 'en')]],
    ['provenance', [`${DCT}provenance`, RDFS_LABEL], [lang('Extracted from the hospital record.', 'en')]],
    ['access rights of ANONYMIZED', [`${DCT}accessRights`], [iri(`${EU}access-right/RESTRICTED`)]],
    ['an embargo as dct:available', [`${DCT}available`], [typed('2026-01-01', `${XSD}date`)]],
    ['the dataset\'s licence on the SPDX list', [`${DCT}license`], [iri('https://spdx.org/licenses/CC-BY-4.0')]],
    ['the licence\'s id', [`${DCT}license`, `${DCT}identifier`], [plain('CC-BY-4.0')]],
    ['the licence\'s page', [`${DCT}license`, `${FOAF}page`], [iri('https://creativecommons.org/licenses/by/4.0/')]],
    ['its distribution', [`${DCAT}distribution`], [iri(DIST)]],
  ])('%s', (_name, path, expected) => {
    expect(objects(ds, ...path)).toEqual(expected);
  });

  it('states the spatial coverage as a named location with a WKT box, and the countries by the EU authority', () => {
    const location = nodeOfType(ds, `${DCT}spatial`, `${DCT}Location`);
    expect(objects(location, `${SKOS}prefLabel`)).toEqual([lang('England', 'en')]);
    expect(objects(location, `${DCAT}bbox`)).toEqual([typed('POLYGON((-6.4 49.8, 1.8 49.8, 1.8 55.8, -6.4 55.8, -6.4 49.8))', 'http://www.opengis.net/ont/geosparql#wktLiteral')]);
    expect(objects(ds, `${DCT}spatial`)).toContainEqual(iri(`${EU}country/GBR`));
    const unknownCountry = objects(ds, `${DCT}spatial`).flatMap((o) => objects(o, `${SKOS}notation`));
    expect(unknownCountry).toEqual([plain('ZZ')]);
  });

  it('states themes by the EU authority when the label is one, else as a concept with the partner\'s label', () => {
    expect(objects(ds, `${DCAT}theme`)).toContainEqual(iri(`${EU}data-theme/HEAL`));
    expect(objects(ds, `${DCAT}theme`, `${SKOS}prefLabel`)).toEqual([lang('Health', 'en'), lang('Clinical registries', 'en')]);
  });

  it('attributes a role to an agent', () => {
    expect(objects(ds, `${PROV}qualifiedAttribution`, `${PROV}agent`, `${FOAF}name`)).toEqual([plain('Data Office')]);
    expect(objects(ds, `${PROV}qualifiedAttribution`, `${DCAT}hadRole`, `${SKOS}prefLabel`)).toEqual([plain('custodian')]);
  });

  it('keeps the data class itself as a rights statement', () => {
    expect(objects(rightsWithNotation('ANONYMIZED'), RDF_TYPE)).toEqual([iri(`${DCT}RightsStatement`)]);
  });

  it.each<[string, string, Term[]]>([
    ['DS: the disease as its OBO PURL', 'DS', [iri(`${OBO}MONDO_0005300`)]],
    ['GS: the regions by the EU authority', 'GS', [iri(`${EU}country/GBR`), iri(`${EU}country/IRL`)]],
    ['US: the users, IRIs as IRIs', 'US', [iri('https://orcid.org/0000-0002-1825-0097'), plain('north')]],
    ['TS: the months as xsd:duration', 'TS', [typed('P12M', `${XSD}duration`)]],
    ['MOR: the date as xsd:date', 'MOR', [typed('2026-12-31', `${XSD}date`)]],
  ])('states DUO terms as rights statements of the DUO class: %s', (_name, code, expected) => {
    const statement = rightsWithNotation(code);
    const modifiers = [`${DCT}subject`, `${DCT}spatial`, `${DCT}audience`, `${DCT}extent`, `${DCT}date`].flatMap((p) => objects(statement, p));
    expect(modifiers).toEqual(expected);
    expect(objects(statement, RDF_TYPE)).toContainEqual(iri(`${DCT}RightsStatement`));
  });

  it('types a DUO statement with the term\'s PURL and names it', () => {
    const statement = rightsWithNotation('DS');
    expect(objects(statement, RDF_TYPE)).toContainEqual(iri(`${OBO}DUO_0000007`));
    expect(objects(statement, `${DCT}identifier`)).toEqual([plain('DUO:0000007')]);
    expect(objects(statement, RDFS_LABEL)).toEqual([lang('disease specific research', 'en')]);
  });
});

describe('distributionNode: DCAT-AP 3 Distribution, without its guarded URLs', () => {
  const dist = iri(DIST);
  it.each<[string, string[], Term[]]>([
    ['type', [RDF_TYPE], [iri(`${DCAT}Distribution`)]],
    ['title in the dataset\'s language', [`${DCT}title`], [lang('CSV export', 'en')]],
    ['the access URL is the gateway\'s API', [`${DCAT}accessURL`], [iri(`${BASE}/graphql`)]],
    ['no download URL', [`${DCAT}downloadURL`], []],
    ['media type as an IANA IRI', [`${DCAT}mediaType`], [iri('http://www.iana.org/assignments/media-types/text/csv')]],
    ['format as given', [`${DCT}format`], [iri(`${EU}file-type/CSV`)]],
    ['byte size beyond 32 bits as xsd:nonNegativeInteger', [`${DCAT}byteSize`], [typed('12345678901', `${XSD}nonNegativeInteger`)]],
    ['checksum algorithms of SPDX 2.3, others left out', [`${SPDX}checksum`, `${SPDX}algorithm`], [iri(`${SPDX}checksumAlgorithm_sha256`), iri(`${SPDX}checksumAlgorithm_md5`)]],
    ['checksum values as lower-case xsd:hexBinary', [`${SPDX}checksum`, `${SPDX}checksumValue`], [typed('ab12', `${XSD}hexBinary`), typed('cd34', `${XSD}hexBinary`)]],
    ['a LicenseRef without a URL under the export\'s own address', [`${DCT}license`], [iri(`${BASE}/licences/LicenseRef-North-DUA-2.1`)]],
    ['the LicenseRef\'s id', [`${DCT}license`, `${DCT}identifier`], [plain('LicenseRef-North-DUA-2.1')]],
    ['its rights statement', [`${DCT}rights`, RDFS_LABEL], [lang('Copyright North Hospital.', 'en')]],
    ['its data service\'s title', [`${DCAT}accessService`, `${DCT}title`], [lang('North FHIR API', 'en')]],
    ['its data service\'s description', [`${DCAT}accessService`, `${DCAT}endpointDescription`], [iri('https://north.example.org/fhir/openapi.json')]],
    ['never its data service\'s endpoint', [`${DCAT}accessService`, `${DCAT}endpointURL`], []],
  ])('%s', (_name, path, expected) => {
    expect(objects(dist, ...path)).toEqual(expected);
  });
});

describe('the two serializations', () => {
  it('give the same graph: JSON-LD read back with jsonld is Turtle read back with n3', async () => {
    const quads = catalogPageQuads(input);
    const fromJsonLd = (await jsonld.toRDF(JSON.parse(await jsonLdDocument(quads)), { format: 'application/n-quads' })) as unknown as string;
    const fromTurtle = new Parser().parse(turtle);
    // jsonld's types know only JSON-LD input; canonize also reads N-Quads text (inputFormat).
    const canonical = (nquads: string) => jsonld.canonize(nquads as unknown as jsonld.JsonLdDocument, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads' });
    expect(await canonical(fromJsonLd)).toBe(await canonical(new Writer({ format: 'N-Quads' }).quadsToString(fromTurtle)));
  });

  it('are the same text for the same page, blank nodes included', async () => {
    expect(await turtleDocument(catalogPageQuads(input))).toBe(turtle);
    expect(await jsonLdDocument(catalogPageQuads(input))).toBe(await jsonLdDocument(catalogPageQuads(input)));
  });

  it('describe a partner and a licence once however many datasets name them', () => {
    const second = { ...dataset, id: 'north:ds-2', distributions: [] };
    const quads = catalogPageQuads({ ...input, page: { ...input.page, datasets: [dataset, second] } });
    const partnerNames = quads.filter((q) => q.subject.value === `${BASE}/partners/north` && q.predicate.value === `${FOAF}name`);
    expect(partnerNames).toHaveLength(1);
    const licenceTitles = quads.filter((q) => q.subject.value === 'https://spdx.org/licenses/CC-BY-4.0' && q.predicate.value === `${DCT}title`);
    expect(licenceTitles).toHaveLength(1);
  });
});

describe('boundingBoxWkt', () => {
  it.each<[number[] | null, string | undefined]>([
    [[7.55, 47.52, 7.65, 47.6], 'POLYGON((7.55 47.52, 7.65 47.52, 7.65 47.6, 7.55 47.6, 7.55 47.52))'],
    [[-180, -90, 180, 90], 'POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90))'],
    [[1, 2, 3], undefined],
    [[1, 2, 3, Number.NaN], undefined],
    [null, undefined],
  ])('%j', (box, wkt) => {
    expect(boundingBoxWkt(box)).toBe(wkt);
  });
});
