import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { recordTexts } from '../../../../../../subgraphs/partner-kit/import/mapping/texts.js';

const context = { catalogLanguage: 'en', untaggedLanguage: 'en', descriptionRequired: true };

describe('a record\'s texts and their translations', () => {
  it('keeps the catalog\'s language as the record\'s when it has a title and description in it', () => {
    const texts = recordTexts({
      titles: [{ value: 'Adressen', language: 'nl' }, { value: 'Addresses', language: 'en' }],
      descriptions: [{ value: 'Alle adressen', language: 'nl' }, { value: 'All addresses', language: 'EN' }],
      keywords: [{ value: 'postcode', language: 'nl' }, { value: 'postal code', language: 'en' }],
    }, context, new Findings());
    expect(texts).toEqual({
      language: 'en', title: 'Addresses', description: 'All addresses', keywords: ['postal code'],
      translations: [{ language: 'nl', title: 'Adressen', description: 'Alle adressen', keywords: ['postcode'] }],
    });
  });

  it('takes the first complete language when the catalog\'s has none, and untagged texts in the given language', () => {
    const texts = recordTexts({
      titles: [{ value: 'Matvaruaffärer', language: 'sv' }], descriptions: [{ value: 'Vilka matvaruaffärer', language: 'sv' }], keywords: [{ value: 'mat' }],
    }, { ...context, untaggedLanguage: 'sv' }, new Findings());
    expect(texts).toMatchObject({ language: 'sv', title: 'Matvaruaffärer', keywords: ['mat'], translations: [] });
  });

  it.each([
    ['no title', { titles: [], descriptions: [{ value: 'd' }] }, [['title', 'the source gives no title']]],
    ['no description', { titles: [{ value: 't' }], descriptions: [] }, [['description', 'the source gives no description']]],
    ['title and description in different languages', { titles: [{ value: 't', language: 'nl' }], descriptions: [{ value: 'd', language: 'fr' }] },
      [['description', 'no language has both a title and a description (titles in nl; descriptions in fr)']]],
  ])('refuses a record with %s', (_name, source, refusals) => {
    const findings = new Findings();
    expect(recordTexts({ keywords: [], ...source }, context, findings)).toBeUndefined();
    expect(findings.refusals.map((r) => [r.field, r.message])).toEqual(refusals);
  });

  it('warns of a language tag it does not know and of several titles in one language', () => {
    const findings = new Findings();
    recordTexts({ titles: [{ value: 'a', language: 'english' }, { value: 'b' }], descriptions: [{ value: 'd' }], keywords: [] }, context, findings);
    expect(findings.warnings.map((w) => w.field)).toEqual(['language', 'title']);
  });
});
