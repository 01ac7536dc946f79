import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LicenceRecord, PartnerRecord } from '../../partner-kit/catalog-file.js';
import { DATA_CLASSES, isCalendarDate } from '../../../schema/vocabulary.js';
import { Showcase } from './showcase.js';

// A partner's generator profile: the vocabulary its demo catalog is drawn from. It is data, kept
// beside the partner's catalog (subgraphs/partners/<id>/profile.json), so a new partner joins the
// generator by adding a folder, never by editing the generator (ARCHITECTURE.md, "Where to add
// things", "A partner").

const range = z.tuple([z.number(), z.number()]).refine(([min, max]) => min <= max, 'expected [min, max] with min <= max');
const weighted = <T extends z.ZodType>(item: T) => z.array(z.tuple([item, z.number().positive()]));
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().refine(isCalendarDate, 'expected an ISO 8601 calendar date (YYYY-MM-DD)');

/**
 * Placeholders a description or provenance template may use. None of them states a value that a
 * guarded field holds (the record count is `qualityReport.recordCount`, member-only): public text
 * never repeats a guarded value (subgraphs/partner-kit/public-text-check.ts refuses such catalogs).
 */
export const TEMPLATE_PLACEHOLDERS = ['noun', 'phrase', 'subject', 'place', 'period'] as const;

const template = nonEmpty.superRefine((text, ctx) => {
  for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name!)) {
      ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; expected one of ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
    }
  }
});

const Location = z.strictObject({
  name: nonEmpty,
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')),
  boundingBox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});

/**
 * A DUO term as a profile states it. A bare `{ "code": "DS" }` means "the disease of the dataset's
 * focus" (DUO:0000007 names one disease); the generator fills it in, or uses HMB without one.
 */
const UseConditionTemplate = z.strictObject({
  code: z.string().regex(/^[A-Z]+$/, 'expected a DUO shorthand code such as HMB'),
  diseaseId: z.string().optional(),
  regions: z.array(z.string()).optional(),
  allowed: z.array(nonEmpty).optional(),
  months: z.number().int().positive().optional(),
  until: isoDate.optional(),
});

const UseConditionPolicy = z.strictObject({
  /** Exactly one is drawn; empty when the partner states no DUO permission at all. */
  permissions: weighted(UseConditionTemplate),
  modifiers: weighted(UseConditionTemplate),
  modifierCount: range,
  /** Codes that say nearly the same thing: at most one code of each group per dataset. */
  exclusive: z.array(z.array(z.string())).optional(),
});

/** How to invent a plausible value for a data dictionary column in the sample records. */
const SampleSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('integer'), min: z.number().int(), max: z.number().int() }),
  z.strictObject({ kind: z.literal('decimal'), min: z.number(), max: z.number(), digits: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('choice'), values: z.array(z.string()).min(1) }),
  z.strictObject({ kind: z.literal('code'), prefix: z.string(), digits: z.number().int().positive() }),
  /** A day within the dataset's temporal coverage. */
  z.strictObject({ kind: z.literal('date') }),
  /** A coordinate inside the dataset's spatial bounding box. */
  z.strictObject({ kind: z.enum(['latitude', 'longitude']) }),
  z.strictObject({ kind: z.literal('flag') }),
]);

const ColumnSpec = z.strictObject({
  name: nonEmpty,
  type: nonEmpty,
  unit: z.string().optional(),
  description: nonEmpty,
  sample: SampleSpec,
});

const MediaType = z.strictObject({
  type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as text/csv'),
  title: nonEmpty,
  extension: nonEmpty,
  /** Rough size of one record in this format, to give byte sizes the right order of magnitude. */
  bytesPerRecord: z.number().positive(),
});

/** What a dataset is about: a disease, a drug programme, a region. Drives title, keywords, DS, place. */
const Focus = z.strictObject({
  name: nonEmpty,
  /** Ways to say it in a title, e.g. "in asthma", "for patients with asthma". */
  phrases: z.array(nonEmpty).min(1),
  keywords: z.array(nonEmpty).min(1),
  /** MONDO id, so a DS (disease-specific) permission names the disease the dataset is about. */
  diseaseId: z.string().optional(),
  location: Location.optional(),
});

const DataClassSchema = z.enum(DATA_CLASSES);

