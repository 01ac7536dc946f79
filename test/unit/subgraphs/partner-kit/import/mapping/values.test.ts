import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { COUNTRY_CODES, countryCode, countryName } from '../../../../../../subgraphs/partner-kit/import/mapping/countries.js';
import { byteSizeOf, checksumAlgorithm } from '../../../../../../subgraphs/partner-kit/import/mapping/distributions.js';
import { doiOf, identifierRecords } from '../../../../../../subgraphs/partner-kit/import/mapping/identifiers.js';
import { accrualPeriodicityOf, temporalResolutionOf } from '../../../../../../subgraphs/partner-kit/import/mapping/periodicity.js';

describe('identifiers', () => {
  it.each([
    ['https://doi.org/10.1234/1234567890', '10.1234/1234567890'],
    ['http://dx.doi.org/10.7927/H45X26V8', '10.7927/H45X26V8'],
    ['doi:10.1234/1234567890', '10.1234/1234567890'],
    ['10.5281/zenodo.123', '10.5281/zenodo.123'],
    ['https://doi.org/10.1000/a%2Fb', '10.1000/a/b'],
    ['https://example.org/10.1234/x', undefined],
    ['10.12/too-short-registrant', undefined],
  ])('%s is the DOI %s', (value, doi) => {
    expect(doiOf(value)).toBe(doi);
  });

  it('keeps other identifiers with their scheme, once', () => {
    expect(identifierRecords([
      { value: 'http://dx.doi.org/10.7927/H4PZ56R2' }, { value: '10.7927/h4pz56r2', scheme: 'DOI' },
      { value: 'NCDC-CLIMATE-OBS-2024', scheme: 'National Climate Data Center' }, { value: '  ' },
    ])).toEqual([
      { value: '10.7927/H4PZ56R2', scheme: 'DOI' },
      { value: 'NCDC-CLIMATE-OBS-2024', scheme: 'National Climate Data Center' },
    ]);
  });
});

describe('distribution values', () => {
  it.each([
    [117743, 117743, 0], ['117743', 117743, 0], ['117743 B', 117743, 0], ['524288000', 524288000, 0],
    ['1.2 MB', 1_200_000, 1], ['2 KiB', 2048, 1], ['3 GB', 3_000_000_000, 1],
    [1.5, undefined, 1], ['about a gigabyte', undefined, 1], ['12 parsecs', undefined, 1],
  ] as const)('byteSize %j is %s', (size, bytes, warnings) => {
    const findings = new Findings();
    expect(byteSizeOf(size, findings)).toBe(bytes);
    expect(findings.warnings).toHaveLength(warnings);
  });

  it.each([
    ['http://spdx.org/rdf/terms#checksumAlgorithm_sha256', 'sha256'], ['spdx:checksumAlgorithm_md5', 'md5'],
    ['SHA-256', 'sha256'], ['SHA1', 'sha1'], ['sha512', 'sha512'], ['crc32', undefined], ['sha3-256', undefined],
  ])('checksum algorithm %s is %s', (written, algorithm) => {
    expect(checksumAlgorithm(written)).toBe(algorithm);
  });
});

describe('frequencies and resolutions', () => {
  const EU = 'http://publications.europa.eu/resource/authority/frequency/';
  it.each([
    [`${EU}MONTHLY`, `${EU}MONTHLY`], ['R/P1Y', 'R/P1Y'], ['R/P3M', 'R/P3M'], ['P1W', 'P1W'],
    ['daily', `${EU}DAILY`], ['Annually', `${EU}ANNUAL`], ['http://purl.org/cld/freq/semiannual', `${EU}ANNUAL_2`],
    ['http://purl.org/linked-data/sdmx/2009/code#freq-W', `${EU}WEEKLY`], ['http://purl.org/linked-data/sdmx/2009/code#freq-B', undefined],
    ['when we feel like it', undefined],
  ])('accrualPeriodicity %s is %s', (written, periodicity) => {
    expect(accrualPeriodicityOf(written, new Findings())).toBe(periodicity);
  });

  it.each([['P1D', 'P1D'], ['PT1H', 'PT1H'], ['1 day', undefined], ['R/P1D', undefined]])('temporalResolution %s is %s', (written, duration) => {
    expect(temporalResolutionOf(written, new Findings())).toBe(duration);
  });
});

describe('countries', () => {
  it('maps all 249 ISO 3166-1 alpha-3 codes to alpha-2 codes that name a country', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    expect(new Set(COUNTRY_CODES.values()).size).toBe(249);
    for (const [alpha3, alpha2] of COUNTRY_CODES) expect(countryName(alpha2, 'en'), alpha3).toBeTruthy();
  });

  it.each([
    ['ARG', 'AR'], ['nld', 'NL'], ['BE', 'BE'], ['http://publications.europa.eu/resource/authority/country/DEU', 'DE'], ['XX', undefined], ['EUR', undefined],
  ])('%s is %s', (value, code) => {
    expect(countryCode(value)).toBe(code);
  });

  it('names a country in the dataset\'s language', () => {
    expect(countryName('DE', 'nl')).toBe('Duitsland');
    expect(countryName('AR', 'es')).toBe('Argentina');
  });
});
