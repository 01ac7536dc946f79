import { z } from 'zod';
import { isCalendarDate, isLanguageTag, ISO_DATE_PATTERN } from '../../schema/vocabulary.js';

// The value formats a catalog file's fields are written in. Each message says what was expected,
// so a partner reading the loader's report knows how to fix the value.

export const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected an ISO 8601 date (YYYY-MM-DD)')
  .refine(isCalendarDate, 'expected a real calendar date');
export const isoDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset' });
// http(s) only: a javascript: or data: URL in a catalog would reach every client that renders it.
export const url = z.url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' });
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NL');
export const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const languageTag = z.string().refine(isLanguageTag, {
  error: (issue) => `expected a BCP 47 language tag such as "en" or "nl-BE", not "${String(issue.input)}"`,
});

/**
 * An IRI that names something outside the catalog (an ORCID, a ROR id, another catalog's dataset):
 * http(s), or a URN (RFC 8141). No other scheme, for the same reason as `url`.
 */
export const IRI_PATTERN = /^(?:https?:\/\/[^\s/?#]+[^\s]*|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+)$/i;
export const iri = z.string().regex(IRI_PATTERN, 'expected an http(s) IRI or a URN, e.g. https://orcid.org/0000-0002-1825-0097');

/** A DOI as registered (ISO 26324): "10." prefix, a registrant code, "/", a suffix; no resolver URL. */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

/** xsd:duration (XML Schema 1.1 part 2, 3.3.6), e.g. P1D, PT1H, P1Y6M. */
export const XSD_DURATION_PATTERN = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
export const duration = z.string().regex(XSD_DURATION_PATTERN, 'expected an xsd:duration such as P1D or PT1H');

// ISO 8601 also allows weeks (P2W) and repeating intervals (R/P1M, R12/2024-01-01/P1M).
const ISO_DURATION = /^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const REPEATING_INTERVAL = /^R\d*\/\S+$/;
/** The EU Publications Office frequency authority table, which DCAT-AP 3 uses for dct:accrualPeriodicity. */
export const EU_FREQUENCY_PATTERN = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z0-9_]+$/;

export const accrualPeriodicity = z.string().refine(
  (text) => EU_FREQUENCY_PATTERN.test(text) || ISO_DURATION.test(text) || REPEATING_INTERVAL.test(text),
  'expected an EU frequency IRI (http://publications.europa.eu/resource/authority/frequency/MONTHLY) or an ISO 8601 duration or repeating interval (P1M, R/P1M)',
);

// A media type as IANA registers it (RFC 6838 section 4.2): type "/" subtype.
export const mediaType = z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as text/csv');
