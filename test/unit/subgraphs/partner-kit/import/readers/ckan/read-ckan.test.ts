import { describe, expect, it } from 'vitest';
import { readCkan, readCkanJson } from '../../../../../../../subgraphs/partner-kit/import/readers/ckan/index.js';
import { realCatalog } from '../real-catalog-files.js';

describe('readCkan on real package_show responses', () => {
  it('reads demo.ckan.org package 17be64bb as ckanext-dcat maps it', () => {
    const { datasets, problems } = readCkanJson(realCatalog('ckan/ckan-demo-package_show-17be64bb.json'));
    expect(problems).toEqual([]);
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({
      sourceId: '17be64bb-da74-4195-9bb8-565c39846af2',
      titles: [{ value: '2016 Regione Asia Est Oceania * Classi di età' }],
      descriptions: [{ value: 'Dati demografici al 31.12.2016 della Regione Asia Est Oceania per classi di età' }],
      keywords: [{ value: '2016' }, { value: 'RASE' }, { value: 'età' }],
      issued: '2017-07-05T19:28:19.620158',
      modified: '2017-07-05T19:29:07.136124',
      publisher: { names: [{ value: 'SDB' }], kind: 'organization' },
      accessRights: 'public',
      licences: [{ id: 'cc-by', name: 'Creative Commons Attribution', uri: 'http://www.opendefinition.org/licenses/cc-by' }],
      contactPoints: [],
      creators: [],
      landingPages: [],
    });
    expect(datasets[0]!.distributions).toEqual([expect.objectContaining({
      sourceId: 'a5cd573b-5565-48f1-9b2d-8726004cb020',
      titles: [{ value: '20161231_RASE.csv' }],
      format: 'CSV',
      downloadUrls: ['https://demo.ckan.org/dataset/17be64bb-da74-4195-9bb8-565c39846af2/resource/a5cd573b-5565-48f1-9b2d-8726004cb020/download/20161231_rase.csv'],
      accessUrls: [],
      checksums: [],
    })]);
    expect(datasets[0]!.distributions[0]).not.toHaveProperty('mediaType');
    expect(datasets[0]!.distributions[0]).not.toHaveProperty('byteSize');
  });

  it('reads the maintainer as the contact point and the author as the creator', () => {
    const [dataset] = readCkanJson(realCatalog('ckan/ckan-demo-package_show-62513382.json')).datasets;
    expect(dataset).toMatchObject({
      contactPoints: [{ names: [{ value: 'TKKIM' }], email: 'misoh049@gmail.com' }],
      creators: [{ names: [{ value: 'TKKIM' }], email: 'misoh049@gmail.com' }],
      licences: [{ id: 'other-open', name: 'Other (Open)' }],
    });
    expect(dataset).not.toHaveProperty('publisher');
  });

  it('reads the source URL as the landing page and a title in Chinese as written', () => {
    const [dataset] = readCkanJson(realCatalog('ckan/ckan-demo-package_show-9c3036b8.json')).datasets;
    expect(dataset).toMatchObject({
      titles: [{ value: '規管海外物業銷售' }],
      landingPages: ['http://www.legco.gov.hk/research-publications/chinese/1617in10-regulation-of-sale-of-overseas-properties-20170426-c.pdf'],
    });
    expect(dataset!.distributions[0]).toMatchObject({ format: 'PDF' });
  });
});

describe('readCkan on other CKAN shapes', () => {
  const pkg = (extra: Record<string, unknown>) => ({ id: 'p1', name: 'p-one', title: 'P', resources: [], ...extra });

  it('reads package_search results and skips packages that are not active', () => {
    const reading = readCkanJson({ success: true, result: { count: 2, results: [pkg({}), pkg({ id: 'p2', state: 'deleted' })] } });
    expect(reading.datasets.map((d) => d.sourceId)).toEqual(['p1']);
    expect(reading.problems).toEqual([{ where: '$.result.results[1]', message: 'package "p2" is deleted, not active; it is not read' }]);
  });

  it('reads the extras ckanext-dcat writes, lists as JSON in a string', () => {
    const [dataset] = readCkanJson(pkg({
      private: true,
      extras: [
        { key: 'issued', value: '2020-01-01' }, { key: 'language', value: '["en", "nl"]' }, { key: 'access_rights', value: 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED' },
        { key: 'contact_email', value: 'mailto:x@example.org' }, { key: 'contact_name', value: 'X' }, { key: 'frequency', value: 'R/P1M' },
      ],
    })).datasets;
    expect(dataset).toMatchObject({
      issued: '2020-01-01', languages: ['en', 'nl'], accessRights: 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
      contactPoints: [{ names: [{ value: 'X' }], email: 'x@example.org' }], accrualPeriodicity: 'R/P1M',
    });
  });

  it('says what failed on an error response and on JSON that holds no package', async () => {
    expect(readCkanJson({ success: false, error: { message: 'Not found', __type: 'Not Found Error' } }).problems)
      .toEqual([{ where: '$', message: 'the CKAN API answered with an error: Not found' }]);
    expect(readCkanJson({ hello: 'world' }).problems[0]!.message).toMatch(/no CKAN package/);
    expect((await readCkan('{"success": tru', 'p.json')).problems).toEqual([{ where: 'p.json:1:13', message: 'not valid JSON: unexpected "t"' }]);
  });
});
