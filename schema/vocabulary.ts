// The contract's shared vocabulary: each value list is declared here once, and the TypeScript types,
// zod schemas and validators of the gateway, the partner kit, the index and the token reader derive
// from it (ARCHITECTURE.md, "Dependency direction": schema is what every side imports).

/** How widely a dataset's content may be shared (schema/partner.graphql, enum DataClass). */
export const DATA_CLASSES = ['PUBLIC', 'PARTNER_SHARED', 'ANONYMIZED', 'PROPRIETARY'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export function isDataClass(value: unknown): value is DataClass {
  return (DATA_CLASSES as readonly unknown[]).includes(value);
}

/**
 * The research purpose a person declares (token claim `purpose.category`). Categories map onto the
 * DUO permission terms: general (GRU), health (HMB), disease (DS, with a disease id), ancestry (POA),
 * methods (methods development, forbidden by NMDS), clinical-care (CC).
 */
export const PURPOSE_CATEGORIES = ['general', 'health', 'disease', 'ancestry', 'methods', 'clinical-care'] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

/** The kind of organisation a person acts for (token claim `affiliation`; DUO NPU, NCU, NPUNCU). */
export const AFFILIATIONS = ['academic', 'nonprofit', 'commercial'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

/**
 * A partner id: lower-case words joined by single hyphens ("northbridge-hospital"). It is also the
 * partner's subgraph name and the prefix of its dataset ids.
 */
export const PARTNER_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function isPartnerId(value: string): boolean {
  return PARTNER_ID_PATTERN.test(value);
}

/** The contract's `Date` scalar: an ISO 8601 calendar date, YYYY-MM-DD. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 00:00 UTC of an ISO calendar date, in epoch milliseconds; NaN for anything else, including dates
 * that do not exist (2025-02-30), which Date.parse would roll over into the next month.
 */
export function startOfUtcDay(isoDate: string): number {
  if (!ISO_DATE_PATTERN.test(isoDate)) return NaN;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate ? NaN : ms;
}

/** A real calendar date in the contract's `Date` form (2024-02-29 yes, 2025-02-29 no). */
export function isCalendarDate(text: string): boolean {
  return !Number.isNaN(startOfUtcDay(text));
}

/**
 * A language tag (BCP 47, RFC 5646 section 2.1 "langtag", plus a private-use tag on its own):
 * language with up to three extended subtags, then optional script, region, variants, extensions
 * and private use, e.g. "en", "nl-BE", "zh-Hant-TW", "sr-Latn", "de-CH-1996". Case is not
 * significant (RFC 5646 section 2.1.1); compare tags with `sameLanguageTag`.
 */
export const LANGUAGE_TAG_PATTERN = new RegExp(
  '^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})' + // language, extlang
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|\\d[a-z0-9]{3}))*' + // variants
    '(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '|x(?:-[a-z0-9]{1,8})+)$',
  'i',
);

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG_PATTERN.test(value);
}

/** Language tags are case-insensitive: "en-GB" and "en-gb" name the same language. */
export function sameLanguageTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The language of a catalog's text fields when neither the catalog nor the dataset says. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * Checksum algorithms a distribution may carry, each with the length of its value in hex digits
 * (SPDX 2.3, section 7.10, the algorithms DCAT 3's spdx:checksum points to that are in use).
 */
export const CHECKSUM_HEX_LENGTHS = { md5: 32, sha1: 40, sha256: 64, sha384: 96, sha512: 128 } as const;
export type ChecksumAlgorithm = keyof typeof CHECKSUM_HEX_LENGTHS;
export const CHECKSUM_ALGORITHMS = Object.keys(CHECKSUM_HEX_LENGTHS) as [ChecksumAlgorithm, ...ChecksumAlgorithm[]];

/** Whether a creator or attributed agent is a person or an organisation (foaf:Person, foaf:Organization). */
export const AGENT_KINDS = ['PERSON', 'ORGANIZATION'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
