import { describe, expect, it } from 'vitest';
import { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { CatalogLoadError, parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';
import { widenedCatalog } from './widened-catalog.js';

type Catalog = CatalogFile;
type Dataset = Catalog['datasets'][number];
type Distribution = Dataset['distributions'][number];

const ds = (c: Catalog, i = 0): Dataset => c.datasets[i]!;
const dist = (c: Catalog, i = 0): Distribution => ds(c).distributions[i]!;
const DS1 = 'dataset "test-partner:ds-1" (datasets[0])';

// Each row breaks one field of the widened contract; the message names the dataset and the field.
const cases: { name: string; breakIt: (c: Catalog) => void; expected: RegExp }[] = [
  { name: 'a catalog language that is no BCP 47 tag', breakIt: (c) => { c.language = 'English'.padEnd(9, '!'); }, expected: /field "language": expected a BCP 47 language tag such as "en" or "nl-BE", not "English!!"/ },
  { name: 'a dataset language with an underscore', breakIt: (c) => { ds(c).language = 'en_GB'; }, expected: new RegExp(`${esc(DS1)}, field "language": expected a BCP 47 language tag`) },
  { name: 'a translation language that is no tag', breakIt: (c) => { ds(c).translations![0]!.language = 'Dutch language'; }, expected: /field "translations\[0\]\.language": expected a BCP 47 language tag/ },
  {
    name: 'a translation into the catalog language the dataset inherits',
    breakIt: (c) => { ds(c).translations![1]!.language = 'EN'; },
    expected: new RegExp(`${esc(DS1)}, field "translations\\[1\\]\\.language": "EN" is the record's own language`),
  },
  {
    name: 'a translation into the dataset\'s own language',
    breakIt: (c) => { ds(c, 1).translations = [{ language: 'nl', title: 'Zelfde taal' }]; },
    expected: /dataset "test-partner:ds-2" \(datasets\[1\]\), field "translations\[0\]\.language": "nl" is the record's own language/,
  },
  { name: 'two translations into one language', breakIt: (c) => { ds(c).translations![1]!.language = 'NL'; }, expected: /field "translations\[1\]\.language": repeats the translation into "NL"/ },
  { name: 'a translation with no text', breakIt: (c) => { ds(c).translations = [{ language: 'de' }]; }, expected: /field "translations\[0\]\.title": a translation needs a title, a description or keywords/ },
  { name: 'a series translated into the catalog language', breakIt: (c) => { c.series![0]!.translations = [{ language: 'en', title: 'Again' }]; }, expected: /field "series\[0\]\.translations\[0\]\.language": "en" is the record's own language/ },
  { name: 'a landing page that is not http(s)', breakIt: (c) => { ds(c).landingPage = 'javascript:alert(1)'; }, expected: /field "landingPage": expected an absolute http\(s\) URL/ },
  { name: 'a DOI given as a resolver URL', breakIt: (c) => { ds(c).identifiers![0]!.value = 'https://doi.org/10.5281/zenodo.1234567'; }, expected: /field "identifiers\[0\]\.value": expected a DOI such as 10\.5281\/zenodo\.123/ },
  { name: 'an empty identifier', breakIt: (c) => { ds(c).identifiers![1]!.value = ' '; }, expected: /field "identifiers\[1\]\.value": must not be empty/ },
  { name: 'a creator without a name', breakIt: (c) => { ds(c).creators = [{ name: '' }]; }, expected: /field "creators\[0\]\.name": must not be empty/ },
  { name: 'a creator of an unknown kind', breakIt: (c) => { (ds(c).creators![0] as { kind: string }).kind = 'ROBOT'; }, expected: /field "creators\[0\]\.kind"/ },
  { name: 'a bare ORCID as a creator identifier', breakIt: (c) => { ds(c).creators![0]!.identifier = '0000-0002-1825-0097'; }, expected: /field "creators\[0\]\.identifier": expected an http\(s\) IRI or a URN/ },
  { name: 'an attribution without a role', breakIt: (c) => { ds(c).qualifiedAttributions = [{ agent: { name: 'X' }, role: '' }]; }, expected: /field "qualifiedAttributions\[0\]\.role": must not be empty/ },
  { name: 'a periodicity in words', breakIt: (c) => { ds(c).accrualPeriodicity = 'yearly'; }, expected: /field "accrualPeriodicity": expected an EU frequency IRI/ },
  { name: 'a temporal resolution in words', breakIt: (c) => { ds(c).temporalResolution = '1 day'; }, expected: /field "temporalResolution": expected an xsd:duration such as P1D/ },
  { name: 'a duration with nothing in it', breakIt: (c) => { ds(c).temporalResolution = 'PT'; }, expected: /field "temporalResolution": expected an xsd:duration/ },
  { name: 'a series that is not in the file', breakIt: (c) => { ds(c).inSeries = ['test-partner:nowhere']; }, expected: new RegExp(`${esc(DS1)}, field "inSeries\\[0\\]": names series "test-partner:nowhere", which is not in the file's "series"`) },
  { name: 'a series named twice', breakIt: (c) => { ds(c).inSeries!.push('test-partner:cohort-waves'); }, expected: /field "inSeries\[1\]": repeats series "test-partner:cohort-waves"/ },
  { name: 'a series id without the partner prefix', breakIt: (c) => { c.series![0]!.id = 'cohort-waves'; ds(c).inSeries = ['cohort-waves']; }, expected: /field "series\[0\]\.id": must start with "test-partner:"/ },
  { name: 'a series id that is a dataset id', breakIt: (c) => { c.series![0]!.id = 'test-partner:ds-2'; ds(c).inSeries = ['test-partner:ds-2']; }, expected: /field "series\[0\]\.id": is also a dataset id/ },
  { name: 'two series with one id', breakIt: (c) => { c.series!.push({ ...c.series![0]! }); }, expected: /field "series\[1\]\.id": repeats the series id "test-partner:cohort-waves"/ },
  { name: 'a previous version that is not in the catalog', breakIt: (c) => { ds(c).previousVersion = 'test-partner:ds-9'; }, expected: new RegExp(`${esc(DS1)}, field "previousVersion": names dataset "test-partner:ds-9", which is not in this catalog`) },
  { name: 'a dataset that is a version of itself', breakIt: (c) => { ds(c).isVersionOf = 'test-partner:ds-1'; }, expected: /field "isVersionOf": names the dataset itself/ },
  { name: 'a version link that is neither an id of this catalog nor an IRI', breakIt: (c) => { ds(c).isVersionOf = 'other-partner:ds-1'; }, expected: /field "isVersionOf": expected a dataset id of this catalog \("test-partner:\.\.\."\) or an http\(s\) IRI or a URN/ },
  { name: 'a checksum too short for its algorithm', breakIt: (c) => { dist(c).checksums![0] = { algorithm: 'md5', value: 'b'.repeat(40) }; }, expected: /field "distributions\[0\]\.checksums\[0\]\.value": a md5 checksum has 32 hex digits, found 40/ },
  { name: 'a sha384 checksum of sha512 length', breakIt: (c) => { dist(c).checksums![1] = { algorithm: 'sha384', value: 'c'.repeat(128) }; }, expected: /field "distributions\[0\]\.checksums\[1\]\.value": a sha384 checksum has 96 hex digits, found 128/ },
  { name: 'an algorithm SPDX does not list', breakIt: (c) => { (dist(c).checksums![0] as { algorithm: string }).algorithm = 'crc32'; }, expected: /field "distributions\[0\]\.checksums\[0\]\.algorithm"/ },
  { name: 'upper-case hex', breakIt: (c) => { dist(c).checksums![0]!.value = 'B'.repeat(32); }, expected: /field "distributions\[0\]\.checksums\[0\]\.value": expected lower-case hex/ },
  {
    name: 'two different values for one algorithm',
    breakIt: (c) => { dist(c).checksums!.push({ algorithm: 'sha256', value: 'd'.repeat(64) }); },
    expected: /field "distributions\[0\]\.checksums\[2\]": differs from the sha256 checksum in checksum/,
  },
  { name: 'a distribution with neither media type nor format', breakIt: (c) => { delete dist(c, 1).format; }, expected: /field "distributions\[1\]\.mediaType": a distribution needs a mediaType or a format \(or both\)/ },
  { name: 'an empty rights statement', breakIt: (c) => { dist(c, 1).rights = ''; }, expected: /field "distributions\[1\]\.rights": must not be empty/ },
  { name: 'a data service without a title', breakIt: (c) => { dist(c, 1).accessService!.title = ''; }, expected: /field "distributions\[1\]\.accessService\.title": must not be empty/ },
  { name: 'a data service endpoint that is not http(s)', breakIt: (c) => { dist(c, 1).accessService!.endpointUrl = 'ftp://api.example.org'; }, expected: /field "distributions\[1\]\.accessService\.endpointUrl": expected an absolute http\(s\) URL/ },
  { name: 'a field the contract does not have (a typo)', breakIt: (c) => { (ds(c) as Record<string, unknown>).landingpage = 'https://x.org'; }, expected: /Unrecognized key: "landingpage"/ },
];

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the widened catalog contract', () => {
  it('accepts a catalog that uses every new field', () => {
    expect(parseCatalog(widenedCatalog(), 'widened.json').size).toBe(2);
  });

  it('keeps accepting a catalog written before the contract was widened', () => {
    const old = smallCatalog();
    old.datasets[0]!.distributions[0]!.checksum = { algorithm: 'sha256', value: 'e'.repeat(64) };
    expect(parseCatalog(old, 'old.json').size).toBe(2);
  });

  it('accepts the same value in checksum and checksums, and the accepted frequency forms', () => {
    for (const accrualPeriodicity of ['R/P1M', 'P1W', 'R12/2024-01-01/P1M', 'https://publications.europa.eu/resource/authority/frequency/IRREG']) {
      const catalog = widenedCatalog();
      ds(catalog).accrualPeriodicity = accrualPeriodicity;
      dist(catalog).checksums!.push({ algorithm: 'sha256', value: 'a'.repeat(64) });
      expect(() => parseCatalog(catalog, 'w.json'), accrualPeriodicity).not.toThrow();
    }
  });

  it('refuses what only the file as a whole shows when zod parses it alone, as the importer does', () => {
    const catalog = widenedCatalog();
    ds(catalog).inSeries = ['test-partner:nowhere'];
    const result = CatalogFile.safeParse(catalog);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['datasets', 0, 'inSeries', 0]]);
  });

  it.each(cases)('refuses $name', ({ breakIt, expected }) => {
    const catalog = widenedCatalog();
    breakIt(catalog);
    let thrown: unknown;
    try {
      parseCatalog(JSON.parse(JSON.stringify(catalog)), 'partners/test/catalog.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CatalogLoadError);
    expect((thrown as Error).message).toMatch(expected);
  });
});
