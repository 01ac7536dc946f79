import { isLanguageTag } from '../../../../schema/vocabulary.js';

// Languages to BCP 47 tags. Sources name a language by a tag ("en", "en-US"), an ISO 639 code of
// two or three letters ("SPA"), or an IRI of a language authority: the EU Publications Office's
// language table (http://publications.europa.eu/resource/authority/language/ENG), the Library of
// Congress's ISO 639 lists (http://id.loc.gov/vocabulary/iso639-1/en) or Lexvo
// (http://lexvo.org/id/iso639-3/eng). Three-letter codes become the two-letter tag BCP 47 requires
// where ISO 639-1 has one (RFC 5646 section 2.2.1): Intl.getCanonicalLocales applies the alias
// data of Unicode CLDR, which maps ISO 639-2/B, 639-2/T and 639-3 codes to it (ENG, eng -> en;
// GER, DEU -> de).

const AUTHORITY_PREFIXES = [
  /^https?:\/\/publications\.europa\.eu\/resource\/authority\/language\//i,
  /^https?:\/\/id\.loc\.gov\/vocabulary\/iso639-[125]\//i,
  /^https?:\/\/(?:www\.)?lexvo\.org\/id\/iso639-[1235]\//i,
];

/** The BCP 47 tag for a language as a source names it; undefined when it names none the importer knows. */
export function languageTag(value: string): string | undefined {
  let code = value.trim();
  for (const prefix of AUTHORITY_PREFIXES) code = code.replace(prefix, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(code)) return undefined;
  // A POSIX locale (nl_BE) names the same as the tag nl-BE.
  if (/^[a-z]{2,3}_[a-z]{2}$/i.test(code)) code = code.replace('_', '-');
  // Only ISO 639 codes: BCP 47's longer primary subtags are reserved, and a word such as "English" is not a code.
  if (!/^[a-z]{2,3}(?:-|$)/i.test(code) || !isLanguageTag(code)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(code);
    return canonical !== undefined && isLanguageTag(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}
