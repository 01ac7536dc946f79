// The two fixed operations the DCAT export runs through the gateway itself, as an anonymous caller
// (create-catalog-export.ts). They select only public metadata: public-selection.ts checks at start-up,
// and again before each export, that the supergraph guards none of the fields they name, so a field
// that a partner or a new contract version guards stops the export instead of leaking or going missing.
// Never selected: contactPoint, dataDictionary, qualityReport, sampleRecords, retention (guarded
// dataset fields), accessUrl, downloadUrl and the access service's endpointUrl (guarded distribution
// fields) and a licence's royalty.

/** One slice of the index's listing (ordered by id) with every public field the export maps. */
export const CATALOG_PAGE_OPERATION = `
query CatalogExportPage($first: Int!, $after: String) {
  datasets(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        language
        title
        description
        keywords
        translations { ...ExportedTranslation }
        themes
        publisher { id name homepage country }
        creators { ...ExportedAgent }
        qualifiedAttributions { agent { ...ExportedAgent } role }
        landingPage
        identifiers { value scheme }
        version
        versionNotes
        isVersionOf
        previousVersion
        inSeries {
          id
          language
          title
          description
          translations { ...ExportedTranslation }
          issued
          modified
        }
        issued
        modified
        accrualPeriodicity
        temporalResolution
        temporalCoverage { start end }
        spatialCoverage { name countries boundingBox }
        conformsTo
        provenance
        dataClass
        embargoUntil
        licence { ...ExportedLicence }
        useConditions { code termId label diseaseId regions allowed months until }
        distributions {
          id
          title
          mediaType
          format
          byteSize
          checksums { algorithm value }
          licence { ...ExportedLicence }
          rights
          accessService { title endpointDescription conformsTo }
        }
      }
    }
  }
}

fragment ExportedLicence on Licence { id name url }
fragment ExportedAgent on Agent { name kind identifier homepage }
fragment ExportedTranslation on DatasetTranslation { language title description keywords }
`;

/** Moves through the listing without reading any dataset: the cursor after `first` more datasets. */
export const CATALOG_POSITION_OPERATION = `
query CatalogExportPosition($first: Int!, $after: String) {
  datasets(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
  }
}
`;

export interface ExportedLicence {
  id: string;
  name: string;
  url: string | null;
}

export interface ExportedPartner {
  id: string;
  name: string;
  homepage: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ExportedUseCondition {
  code: string;
  termId: string;
  label: string;
  diseaseId: string | null;
  regions: string[] | null;
  allowed: string[] | null;
  months: number | null;
  until: string | null;
}

export interface ExportedTranslation {
  language: string;
  title: string | null;
  description: string | null;
  keywords: string[];
}

export interface ExportedAgent {
  name: string;
  kind: 'PERSON' | 'ORGANIZATION' | null;
  /** An IRI such as an ORCID or a ROR id. */
  identifier: string | null;
  homepage: string | null;
}

export interface ExportedSeries {
  id: string;
  language: string;
  title: string;
  description: string | null;
  translations: ExportedTranslation[];
  issued: string | null;
  modified: string | null;
}

export interface ExportedDistribution {
  id: string;
  title: string | null;
  mediaType: string | null;
  format: string | null;
  byteSize: number | null;
  checksums: { algorithm: string; value: string }[];
  licence: ExportedLicence;
  rights: string | null;
  accessService: { title: string; endpointDescription: string | null; conformsTo: string[] } | null;
}

export interface ExportedDataset {
  id: string;
  /** BCP 47: the language of title, description and keywords. */
  language: string;
  title: string;
  description: string;
  keywords: string[];
  translations: ExportedTranslation[];
  themes: string[];
  publisher: ExportedPartner;
  creators: ExportedAgent[];
  qualifiedAttributions: { agent: ExportedAgent; role: string }[];
  landingPage: string | null;
  identifiers: { value: string; scheme: string | null }[];
  version: string | null;
  versionNotes: string | null;
  /** A dataset id of the same partner, or an IRI. */
  isVersionOf: string | null;
  previousVersion: string | null;
  inSeries: ExportedSeries[];
  issued: string;
  modified: string;
  /** An EU frequency IRI, or an ISO 8601 duration or repeating interval. */
  accrualPeriodicity: string | null;
  /** An xsd:duration. */
  temporalResolution: string | null;
  temporalCoverage: { start: string | null; end: string | null } | null;
  spatialCoverage: { name: string; countries: string[]; boundingBox: number[] | null } | null;
  conformsTo: string[];
  provenance: string | null;
  dataClass: string;
  embargoUntil: string | null;
  licence: ExportedLicence;
  useConditions: ExportedUseCondition[];
  distributions: ExportedDistribution[];
}

export interface ListingPosition {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface CatalogPageAnswer {
  datasets: ListingPosition & { edges: { node: ExportedDataset | null }[] };
}

export interface CatalogPositionAnswer {
  datasets: ListingPosition;
}
