import { DataFactory, type NamedNode } from 'n3';

// The vocabularies of the DCAT-AP 3 export (https://semiceu.github.io/DCAT-AP/releases/3.0.0/) and the
// authority tables it points into. The Turtle prefixes and the JSON-LD context are both this table,
// so the two serializations name every term alike.

export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  prov: 'http://www.w3.org/ns/prov#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  obo: 'http://purl.obolibrary.org/obo/',
} as const;

type Prefix = keyof typeof PREFIXES;

function namespace<const Names extends readonly string[]>(prefix: Prefix, names: Names): Record<Names[number], NamedNode> {
  return Object.fromEntries(names.map((name) => [name, DataFactory.namedNode(PREFIXES[prefix] + name)])) as Record<Names[number], NamedNode>;
}

export const dcat = namespace('dcat', [
  'Catalog', 'Dataset', 'DatasetSeries', 'Distribution', 'DataService', 'Role',
  'dataset', 'distribution', 'keyword', 'theme', 'landingPage', 'mediaType', 'byteSize', 'accessURL', 'accessService',
  'startDate', 'endDate', 'bbox', 'version', 'inSeries', 'temporalResolution', 'isVersionOf', 'previousVersion',
  'hadRole', 'endpointDescription',
] as const);

export const dct = namespace('dct', [
  'identifier', 'title', 'description', 'publisher', 'issued', 'modified', 'temporal', 'spatial', 'conformsTo',
  'provenance', 'license', 'accessRights', 'rights', 'available', 'language', 'creator', 'accrualPeriodicity',
  'format', 'type', 'subject', 'audience', 'extent', 'date',
  'PeriodOfTime', 'Location', 'Standard', 'ProvenanceStatement', 'LicenseDocument', 'RightsStatement',
  'MediaTypeOrExtent', 'Frequency',
] as const);

export const foaf = namespace('foaf', ['Agent', 'Person', 'Organization', 'name', 'homepage', 'based_near', 'page'] as const);
export const adms = namespace('adms', ['Identifier', 'identifier', 'versionNotes', 'schemaAgency'] as const);
export const spdx = namespace('spdx', ['Checksum', 'checksum', 'algorithm', 'checksumValue'] as const);
export const xsd = namespace('xsd', ['date', 'dateTime', 'nonNegativeInteger', 'decimal', 'hexBinary', 'duration', 'anyURI'] as const);
export const prov = namespace('prov', ['Attribution', 'qualifiedAttribution', 'agent'] as const);
export const skos = namespace('skos', ['Concept', 'prefLabel', 'notation'] as const);
export const rdf = namespace('rdf', ['type', 'value'] as const);
export const rdfs = namespace('rdfs', ['label'] as const);
export const gsp = namespace('gsp', ['wktLiteral'] as const);
export const hydra = namespace('hydra', ['PartialCollectionView', 'view', 'totalItems', 'first', 'last', 'next', 'previous'] as const);

/** SPDX 2.3 checksum algorithms, as the contract names them (schema/partner.graphql, Checksum.algorithm). */
export function checksumAlgorithm(algorithm: string): NamedNode | undefined {
  const name = algorithm.toLowerCase();
  return ['md5', 'sha1', 'sha256', 'sha384', 'sha512'].includes(name) ? DataFactory.namedNode(`${PREFIXES.spdx}checksumAlgorithm_${name}`) : undefined;
}

/** The EU Publications Office's authority tables (http://publications.europa.eu/resource/authority/). */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

/** IANA's media type registry, as DCAT-AP names media types. */
export const IANA_MEDIA_TYPES = 'http://www.iana.org/assignments/media-types/';

/** The SPDX licence list: https://spdx.org/licenses/<id>. */
export const SPDX_LICENCES = 'https://spdx.org/licenses/';
