import { describe, expect, it } from 'vitest';
import { languageTag } from '../../../../../../subgraphs/partner-kit/import/mapping/languages.js';

describe('a language as a source names it, to BCP 47', () => {
  it.each([
    ['http://publications.europa.eu/resource/authority/language/ENG', 'en'],
    ['http://publications.europa.eu/resource/authority/language/SWE', 'sv'],
    ['http://publications.europa.eu/resource/authority/language/DEU', 'de'],
    ['http://publications.europa.eu/resource/authority/language/MUL', 'mul'],
    ['http://id.loc.gov/vocabulary/iso639-1/en', 'en'],
    ['http://id.loc.gov/vocabulary/iso639-2/fre', 'fr'],
    ['http://lexvo.org/id/iso639-3/nld', 'nl'],
    ['SPA', 'es'],
    ['ger', 'de'],
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['nl_BE', 'nl-BE'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['gsw', 'gsw'],
  ])('%s is %s', (value, tag) => {
    expect(languageTag(value)).toBe(tag);
  });

  it.each(['English', 'OP_DATPRO', 'http://example.org/language/en', 'x-private', '', 'e'])('%j is not one', (value) => {
    expect(languageTag(value)).toBeUndefined();
  });
});