/** One family of datasets a partner publishes (e.g. cohorts, HTS screens, snow cover). */
const DatasetKind = z.strictObject({
  name: nonEmpty,
  weight: z.number().positive(),
  qualifiers: z.array(nonEmpty).min(1),
  nouns: z.array(nonEmpty).min(1),
  /** Overrides the partner's focuses where only some make sense (no sea ice over Lapland). */
  focuses: z.array(Focus).min(1).optional(),
  locations: z.array(Location).min(1).optional(),
  /** Templates with the TEMPLATE_PLACEHOLDERS. */
  descriptions: z.array(template).min(1),
  provenance: z.array(template).min(1),
  keywords: z.array(nonEmpty).min(1),
  /** The first theme always applies; the others are drawn. */
  themes: z.array(nonEmpty).min(1),
  conformsTo: z.array(nonEmpty).min(1),
  mediaTypes: z.array(MediaType).min(1),
  /** The first column identifies a record and is always in the dictionary. */
  columns: z.array(ColumnSpec).min(3),
  recordCount: range,
  coverageYears: range,
  dataClasses: weighted(DataClassSchema).min(1).optional(),
  useConditions: UseConditionPolicy.optional(),
});

/** A fixed condition on one dataset number, so authorization tests can rely on it. */
const EdgeCase = z.strictObject({
  dataset: z.number().int().positive(),
  reason: nonEmpty,
  embargoUntil: isoDate.optional(),
  retention: z.strictObject({ retainUntil: isoDate, deletionDue: isoDate.optional(), basis: nonEmpty }).optional(),
});

export const PartnerProfile = z.strictObject({
  /** How many datasets the partner's demo catalog has. */
  catalogSize: z.number().int().positive(),
  partner: PartnerRecord,
  emailDomain: nonEmpty,
  /** Host of the partner's data service, for access and download URLs. */
  dataHost: nonEmpty,
  contacts: z.array(nonEmpty).min(1),
  kinds: z.array(DatasetKind).min(1),
  focuses: z.array(Focus).min(1),
  locations: z.array(Location).min(1),
  dataClasses: weighted(DataClassSchema).min(1),
  licences: z.array(z.strictObject({
    licence: LicenceRecord,
    weight: z.number().positive(),
    /** A partner licenses open and restricted data differently. */
    dataClasses: z.array(DataClassSchema).min(1),
  })).min(1),
  useConditions: UseConditionPolicy,
  issuedBetween: z.tuple([isoDate, isoDate]),
  versionScheme: z.enum(['semver', 'calver']),
  completeness: range,
  qualityNotes: z.array(nonEmpty).min(1),
  retention: z.strictObject({
    years: range,
    /** Share of datasets with a scheduled deletion date. */
    deletionShare: z.number().min(0).max(1),
    deletionAfterYears: range,
    bases: z.array(nonEmpty).min(1),
  }),
  edgeCases: z.array(EdgeCase),
  /** The contract's optional metadata on a few fixed datasets of the demo catalog (showcase.ts). */
  showcase: Showcase.optional(),
});

export type PartnerProfile = z.infer<typeof PartnerProfile>;
export type DatasetKind = z.infer<typeof DatasetKind>;
export type Focus = z.infer<typeof Focus>;
export type Location = z.infer<typeof Location>;
export type ColumnSpec = z.infer<typeof ColumnSpec>;
export type SampleSpec = z.infer<typeof SampleSpec>;
export type MediaType = z.infer<typeof MediaType>;
export type UseConditionTemplate = z.infer<typeof UseConditionTemplate>;
export type UseConditionPolicy = z.infer<typeof UseConditionPolicy>;
export type EdgeCase = z.infer<typeof EdgeCase>;
/** Items with relative weights: a weight of 3 is drawn three times as often as a weight of 1. */
export type Weighted<T> = readonly (readonly [item: T, weight: number])[];
export type Range = readonly [min: number, max: number];

/** A profile file that cannot be used: one line per problem, naming the file and the field. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

export function parsePartnerProfile(json: unknown, displayName: string): PartnerProfile {
  const parsed = PartnerProfile.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - field "${issue.path.join('.')}": ${issue.message}`);
  throw new ProfileError(`profile ${displayName} is invalid:\n${problems.join('\n')}`);
}

export function readPartnerProfile(file: string, displayName = file): PartnerProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(`profile ${displayName} cannot be read: ${(error as Error).message}`);
  }
  return parsePartnerProfile(json, displayName);
}
