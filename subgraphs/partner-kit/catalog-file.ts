import { z } from 'zod';
import { DUO_TERMS } from '../../schema/duo-terms.js';
import { DATA_CLASSES, isCalendarDate, ISO_DATE_PATTERN, PARTNER_ID_PATTERN } from '../../schema/vocabulary.js';

// The on-disk shape of a partner catalog (one JSON file per partner). It mirrors the contract in
// schema/partner.graphql; the loader adds the checks zod cannot express (ids unique and prefixed).

const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected an ISO 8601 date (YYYY-MM-DD)')
  .refine(isCalendarDate, 'expected a real calendar date');
const isoDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset' });
// http(s) only: a javascript: or data: URL in a catalog would reach every client that renders it.
const url = z.url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' });
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NL');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

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

const HEX_LENGTH = { md5: 32, sha256: 64, sha512: 128 } as const;

export const DistributionRecord = z.strictObject({
  id: nonEmpty,
  title: z.string().optional(),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as text/csv'),
  byteSize: z.number().int().nonnegative().optional(),
  checksum: z.strictObject({ algorithm: z.enum(['sha256', 'sha512', 'md5']), value: z.string().regex(/^[0-9a-f]+$/, 'expected lower-case hex') })
    .refine((c) => c.value.length === HEX_LENGTH[c.algorithm], { path: ['value'], error: 'length does not match the algorithm' })
    .optional(),
  licence: LicenceRecord.optional(),
  accessUrl: url.optional(),
  downloadUrl: url.optional(),
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
  datasets: z.array(DatasetRecord),
});

export type PartnerRecord = z.infer<typeof PartnerRecord>;
export type LicenceRecord = z.infer<typeof LicenceRecord>;
export type DatasetRecord = z.infer<typeof DatasetRecord>;
export type DistributionRecord = z.infer<typeof DistributionRecord>;
export type CatalogFile = z.infer<typeof CatalogFile>;
