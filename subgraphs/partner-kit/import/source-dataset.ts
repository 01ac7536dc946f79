// What a source catalog says about its datasets, before anything is mapped to Concord's contract.
//
// Every reader (DCAT in JSON-LD or Turtle, CKAN, data.json, schema.org and Croissant, Beacon and EGA)
// produces these records and nothing else; the mapping to `catalog-file.ts` is one step shared by all
// formats. Values are kept as the source wrote them (IRIs, codes, date strings): deciding what they mean
// for the contract, and warning when they mean nothing, belongs to the mapping, which names the source
// field in its report.

/** A text with the language the source gave it (BCP 47), if any. */
export interface LocalizedText {
  value: string;
  language?: string;
}

/** A person or organisation: foaf:Agent, vcard:Kind, schema:Person or schema:Organization. */
export interface SourceAgent {
  names: LocalizedText[];
  kind?: 'person' | 'organization';
  /** An IRI that identifies the agent: ORCID, ROR, or the source's own IRI. */
  identifier?: string;
  email?: string;
  homepage?: string;
}

/** A licence as the source wrote it: an IRI, an id (CKAN, SPDX, lower-case), a name, or several of those. */
export interface SourceLicence {
  uri?: string;
  id?: string;
  name?: string;
  /** IRIs the source says are the same licence (skos:exactMatch, owl:sameAs). */
  sameAs?: string[];
}

export interface SourceChecksum {
  /** As written: an SPDX algorithm IRI (spdx:checksumAlgorithm_sha256) or a name such as "sha256" or "MD5". */
  algorithm: string;
  value: string;
}

/** dcat:DataService: the service a distribution is served by. */
export interface SourceDataService {
  titles: LocalizedText[];
  endpointUrls: string[];
  endpointDescriptions: string[];
  conformsTo: string[];
}

/** Date strings as written: an xsd:date, xsd:dateTime (any offset or none), xsd:gYear, or free text. */
export interface SourcePeriod {
  start?: string;
  end?: string;
}

export interface SourceSpatial {
  /** A place IRI (GeoNames, EU country authority) or a code as written ("ARG"). */
  iri?: string;
  names: LocalizedText[];
  /** West, south, east, north, when the source gives a box or a polygon in degrees (WGS 84 or CRS84). */
  boundingBox?: [number, number, number, number];
  /** The geometry as written, when it could not be read as degrees. */
  geometry?: string;
}

/** A data-use condition: a DUO term as the source names it, with what modifies it. */
export interface SourceUseCondition {
  /** A DUO id ("DUO:0000007", "http://purl.obolibrary.org/obo/DUO_0000007") or shorthand ("DS"). */
  term: string;
  label?: string;
  /** Ontology ids that qualify the term, e.g. the disease of DS ("EFO:0001645", "MONDO:0005148"). */
  modifiers: string[];
  /** The DUO version the source cites, if any. */
  version?: string;
}

export interface SourceDistribution {
  /** The distribution's IRI or id in the source, if it has one. */
  sourceId?: string;
  titles: LocalizedText[];
  descriptions: LocalizedText[];
  accessUrls: string[];
  downloadUrls: string[];
  /** IANA media type, as a type string or an IANA IRI. */
  mediaType?: string;
  /** dct:format: an EU file-type IRI, a label such as "CSV", or a schema:encodingFormat that is not a media type. */
  format?: string;
  compressFormat?: string;
  packageFormat?: string;
  /** As written: a number, "117743", "117743 B", "1.2 MB". */
  byteSize?: number | string;
  checksums: SourceChecksum[];
  licences: SourceLicence[];
  rights: LocalizedText[];
  conformsTo: string[];
  accessServices: SourceDataService[];
  issued?: string;
  modified?: string;
}

