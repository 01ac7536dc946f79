import { describe, expect, it } from 'vitest';
import {
  accessRightsIri, countryIri, dataThemeIri, dataThemeLabel, diseaseIri, duoTermIri, mediaTypeIri, spdxLicenceIri,
} from '../../../../gateway/catalog-export/authority-terms.js';
import { alpha3, KNOWN_COUNTRIES } from '../../../../gateway/catalog-export/country-codes.js';
import { DATA_CLASSES } from '../../../../schema/vocabulary.js';
import { DUO_TERMS } from '../../../../schema/duo-terms.js';

const EU = 'http://publications.europa.eu/resource/authority/';

describe('dataThemeIri: the EU data theme authority, by its English labels only', () => {
  it.each<[string, string | undefined]>([
    ['Health', `${EU}data-theme/HEAL`],
    ['health', `${EU}data-theme/HEAL`],
    [' Science and technology ', `${EU}data-theme/TECH`],
    ['Agriculture, fisheries, forestry and food', `${EU}data-theme/AGRI`],
    ['Regions and cities', `${EU}data-theme/REGI`],
    ['Population and society', `${EU}data-theme/SOCI`],
    ['Agriculture', undefined],
    ['Gesundheit', undefined],
    ['', undefined],
  ])('%s', (label, iri) => {
    expect(dataThemeIri(label)?.value).toBe(iri);
  });

  it('states the authority\'s own label', () => {
    expect(dataThemeLabel(' science AND technology')).toBe('Science and technology');
  });
});

describe('accessRightsIri: every data class on the EU access-right authority', () => {
  it.each<[string, string | undefined]>([
    ['PUBLIC', `${EU}access-right/PUBLIC`],
    ['PARTNER_SHARED', `${EU}access-right/RESTRICTED`],
    ['ANONYMIZED', `${EU}access-right/RESTRICTED`],
    ['PROPRIETARY', `${EU}access-right/NON_PUBLIC`],
    ['SECRET', undefined],
  ])('%s', (dataClass, iri) => {
    expect(accessRightsIri(dataClass)?.value).toBe(iri);
  });

  it('knows every data class of the contract', () => {
    for (const dataClass of DATA_CLASSES) expect(accessRightsIri(dataClass)).toBeDefined();
  });
});

describe('countryIri: ISO 3166-1 alpha-2 to the EU country authority (alpha-3)', () => {
  it.each<[string, string | undefined]>([
    ['GB', `${EU}country/GBR`],
    ['CH', `${EU}country/CHE`],
    ['fi', `${EU}country/FIN`],
    ['SJ', `${EU}country/SJM`],
    ['GR', `${EU}country/GRC`],
    ['XK', undefined],
    ['ZZ', undefined],
  ])('%s', (code, iri) => {
    expect(countryIri(code)?.value).toBe(iri);
  });

  it('has the 249 codes of ISO 3166-1, each alpha-3 once', () => {
    expect(KNOWN_COUNTRIES).toBe(249);
    const codes = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].flatMap((a) => [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((b) => alpha3(a + b))).filter(Boolean);
    expect(new Set(codes).size).toBe(249);
  });
});

describe('mediaTypeIri: IANA media types', () => {
  it.each<[string, string | undefined]>([
    ['text/csv', 'http://www.iana.org/assignments/media-types/text/csv'],
    ['application/vnd.ga4gh.htsget.v1.3.0+json', 'http://www.iana.org/assignments/media-types/application/vnd.ga4gh.htsget.v1.3.0+json'],
    ['Application/JSON', 'http://www.iana.org/assignments/media-types/application/json'],
    ['text/csv; charset=utf-8', undefined],
    ['csv', undefined],
    ['text/<script>', undefined],
  ])('%s', (mediaType, iri) => {
    expect(mediaTypeIri(mediaType)?.value).toBe(iri);
  });
});

describe('spdxLicenceIri: SPDX ids on the SPDX licence list, never a LicenseRef-', () => {
  it.each<[string, string | undefined]>([
    ['CC-BY-4.0', 'https://spdx.org/licenses/CC-BY-4.0'],
    ['ODbL-1.0', 'https://spdx.org/licenses/ODbL-1.0'],
    ['GPL-2.0+', 'https://spdx.org/licenses/GPL-2.0+'],
    ['LicenseRef-Helix-Commercial-1.0', undefined],
    ['CC BY 4.0', undefined],
  ])('%s', (id, iri) => {
    expect(spdxLicenceIri(id)?.value).toBe(iri);
  });
});

describe('duoTermIri and diseaseIri: OBO PURLs', () => {
  it('gives every DUO term of the vocabulary its PURL', () => {
    for (const term of DUO_TERMS) expect(duoTermIri(term.id)?.value).toBe(`http://purl.obolibrary.org/obo/DUO_${term.id.slice(4)}`);
  });

  it.each<[string, string | undefined]>([
    ['DUO:0000007', 'http://purl.obolibrary.org/obo/DUO_0000007'],
    ['DUO:7', undefined],
    ['HMB', undefined],
  ])('term %s', (id, iri) => {
    expect(duoTermIri(id)?.value).toBe(iri);
  });

  it.each<[string, string | undefined]>([
    ['MONDO:0005148', 'http://purl.obolibrary.org/obo/MONDO_0005148'],
    ['mondo:0005148', 'http://purl.obolibrary.org/obo/MONDO_0005148'],
    ['DOID:9351', 'http://purl.obolibrary.org/obo/DOID_9351'],
    ['ICD10:E11', undefined],
    ['E11.9', undefined],
  ])('disease %s', (id, iri) => {
    expect(diseaseIri(id)?.value).toBe(iri);
  });
});
