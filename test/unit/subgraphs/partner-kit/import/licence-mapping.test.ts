import { describe, expect, it } from 'vitest';
import { creativeCommonsId, licenceRefId, matchLicence } from '../../../../../subgraphs/partner-kit/import/licence-mapping.js';
import { KNOWN_LICENCES, knownLicence } from '../../../../../subgraphs/partner-kit/import/spdx-licence-table.js';

describe('a source licence mapped to SPDX', () => {
  it.each([
    // SPDX URLs and ids, in any case
    [{ uri: 'https://spdx.org/licenses/CC-BY-4.0.html' }, 'CC-BY-4.0'],
    [{ uri: 'http://spdx.org/licenses/MIT' }, 'MIT'],
    [{ uri: 'https://spdx.org/licenses/GPL-3.0-only.json' }, 'GPL-3.0-only'],
    [{ id: 'mit' }, 'MIT'],
    [{ id: 'afl-3.0' }, 'AFL-3.0'],
    [{ id: 'CC-BY-4.0' }, 'CC-BY-4.0'],
    [{ name: 'CC BY-SA 4.0' }, 'CC-BY-SA-4.0'],
    [{ name: 'Creative Commons Attribution 4.0 International' }, 'CC-BY-4.0'],
    // creativecommons.org: versions, ports, legal code and deeds, http or https, www or not
    [{ uri: 'http://creativecommons.org/licenses/by/4.0/' }, 'CC-BY-4.0'],
    [{ uri: 'https://creativecommons.org/licenses/by/4.0/legalcode.de' }, 'CC-BY-4.0'],
    [{ uri: 'https://www.creativecommons.org/licenses/by-nc-sa/4.0/deed.nl' }, 'CC-BY-NC-SA-4.0'],
    [{ uri: 'https://creativecommons.org/licenses/by-sa/3.0/de/' }, 'CC-BY-SA-3.0-DE'],
    [{ uri: 'https://creativecommons.org/licenses/by/3.0/igo/legalcode' }, 'CC-BY-3.0-IGO'],
    [{ uri: 'https://creativecommons.org/licenses/by/2.5/au/' }, 'CC-BY-2.5-AU'],
    [{ uri: 'https://creativecommons.org/licenses/by-nd-nc/1.0/' }, 'CC-BY-NC-ND-1.0'],
    [{ uri: 'https://creativecommons.org/licenses/by-nc/2.0' }, 'CC-BY-NC-2.0'],
    [{ uri: 'http://creativecommons.org/publicdomain/zero/1.0/' }, 'CC0-1.0'],
    [{ uri: 'http://creativecommons.org/publicdomain/mark/1.0/' }, 'CC-PDM-1.0'],
    [{ uri: 'https://creativecommons.org/licenses/publicdomain/' }, 'CC-PDDC'],
    // the EU licence authority table
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0' }, 'CC-BY-4.0'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/CC_BYNCND_4_0' }, 'CC-BY-NC-ND-4.0'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/CC_BYSA_3_0' }, 'CC-BY-SA-3.0'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/CC0' }, 'CC0-1.0'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/ODC_BL' }, 'ODbL-1.0'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/EUPL_1_2' }, 'EUPL-1.2'],
    // CKAN's licence register, by id or opendefinition.org URL
    [{ id: 'cc-zero' }, 'CC0-1.0'],
    [{ id: 'odc-odbl' }, 'ODbL-1.0'],
    [{ id: 'odc-by' }, 'ODC-By-1.0'],
    [{ id: 'odc-pddl' }, 'PDDL-1.0'],
    [{ id: 'cc-by-sa' }, 'CC-BY-SA-4.0'],
    [{ uri: 'http://www.opendefinition.org/licenses/cc-by', id: 'cc-by' }, 'CC-BY-4.0'],
    // addresses of the licences in the table
    [{ uri: 'https://opendatacommons.org/licenses/odbl/1-0/' }, 'ODbL-1.0'],
    [{ uri: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' }, 'OGL-UK-3.0'],
    // skos:exactMatch followed from a local URI
    [{ uri: 'https://data.exampleMS.gov/resource/FreeAndOpen', sameAs: ['http://publications.europa.eu/resource/authority/licence/CC0'] }, 'CC0-1.0'],
  ])('%j is %s', (licence, id) => {
    expect(matchLicence(licence)).toMatchObject({ kind: 'spdx', id });
  });

  it.each([
    [{ uri: 'https://creativecommons.org/licenses/by/3.0/es/' }, 'LicenseRef-creativecommons.org-licenses-by-3.0-es'],
    [{ id: 'other-open', name: 'Other (Open)' }, 'LicenseRef-other-open'],
    [{ id: 'uk-ogl' }, 'LicenseRef-uk-ogl'],
    [{ name: 'Open Database License (ODbL) v1.0' }, 'LicenseRef-Open-Database-License-ODbL-v1.0'],
    [{ uri: 'https://data.gov.cz/podmínky-užití/obsahuje-více-autorských-děl/' }, 'LicenseRef-data.gov.cz-podminky-uziti-obsahuje-vice-autorskych-del'],
    [{ uri: 'http://publications.europa.eu/resource/authority/licence/COM_REUSE' }, 'LicenseRef-publications.europa.eu-resource-authority-licence-COM-REUSE'],
  ])('%j is kept as %s for review', (licence, refId) => {
    expect(matchLicence(licence)).toMatchObject({ kind: 'unmapped', refId });
  });

  it('reads CKAN\'s notspecified as no licence, and a licence with nothing in it as none', () => {
    expect(matchLicence({ id: 'notspecified' })).toMatchObject({ kind: 'unspecified' });
    expect(matchLicence({})).toBeUndefined();
  });

  it('says why a version-less CKAN id gets a version', () => {
    expect(matchLicence({ id: 'cc-by' })).toMatchObject({ note: expect.stringContaining('names no version; taken as CC-BY-4.0') });
  });

  it('makes LicenseRef ids SPDX allows, stable, and short', () => {
    const long = `https://example.org/${'very-long-licence-path/'.repeat(10)}`;
    expect(licenceRefId(long)).toMatch(/^LicenseRef-[A-Za-z0-9.-]{1,70}$/);
    expect(licenceRefId(long)).toBe(licenceRefId(long));
    expect(licenceRefId('!!!')).toMatch(/^LicenseRef-[0-9a-f]{8}$/);
  });

  it('does not name a Creative Commons licence SPDX does not list', () => {
    expect(creativeCommonsId('https://creativecommons.org/licenses/by/9.9/')).toBeUndefined();
    expect(creativeCommonsId('https://creativecommons.org/licenses/by/')).toBeUndefined();
  });
});

describe('the table of known SPDX licences', () => {
  it('has unique ids, an https address each, and denies commercial use exactly for the NonCommercial licences', () => {
    expect(new Set(KNOWN_LICENCES.map((l) => l.id.toLowerCase())).size).toBe(KNOWN_LICENCES.length);
    for (const licence of KNOWN_LICENCES) {
      expect(licence.url, licence.id).toMatch(/^https:\/\//);
      expect(licence.commercialUse, licence.id).toBe(!licence.id.includes('-NC'));
    }
  });

  it.each([
    ['CC-BY-4.0', true, true], ['CC-BY-NC-4.0', false, true], ['CC0-1.0', true, false], ['CC-PDM-1.0', true, false],
    ['ODbL-1.0', true, true], ['PDDL-1.0', true, false], ['MIT', true, true], ['DL-DE-ZERO-2.0', true, false],
  ])('%s: commercial use %s, attribution %s', (id, commercialUse, attributionRequired) => {
    expect(knownLicence(id)).toMatchObject({ commercialUse, attributionRequired });
  });
});