export interface SourceDataset {
  /** The dataset's IRI or id in the source; the report names datasets by it. */
  sourceId: string;
  /** True for a dcat:DatasetSeries (a series is imported as a series, not as a dataset). */
  isSeries: boolean;
  /** Other identifiers (adms:identifier, dct:identifier, schema:identifier, DOIs), as written. */
  identifiers: Array<{ value: string; scheme?: string }>;
  titles: LocalizedText[];
  descriptions: LocalizedText[];
  keywords: LocalizedText[];
  /** Theme IRIs or labels, as written. */
  themes: string[];
  /** dct:language of the dataset: IRIs of the EU language authority or codes, as written. */
  languages: string[];
  landingPages: string[];
  publisher?: SourceAgent;
  contactPoints: SourceAgent[];
  creators: SourceAgent[];
  /** prov:qualifiedAttribution: an agent and its role (an IRI or a code, as written). */
  qualifiedAttributions: Array<{ agent: SourceAgent; role?: string }>;
  version?: string;
  versionNotes: LocalizedText[];
  issued?: string;
  modified?: string;
  /** dct:available: the date the data becomes available, which an embargo ends on (DCMI Metadata Terms). */
  available?: string;
  temporal: SourcePeriod[];
  spatial: SourceSpatial[];
  /** An EU frequency IRI, an ISO 8601 repeating interval ("R/P1Y") or a word, as written. */
  accrualPeriodicity?: string;
  /** An xsd:duration ("P1D"), as written. */
  temporalResolution?: string;
  conformsTo: string[];
  provenance: LocalizedText[];
  /**
   * What the source says about who may access the data: a dct:accessRights IRI (EU access-right authority:
   * PUBLIC, RESTRICTED, NON_PUBLIC), a data.json accessLevel ("public", "restricted public", "non-public"),
   * or schema:isAccessibleForFree as "true"/"false". Absent when the source says nothing. Sources with a
   * flag rather than a vocabulary say it in data.json's words: a CKAN package's `private` flag, and EGA's
   * controlled access (every EGA dataset is released by a data access committee), as "public" or "non-public".
   */
  accessRights?: string;
  /**
   * The contract's data class, when the source states it as a rights statement whose skos:notation is
   * the class's name (Concord's own DCAT-AP 3 export): it tells PARTNER_SHARED from ANONYMIZED, which
   * the access-right authority's RESTRICTED does not.
   */
  dataClass?: string;
  /**
   * Ids of the data-use policies this dataset is under, when the source keeps its DUO terms on a separate
   * policy object (EGA): the policy's terms apply where the dataset states none of its own.
   */
  policyRefs?: string[];
  licences: SourceLicence[];
  rights: LocalizedText[];
  useConditions: SourceUseCondition[];
  distributions: SourceDistribution[];
  /** IRIs or ids of the series this dataset belongs to (dcat:inSeries). */
  inSeries: string[];
  isVersionOf?: string;
  previousVersion?: string;
  hasVersion: string[];
}

/** What a catalog says once for all its datasets (DCAT-AP-SE puts the licence only here, for example). */
export interface SourceCatalog {
  titles: LocalizedText[];
  publisher?: SourceAgent;
  licences: SourceLicence[];
  languages: string[];
  homepage?: string;
}

/** A problem a reader met in the file itself, before any mapping: where it is and what is wrong. */
export interface SourceProblem {
  /** A JSON path, an IRI or a line:column, whichever locates the problem in the file. */
  where: string;
  message: string;
}

/**
 * A data-use policy kept apart from the datasets it governs (an EGA policy object): its DUO terms, and the
 * datasets it names. A dataset is under it when either side names the other.
 */
export interface SourcePolicy {
  /** The policy's accession or alias, as the source wrote it. */
  sourceId: string;
  useConditions: SourceUseCondition[];
  /** Ids of the datasets the policy names (accessions or aliases). */
  datasets: string[];
}

/** The output of one reader for one file. */
export interface SourceReading {
  format: 'dcat' | 'ckan' | 'datajson' | 'schemaorg' | 'beacon';
  catalog?: SourceCatalog;
  datasets: SourceDataset[];
  problems: SourceProblem[];
  /** Data-use policies the file holds apart from its datasets (EGA policy objects). */
  policies?: SourcePolicy[];
}
