// The vocabularies the RDF readers look up, one function per namespace: DCAT('Dataset') is
// http://www.w3.org/ns/dcat#Dataset. IRIs are those of the published specifications (DCAT 3,
// DCAT-AP 3, ADMS, vCard, FOAF, PROV-O, SPDX 2, LOCN, OWL-Time, GeoSPARQL, schema.org, Croissant 1.0).

type Namespace = (local: string) => string;

function namespace(base: string): Namespace {
  return (local) => base + local;
}

export const RDF = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
export const RDFS = namespace('http://www.w3.org/2000/01/rdf-schema#');
export const XSD = namespace('http://www.w3.org/2001/XMLSchema#');
export const OWL = namespace('http://www.w3.org/2002/07/owl#');
export const DCAT = namespace('http://www.w3.org/ns/dcat#');
export const DCT = namespace('http://purl.org/dc/terms/');
export const FOAF = namespace('http://xmlns.com/foaf/0.1/');
export const VCARD = namespace('http://www.w3.org/2006/vcard/ns#');
export const ADMS = namespace('http://www.w3.org/ns/adms#');
export const SKOS = namespace('http://www.w3.org/2004/02/skos/core#');
export const PROV = namespace('http://www.w3.org/ns/prov#');
export const SPDX = namespace('http://spdx.org/rdf/terms#');
export const LOCN = namespace('http://www.w3.org/ns/locn#');
export const TIME = namespace('http://www.w3.org/2006/time#');
export const GEO = namespace('http://www.w3.org/2003/01/geo/wgs84_pos#');
/** Core Vocabularies (cv:contactPoint, cv:email), used by DCAT-AP 3 and HealthDCAT-AP for agents. */
export const CV = namespace('http://data.europa.eu/m8g/');
/** schema.org, in the http form every reader normalises to (see SCHEMA_ORG_HTTPS). */
export const SCHEMA = namespace('http://schema.org/');
export const CROISSANT = namespace('http://mlcommons.org/croissant/');

/** schema.org documents use both http://schema.org/ and https://schema.org/ for the same terms. */
export const SCHEMA_ORG_HTTPS = 'https://schema.org/';
export const SCHEMA_ORG_HTTP = SCHEMA('');
