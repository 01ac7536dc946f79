import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefaultsFileError, loadDefaultsFile, parseDefaultsFile } from '../../../../../subgraphs/partner-kit/import/defaults-file.js';
import { REPO_ROOT } from '../../../../harness/demo-federation.js';

const EXAMPLE = join(REPO_ROOT, 'subgraphs/partner-kit/import/example-defaults.json');

function problemOf(json: unknown): string {
  try {
    parseDefaultsFile(JSON.stringify(json), 'defaults.json');
  } catch (error) {
    expect(error).toBeInstanceOf(DefaultsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the defaults file to be refused');
}

describe('the partner\'s defaults file', () => {
  it('accepts the example in the repository', () => {
    expect(loadDefaultsFile(EXAMPLE)).toMatchObject({ partner: { kind: 'PUBLIC_INSTITUTE' }, dataClass: { whenRestricted: 'PARTNER_SHARED' } });
  });

  it('accepts an empty file: every value is optional', () => {
    expect(parseDefaultsFile('{}', 'defaults.json')).toEqual({});
  });

  it.each([
    ['a partner kind the contract does not have', { partner: { name: 'X', kind: 'HOSPITAL', country: 'NL' } }, 'field "partner.kind"'],
    ['a country that is not alpha-2', { partner: { name: 'X', kind: 'COMPANY', country: 'NLD' } }, 'field "partner.country"'],
    ['PUBLIC as the class for restricted data', { dataClass: { whenRestricted: 'PUBLIC' } }, 'field "dataClass.whenRestricted"'],
    ['a language that is not a tag', { language: 'English please' }, 'field "language": expected a BCP 47 language tag'],
    ['use conditions with two permission terms', { useConditions: [{ code: 'GRU' }, { code: 'HMB' }] }, 'field "useConditions": must hold exactly one DUO permission term'],
    ['a DUO code Concord does not know', { useConditions: [{ code: 'GRU' }, { code: 'XYZ' }] }, 'field "useConditions[1].code": unknown DUO code "XYZ"'],
    ['DS without its disease', { useConditions: [{ code: 'DS' }] }, 'field "useConditions[0].diseaseId": DS needs a diseaseId'],
    ['licence terms without attributionRequired', { licenceTerms: { 'https://example.org/l': { commercialUse: true } } }, 'field "licenceTerms["https://example.org/l"]'],
    ['an spdxId whose terms are unknown', { licenceTerms: { x: { spdxId: 'GPL-3.0-only' } } }, 'is not an SPDX licence whose terms the importer knows'],
    ['a modified date without an offset', { dates: { modified: '2024-01-01T00:00:00' } }, 'field "dates.modified"'],
    ['an unknown key (a typo)', { datClass: {} }, 'Unrecognized key: "datClass"'],
    ['a licence that is not a LicenceRecord', { licence: { id: 'CC-BY-4.0' } }, 'field "licence.name"'],
  ])('refuses %s, naming the field', (_name, json, expected) => {
    const message = problemOf(json);
    expect(message).toContain('defaults file defaults.json is invalid:');
    expect(message).toContain(expected);
  });

  it('names the line and column of a syntax error, and a file that cannot be read', () => {
    expect(() => parseDefaultsFile('{\n  "language": "en",\n}', 'd.json')).toThrow('defaults file d.json is not valid JSON at line 3, column 1');
    expect(() => loadDefaultsFile(join(REPO_ROOT, 'no-such-defaults.json'))).toThrow(/cannot be read: ENOENT/);
  });

  it('is the example the README describes: no key of it is unknown', () => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(example).sort()).toEqual(['$comment', 'contactPoint', 'dataClass', 'dates', 'language', 'licenceTerms', 'partner', 'useConditions']);
  });
});
