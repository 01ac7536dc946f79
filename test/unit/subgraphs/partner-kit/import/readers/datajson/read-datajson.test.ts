import { describe, expect, it } from 'vitest';
import { readDataJsonValue } from '../../../../../../../subgraphs/partner-kit/import/readers/datajson/index.js';
import { realCatalog } from '../real-catalog-files.js';

describe('readDataJson on real data.json files', () => {
  it('reads the POD 1.1 sample: nested publisher, mailto e-mails, an API distribution with an access URL only', () => {
    const { datasets, problems } = readDataJsonValue(realCatalog('datajson/pod-v1.1-catalog-sample.json'));
    expect(problems).toEqual([]);
    expect(datasets.map((d) => d.sourceId)).toEqual(['http://dx.doi.org/10.7927/H45X26V8', 'http://dx.doi.org/10.7927/H4K64G12', 'http://dx.doi.org/10.7927/H49P2ZKM']);
    expect(datasets[0]).toMatchObject({
      accessRights: 'public',
      publisher: { names: [{ value: 'Widget Services' }], kind: 'organization' },
      contactPoints: [{ names: [{ value: 'Jane Doe' }], email: 'jane.doe@agency.gov' }],
      identifiers: [{ value: 'http://dx.doi.org/10.7927/H45X26V8' }],
      modified: '2011-11-19T12:00:00Z',
      licences: [],
    });
    expect(datasets[0]!.distributions[3]).toMatchObject({ accessUrls: ['https://data.agency.gov/api/widgets-statistics/'], downloadUrls: [] });
    expect(datasets[0]!.distributions[3]).not.toHaveProperty('mediaType');
  });

  it('reads the POD 1.1 extended sample: licence URLs, temporal interval, accrualPeriodicity', () => {
    const { datasets } = readDataJsonValue(realCatalog('datajson/pod-v1.1-catalog-sample-extended.json'));
    expect(datasets[0]).toMatchObject({
      licences: [{ uri: 'http://creativecommons.org/publicdomain/zero/1.0/' }],
      temporal: [{ start: '2009-09-01T12:00:00Z', end: '2010-05-31T12:00:00Z' }],
      accrualPeriodicity: 'R/P1Y', issued: '2011-11-22', languages: ['en-US'], landingPages: ['http://agency.gov/widgets/data'],
      spatial: [{ names: [{ value: 'United States' }] }],
      rights: [{ value: 'This dataset has been given an international public domain dedication for worldwide reuse' }],
    });
    expect(datasets[1]!.licences).toEqual([{ uri: 'http://creativecommons.org/publicdomain/mark/1.0/' }]);
  });

  it('reads Argentina\'s profile: the catalog\'s licence by name, alpha-3 place, distribution dates', () => {
    const { datasets, catalog } = readDataJsonValue(realCatalog('datajson/ar-datajson-catalogo-series-tiempo.json'));
    expect(catalog).toMatchObject({ licences: [{ name: 'Open Database License (ODbL) v1.0' }], languages: ['SPA'] });
    expect(datasets[0]).toMatchObject({
      sourceId: '1', languages: ['SPA'], spatial: [{ iri: 'ARG', names: [] }], temporal: [{ start: '1993-01-01', end: '2013-09-01' }],
      modified: '2018-03-02T00:00:02.345747-03:00', themes: ['actividad', 'ECON'], contactPoints: [{ names: [{ value: 'Subsecretaría de Programación Macroeconómica.' }] }],
    });
    expect(datasets[0]!.distributions[0]).toMatchObject({ sourceId: '1.2', format: 'CSV', issued: '2017-09-28' });
  });

  it('reads one DCAT-US 3.0 Dataset: structured identifiers, series, attributions, byteSize strings', () => {
    const { datasets, problems } = readDataJsonValue(realCatalog('datajson/dcat-us-3.0-dataset-complete-example.json'));
    const [dataset, series] = datasets;
    expect(dataset).toMatchObject({
      sourceId: 'https://example.gov/datasets/national-climate-observations-2024',
      identifiers: [{ value: 'NCDC-CLIMATE-OBS-2024', scheme: 'National Climate Data Center' }, { value: '10.12345/ncdc-climate-2024', scheme: 'DOI' }],
      themes: ['Climate Science', 'Environmental Monitoring'],
      landingPages: ['https://example.gov/datasets/climate-2024/landing'],
      creators: [{ names: [{ value: 'Climate Monitoring and Analysis Team' }], identifier: 'https://example.gov/agents/climate-monitoring-team' }],
      qualifiedAttributions: [{ agent: { names: [{ value: 'Climate Data Stewardship Office' }] }, role: 'Data Steward' }],
      temporal: [{ start: '2024-01-01', end: '2024-12-31' }], temporalResolution: 'P1D', accrualPeriodicity: 'daily',
      inSeries: ['https://example.gov/series/annual-climate-observations'],
      previousVersion: 'https://example.gov/datasets/national-climate-observations-2023',
      accessRights: 'Public access with no restrictions. Data is freely available for download and use.',
    });
    expect(dataset!.distributions.map((d) => d.byteSize)).toEqual(['524288000', '785432000']);
    expect(series).toMatchObject({ isSeries: true, sourceId: 'https://example.gov/series/annual-climate-observations', titles: [{ value: 'Annual Climate Observations Series' }] });
    expect(problems).toEqual([{ where: '$.sample', message: expect.stringContaining('1 sample distribution(s)') }]);
  });

  it('reads a list of datasets, and says what it cannot read', () => {
    expect(readDataJsonValue([{ title: 'A', keyword: ['k'] }, { description: 'no id, no title' }])).toMatchObject({
      datasets: [{ sourceId: 'A' }],
      problems: [{ where: '$[1]', message: expect.stringContaining('without "@id", "identifier" or "title"') }],
    });
    expect(readDataJsonValue('not a catalog').problems[0]!.message).toMatch(/no data.json catalog/);
  });
});
