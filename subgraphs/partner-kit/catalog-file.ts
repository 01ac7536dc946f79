import { z } from 'zod';
import { DUO_TERMS } from '../../schema/duo-terms.js';
import { AGENT_KINDS, CHECKSUM_ALGORITHMS, CHECKSUM_HEX_LENGTHS, DATA_CLASSES, PARTNER_ID_PATTERN } from '../../schema/vocabulary.js';
import { catalogReferenceProblems } from './catalog-references.js';
import {
  accrualPeriodicity, countryCode, DOI_PATTERN, duration, iri, isoDate, isoDateTime, languageTag, mediaType, nonEmpty, url,
} from './catalog-values.js';

// The on-disk shape of a partner catalog (one JSON file per partner). It mirrors the contract in
// schema/partner.graphql; references between records (series, versions, translations' languages)
// are checked in catalog-references.ts, and the loader adds what depends on the partner (ids
// unique and prefixed). Every field added after the first version is optional, so older catalogs
// stay valid.

export const PartnerRecord = z.strictObject({
  id: z.string().regex(PARTNER_ID_PATTERN, 'expected a lower-case id such as "northbridge-hospital"'),
  name: nonEmpty,
  kind: z.enum(['UNIVERSITY_HOSPITAL', 'COMPANY', 'PUBLIC_INSTITUTE', 'UNIVERSITY', 'NONPROFIT']),
  country: countryCode,
  homepage: url.optional(),
});

const RoyaltyTerms = z.strictObject({
  ratePercent: z.number().min(0).max(100),
  basis: nonEmpty,
  minimumAnnualFee: z.number().nonnegative().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'),
});

// SPDX licence ids, or LicenseRef- ids for a partner's own terms (SPDX spec, Annex D).
export const LicenceRecord = z.strictObject({
  id: z.string().regex(/^(LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9.+-]+)$/, 'expected an SPDX id or a LicenseRef- id'),
  name: nonEmpty,
  url: url.optional(),
  commercialUse: z.boolean(),
  attributionRequired: z.boolean(),
  fieldsOfUse: z.array(nonEmpty).default([]),
  maxDurationMonths: z.number().int().positive().optional(),
  royalty: RoyaltyTerms.optional(),
});

const duoCodes = new Set(DUO_TERMS.map((t) => t.shorthand));

export const UseConditionRecord = z.strictObject({
  code: z.string().refine((c) => duoCodes.has(c), {
    error: (issue) => `unknown DUO code "${String(issue.input)}"; expected one of ${[...duoCodes].join(', ')}`,
  }),
  diseaseId: z.string().optional(),
  regions: z.array(countryCode).optional(),
  allowed: z.array(nonEmpty).optional(),
  months: z.number().int().positive().optional(),
  until: isoDate.optional(),
}).superRefine((c, ctx) => {
  // DUO:0000007 (DS) names its disease; DUO:0000022 (GS) its region; DUO:0000025 (TS) its length.
  if (c.code === 'DS' && !c.diseaseId) ctx.addIssue({ code: 'custom', path: ['diseaseId'], message: 'DS needs a diseaseId' });
  if (c.code === 'GS' && !c.regions?.length) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'GS needs regions' });
  if (c.code === 'TS' && !c.months) ctx.addIssue({ code: 'custom', path: ['months'], message: 'TS needs months' });
  if (c.code === 'MOR' && !c.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'MOR needs an until date' });
  if (['IS', 'US', 'PS'].includes(c.code) && !c.allowed?.length) {
    ctx.addIssue({ code: 'custom', path: ['allowed'], message: `${c.code} needs the allowed institutions, users or projects` });
  }
});

