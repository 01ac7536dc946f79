import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogLoadError, loadCatalogFile, parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';

type Catalog = ReturnType<typeof smallCatalog>;

// Each row breaks one thing; the message must name the dataset and the field, and nothing loads.
const cases: { name: string; breakIt: (c: Catalog) => void; expected: RegExp }[] = [
  {
    name: 'unknown DUO code',
    breakIt: (c) => { c.datasets[1]!.useConditions = [{ code: 'XYZ' }]; },
    expected: /dataset "test-partner:ds-2" \(datasets\[1\]\), field "useConditions\[0\]\.code": unknown DUO code "XYZ"/,
  },
  {
    name: 'no DUO permission term on a non-public dataset',
    breakIt: (c) => { c.datasets[0]!.useConditions = [{ code: 'IRB' }]; },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\), field "useConditions": must hold exactly one DUO permission term/,
  },
  {
    name: 'two DUO permission terms',
    breakIt: (c) => { c.datasets[0]!.useConditions = [{ code: 'GRU' }, { code: 'HMB' }]; },
    expected: /field "useConditions": must hold exactly one DUO permission term .*found 2/,
  },
  {
    name: 'DS without a disease',
    breakIt: (c) => { c.datasets[0]!.useConditions = [{ code: 'DS' }, { code: 'IRB' }]; },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\), field "useConditions\[0\]\.diseaseId": DS needs a diseaseId/,
  },
  {
    name: 'malformed issued date',
    breakIt: (c) => { c.datasets[0]!.issued = '01/02/2024'; },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\), field "issued": expected an ISO 8601 date/,
  },
  {
    name: 'impossible calendar date',
    breakIt: (c) => { c.datasets[0]!.issued = '2024-02-31'; },
    expected: /field "issued": expected a real calendar date/,
  },
  {
    name: 'missing title',
    breakIt: (c) => { delete (c.datasets[1] as Partial<Catalog['datasets'][number]>).title; },
    expected: /dataset "test-partner:ds-2" \(datasets\[1\]\), field "title"/,
  },
  {
    name: 'unknown data class',
    breakIt: (c) => { (c.datasets[0] as { dataClass: string }).dataClass = 'SECRET'; },
    expected: /field "dataClass"/,
  },
  {
    name: 'unknown field (a typo must not be silently dropped)',
    breakIt: (c) => { (c.datasets[0] as Record<string, unknown>).tittle = 'x'; },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\): Unrecognized key: "tittle"/,
  },
  {
    name: 'licence id neither SPDX nor LicenseRef-',
    breakIt: (c) => { c.datasets[0]!.licence.id = 'my licence'; },
    expected: /field "licence\.id": expected an SPDX id or a LicenseRef- id/,
  },
  {
    name: 'access URL not a URL',
    breakIt: (c) => { c.datasets[0]!.distributions[0]!.accessUrl = 'ftp//nowhere'; },
    expected: /field "distributions\[0\]\.accessUrl": expected an absolute http\(s\) URL/,
  },
  {
    name: 'a javascript: access URL',
    breakIt: (c) => { c.datasets[0]!.distributions[0]!.accessUrl = 'javascript:alert(1)'; },
    expected: /field "distributions\[0\]\.accessUrl": expected an absolute http\(s\) URL/,
  },
  {
    name: 'a sha256 checksum of the wrong length',
    breakIt: (c) => { c.datasets[0]!.distributions[0]!.checksum = { algorithm: 'sha256', value: 'abc123' }; },
    expected: /field "distributions\[0\]\.checksum\.value": a sha256 checksum has 64 hex digits, found 6/,
  },
  {
    name: 'modified before issued',
    breakIt: (c) => { c.datasets[0]!.modified = '2023-01-01T00:00:00Z'; },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\), field "modified": is before issued \(2024-01-01\)/,
  },
  {
    name: 'temporal coverage ending before it starts',
    breakIt: (c) => { c.datasets[0]!.temporalCoverage = { start: '2020-01-01', end: '2019-01-01' }; },
    expected: /field "temporalCoverage\.end": is before start \(2020-01-01\)/,
  },
  {
    name: 'a record count beyond GraphQL Int',
    breakIt: (c) => { c.datasets[0]!.qualityReport = { completeness: 1, recordCount: 3_000_000_000 }; },
    expected: /field "qualityReport\.recordCount"/,
  },
  {
    name: 'dataset id without the partner prefix',
    breakIt: (c) => { c.datasets[1]!.id = 'ds-2'; },
    expected: /dataset "ds-2" \(datasets\[1\]\), field "id": must start with "test-partner:"/,
  },
  {
    name: 'duplicate dataset id',
    breakIt: (c) => { c.datasets[1]!.id = c.datasets[0]!.id; },
    expected: /dataset "test-partner:ds-1" \(datasets\[1\]\), field "id": repeats the id of datasets\[0\]/,
  },
  {
    name: 'a distribution id repeated within a dataset',
    breakIt: (c) => { c.datasets[0]!.distributions.push({ ...c.datasets[0]!.distributions[0]! }); },
    expected: /dataset "test-partner:ds-1" \(datasets\[0\]\), field "distributions\[1\]\.id": repeats "test-partner:ds-1\/dist-1"/,
  },
  {
    name: 'a public description stating the member-only record count',
    breakIt: (c) => {
      c.datasets[1]!.qualityReport = { completeness: 1, recordCount: 48_213 };
      c.datasets[1]!.description = 'Outcomes of 48,213 admissions.';
    },
    expected: /dataset "test-partner:ds-2" \(datasets\[1\]\), field "description": repeats the value of guarded field "qualityReport\.recordCount" in public text/,
  },
  {
    name: 'bad partner country',
    breakIt: (c) => { c.partner.country = 'Netherlands'; },
    expected: /field "partner\.country": expected an ISO 3166-1 alpha-2 code/,
  },
  {
    name: 'datasets not a list',
    breakIt: (c) => { (c as { datasets: unknown }).datasets = {}; },
    expected: /field "datasets"/,
  },
];

describe('catalog validation', () => {
  it('accepts the valid fixture', () => {
    expect(parseCatalog(smallCatalog(), 'fixture.json').size).toBe(2);
  });

  it.each(cases)('refuses a catalog with $name', ({ breakIt, expected }) => {
    const catalog = smallCatalog();
    breakIt(catalog);
    let thrown: unknown;
    try {
      parseCatalog(JSON.parse(JSON.stringify(catalog)), 'partners/test/catalog.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CatalogLoadError);
    expect((thrown as Error).message).toContain('catalog partners/test/catalog.json is invalid');
    expect((thrown as Error).message).toMatch(expected);
  });

  it('reports every problem of a file at once, capped', () => {
    const catalog = smallCatalog();
    for (let i = 0; i < 30; i++) catalog.datasets.push({ ...catalog.datasets[0]!, id: `bad-${i}` });
    expect(() => parseCatalog(catalog, 'f.json')).toThrow(/\.\.\. and 10 more/);
  });

  it('names the file when it is not JSON or cannot be read', () => {
    const dir = temporaryFolder('concord-catalog-');
    const file = join(dir, 'catalog.json');
    writeFileSync(file, '{ "partner": ');
    expect(() => loadCatalogFile(file, 'partners/x/catalog.json')).toThrow(/catalog partners\/x\/catalog.json is invalid:\n {2}- is not valid JSON/);
    expect(() => loadCatalogFile(join(dir, 'missing.json'), 'partners/y/catalog.json')).toThrow(/partners\/y\/catalog.json is invalid:\n {2}- cannot be read: ENOENT/);
  });
});
