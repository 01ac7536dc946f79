import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DATA_CLASSES } from '../../../schema/vocabulary.js';
import { LicenceRecord, PartnerRecord, UseConditionRecord } from '../catalog-file.js';
import { isoDate, isoDateTime, languageTag, nonEmpty } from '../catalog-values.js';
import { lineAndColumn, firstSyntaxError } from './json-text.js';
import { knownLicence } from './spdx-licence-table.js';

// The partner's defaults file: what the contract needs that a source catalog does not say, stated
// once by the partner rather than guessed by the importer. Each value is used only where the
// source lacks it, and each use is reported with the dataset. See example-defaults.json.

const PERMISSION_CODES = new Set(['NRES', 'GRU', 'HMB', 'DS', 'POA', 'CC']);

/** Terms for a licence the importer cannot map to an SPDX licence it knows, keyed by what the source wrote. */
const LicenceTerms = z.union([
  z.strictObject({ spdxId: z.string().refine((id) => knownLicence(id) !== undefined, {
    error: (issue) => `"${String(issue.input)}" is not an SPDX licence whose terms the importer knows (spdx-licence-table.ts); give its terms instead`,
  }) }),
  LicenceRecord.omit({ id: true, name: true }).extend({ name: nonEmpty.optional(), id: z.string().regex(/^LicenseRef-[A-Za-z0-9.-]+$/, 'expected a LicenseRef- id').optional() }),
]);

export const DefaultsFile = z.strictObject({
  $comment: z.string().optional(),
  /** The catalog's partner record (the id comes from --partner). */
  partner: PartnerRecord.omit({ id: true }).optional(),
  /** The language of texts the source gives without one, and of the catalog. */
  language: languageTag.optional(),
  dataClass: z.strictObject({
    /** For datasets whose source says nothing about who may access them. */
    whenUnstated: z.enum(DATA_CLASSES).optional(),
    /** For datasets whose source says access is restricted (or states restricting DUO terms). */
    whenRestricted: z.enum(DATA_CLASSES).exclude(['PUBLIC']).optional(),
  }).optional(),
  /** DUO terms for datasets that are not public and whose source states no permission term. */
  useConditions: z.array(UseConditionRecord).superRefine((conditions, ctx) => {
    const permissions = conditions.filter((c) => PERMISSION_CODES.has(c.code)).length;
    if (permissions !== 1) ctx.addIssue({ code: 'custom', message: `must hold exactly one DUO permission term (${[...PERMISSION_CODES].join(', ')}), found ${permissions}` });
  }).optional(),
  /** The licence of datasets whose source names none. */
  licence: LicenceRecord.optional(),
  licenceTerms: z.record(z.string().min(1), LicenceTerms).optional(),
  contactPoint: z.strictObject({ name: nonEmpty, email: z.email() }).optional(),
  /** For datasets whose source gives no date: the contract needs both. */
  dates: z.strictObject({ issued: isoDate.optional(), modified: isoDateTime.optional() }).optional(),
});

export type PartnerDefaults = z.infer<typeof DefaultsFile>;
export type LicenceTermsEntry = z.infer<typeof LicenceTerms>;

/** A defaults file that cannot be used: the message names the file and each wrong field. */
export class DefaultsFileError extends Error {
  override name = 'DefaultsFileError';
}

export function loadDefaultsFile(path: string): PartnerDefaults {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DefaultsFileError(`defaults file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseDefaultsFile(text, path);
}

export function parseDefaultsFile(text: string, path: string): PartnerDefaults {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const { line, column } = lineAndColumn(text, firstSyntaxError(text));
    throw new DefaultsFileError(`defaults file ${path} is not valid JSON at line ${line}, column ${column}`);
  }
  const parsed = DefaultsFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.map((p, i) => pathSegment(p, i)).join('');
    return field ? `  - field "${field}": ${issue.message}` : `  - ${issue.message}`;
  });
  throw new DefaultsFileError(`defaults file ${path} is invalid:\n${problems.join('\n')}`);
}

// licenceTerms is keyed by URLs and names: those keys are written as ["..."] so the path stays readable.
function pathSegment(segment: PropertyKey, index: number): string {
  if (typeof segment === 'number') return `[${segment}]`;
  const name = String(segment);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
  return index === 0 ? name : `.${name}`;
}