export const ChecksumRecord = z.strictObject({
  algorithm: z.enum(CHECKSUM_ALGORITHMS),
  value: z.string().regex(/^[0-9a-f]+$/, 'expected lower-case hex'),
}).superRefine((c, ctx) => {
  const expected = CHECKSUM_HEX_LENGTHS[c.algorithm];
  if (c.value.length !== expected) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${c.algorithm} checksum has ${expected} hex digits, found ${c.value.length}` });
  }
});

/** dcat:DataService: the API a distribution is served by. Its endpoint is guarded like accessUrl. */
export const DataServiceRecord = z.strictObject({
  title: nonEmpty,
  endpointUrl: url.optional(),
  endpointDescription: url.optional(),
  conformsTo: z.array(nonEmpty).optional(),
});

export const DistributionRecord = z.strictObject({
  id: nonEmpty,
  title: z.string().optional(),
  mediaType: mediaType.optional(),
  /** dct:format: a file type such as an EU file-type IRI or "CSV", for what has no media type. */
  format: nonEmpty.optional(),
  byteSize: z.number().int().nonnegative().optional(),
  /** The first version's single checksum; served as the first of `checksums`. */
  checksum: ChecksumRecord.optional(),
  checksums: z.array(ChecksumRecord).optional(),
  licence: LicenceRecord.optional(),
  /** dct:rights: a statement of rights that are not a licence (e.g. copyright, access terms). */
  rights: nonEmpty.optional(),
  accessUrl: url.optional(),
  downloadUrl: url.optional(),
  accessService: DataServiceRecord.optional(),
}).superRefine((d, ctx) => {
  if (d.mediaType === undefined && d.format === undefined) {
    ctx.addIssue({ code: 'custom', path: ['mediaType'], message: 'a distribution needs a mediaType or a format (or both)' });
  }
  // One value per algorithm: two different sha256 values for one file cannot both be right. The
  // same value in `checksum` and `checksums` is served once.
  const seen = new Map<string, { value: string; field: string }>();
  const all: { checksum: ChecksumRecord; path: (string | number)[] }[] = [
    ...(d.checksum ? [{ checksum: d.checksum, path: ['checksum'] }] : []),
    ...(d.checksums ?? []).map((checksum, i) => ({ checksum, path: ['checksums', i] })),
  ];
  for (const { checksum, path } of all) {
    const first = seen.get(checksum.algorithm);
    if (first === undefined) seen.set(checksum.algorithm, { value: checksum.value, field: formatPath(path) });
    else if (first.value !== checksum.value) {
      ctx.addIssue({ code: 'custom', path, message: `differs from the ${checksum.algorithm} checksum in ${first.field}` });
    }
  }
});

const formatPath = (path: (string | number)[]): string =>
  path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('');

/** The dataset's title, description and keywords in another language (multilingual literals). */
export const TranslationRecord = z.strictObject({
  language: languageTag,
  title: nonEmpty.optional(),
  description: nonEmpty.optional(),
  keywords: z.array(nonEmpty).optional(),
}).superRefine((t, ctx) => {
  if (t.title === undefined && t.description === undefined && !t.keywords?.length) {
    ctx.addIssue({ code: 'custom', path: ['title'], message: 'a translation needs a title, a description or keywords' });
  }
});

/** A person or organisation (foaf:Agent): a creator, or the agent of a qualified attribution. */
export const AgentRecord = z.strictObject({
  name: nonEmpty,
  kind: z.enum(AGENT_KINDS).optional(),
  /** An IRI that identifies the agent, such as an ORCID or a ROR id. */
  identifier: iri.optional(),
  homepage: url.optional(),
});

/** prov:qualifiedAttribution: an agent and the role it had (dcat:hadRole), e.g. "custodian". */
export const AttributionRecord = z.strictObject({ agent: AgentRecord, role: nonEmpty });

/** adms:identifier: an identifier other than the dataset id, with its scheme (DOI, ARK, Handle, ...). */
export const IdentifierRecord = z.strictObject({
  value: nonEmpty,
  scheme: nonEmpty.optional(),
}).superRefine((id, ctx) => {
  if (id.scheme?.toUpperCase() === 'DOI' && !DOI_PATTERN.test(id.value)) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'expected a DOI such as 10.5281/zenodo.123 (without a resolver such as https://doi.org/)' });
  }
});

/** dcat:DatasetSeries: datasets published as parts of one series (dcat:inSeries). */
export const SeriesRecord = z.strictObject({
  id: nonEmpty,
  title: nonEmpty,
  description: nonEmpty.optional(),
  translations: z.array(TranslationRecord).optional(),
  issued: isoDate.optional(),
  modified: isoDateTime.optional(),
});

const PERMISSION_CODES = new Set(['NRES', 'GRU', 'HMB', 'DS', 'POA', 'CC']);

export const DatasetRecord = z.strictObject({
  id: nonEmpty,
  title: nonEmpty,
  description: nonEmpty,
  keywords: z.array(nonEmpty).default([]),
  themes: z.array(nonEmpty).default([]),
  contactPoint: z.strictObject({ name: nonEmpty, email: z.email() }).optional(),
  version: z.string().optional(),
  issued: isoDate,
  modified: isoDateTime,
  temporalCoverage: z.strictObject({ start: isoDate.optional(), end: isoDate.optional() }).optional(),
  spatialCoverage: z.strictObject({
    name: nonEmpty,
    countries: z.array(countryCode),
    boundingBox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  }).optional(),
  conformsTo: z.array(nonEmpty).default([]),
  provenance: z.string().optional(),
  dataClass: z.enum(DATA_CLASSES),
  licence: LicenceRecord,
  useConditions: z.array(UseConditionRecord).default([]),
  distributions: z.array(DistributionRecord).default([]),
  embargoUntil: isoDate.optional(),
  dataDictionary: z.array(z.strictObject({
    name: nonEmpty, type: nonEmpty, unit: z.string().optional(), description: z.string().optional(),
  })).optional(),
  qualityReport: z.strictObject({
    completeness: z.number().min(0).max(1),
    // GraphQL Int is 32-bit (spec section 3.5.1): a larger count could be loaded but never served.
    recordCount: z.number().int().nonnegative().max(2_147_483_647),
    validatedAt: isoDate.optional(),
    notes: z.string().optional(),
  }).optional(),
  sampleRecords: z.array(z.record(z.string(), z.unknown())).optional(),
  retention: z.strictObject({ retainUntil: isoDate, deletionDue: isoDate.optional(), basis: nonEmpty }).optional(),
  /** The language of title, description and keywords; the catalog's when absent. */
  language: languageTag.optional(),
  translations: z.array(TranslationRecord).optional(),
  landingPage: url.optional(),
  identifiers: z.array(IdentifierRecord).optional(),
  creators: z.array(AgentRecord).optional(),
  qualifiedAttributions: z.array(AttributionRecord).optional(),
  accrualPeriodicity: accrualPeriodicity.optional(),
  temporalResolution: duration.optional(),
  /** Ids of series in the file's `series`. */
  inSeries: z.array(nonEmpty).optional(),
  versionNotes: nonEmpty.optional(),
  /** A dataset id of this catalog, or an IRI. */
  isVersionOf: nonEmpty.optional(),
  previousVersion: nonEmpty.optional(),
}).superRefine((d, ctx) => {
  // schema/policies.ts "purpose": a dataset carries one DUO permission term and any modifiers; without one no declared
  // purpose can ever match, so only a PUBLIC dataset may go without.
  const permissions = d.useConditions.filter((c) => PERMISSION_CODES.has(c.code)).length;
  if (permissions > 1 || (permissions === 0 && d.dataClass !== 'PUBLIC')) {
    ctx.addIssue({
      code: 'custom',
      path: ['useConditions'],
      message: `must hold exactly one DUO permission term (${[...PERMISSION_CODES].join(', ')}), found ${permissions}`,
    });
  }
  // ISO 8601 dates compare correctly as text.
  if (d.issued > d.modified.slice(0, 10)) {
    ctx.addIssue({ code: 'custom', path: ['modified'], message: `is before issued (${d.issued})` });
  }
  const { start, end } = d.temporalCoverage ?? {};
  if (start && end && start > end) {
    ctx.addIssue({ code: 'custom', path: ['temporalCoverage', 'end'], message: `is before start (${start})` });
  }
  const box = d.spatialCoverage?.boundingBox;
  if (box && !(box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90 && box[1] <= box[3])) {
    ctx.addIssue({ code: 'custom', path: ['spatialCoverage', 'boundingBox'], message: 'expected west, south, east, north in WGS 84 degrees with south <= north' });
  }
  if (d.retention?.deletionDue && d.retention.deletionDue < d.retention.retainUntil) {
    ctx.addIssue({ code: 'custom', path: ['retention', 'deletionDue'], message: `is before retainUntil (${d.retention.retainUntil})` });
  }
});

export const CatalogFile = z.strictObject({
  partner: PartnerRecord,
  /** The language of the catalog's text fields where a dataset does not say (DEFAULT_LANGUAGE when absent). */
  language: languageTag.optional(),
  series: z.array(SeriesRecord).optional(),
  datasets: z.array(DatasetRecord),
}).superRefine((file, ctx) => {
  for (const { path, message } of catalogReferenceProblems(file)) ctx.addIssue({ code: 'custom', path, message });
});

export type PartnerRecord = z.infer<typeof PartnerRecord>;
export type LicenceRecord = z.infer<typeof LicenceRecord>;
export type DatasetRecord = z.infer<typeof DatasetRecord>;
export type DistributionRecord = z.infer<typeof DistributionRecord>;
export type ChecksumRecord = z.infer<typeof ChecksumRecord>;
export type DataServiceRecord = z.infer<typeof DataServiceRecord>;
export type TranslationRecord = z.infer<typeof TranslationRecord>;
export type AgentRecord = z.infer<typeof AgentRecord>;
export type AttributionRecord = z.infer<typeof AttributionRecord>;
export type IdentifierRecord = z.infer<typeof IdentifierRecord>;
export type SeriesRecord = z.infer<typeof SeriesRecord>;
/** A catalog file as written, before zod's defaults are applied: what an importer produces. */
export type CatalogFileInput = z.input<typeof CatalogFile>;
export type DatasetRecordInput = z.input<typeof DatasetRecord>;
export type CatalogFile = z.infer<typeof CatalogFile>;
