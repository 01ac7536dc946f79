import { describe, expect, it } from 'vitest';
import { readBeaconJson } from '../../../../../../../subgraphs/partner-kit/import/readers/beacon/index.js';
import { realCatalog } from '../real-catalog-files.js';

describe('readBeacon on real Beacon v2 and EGA files', () => {
  it('reads the Beacon v2 maximal dataset: DUO DS with its EFO disease and DUO version', () => {
    const { datasets, problems } = readBeaconJson(realCatalog('duo/beacon-v2-dataset-max-example.json'));
    expect(problems).toEqual([]);
    expect(datasets).toEqual([expect.objectContaining({
      sourceId: 'ds01010101',
      titles: [{ value: 'Dataset with synthetic data' }],
      descriptions: [{ value: 'This dataset provides examples of the actual data in this Beacon instance.' }],
      issued: '2017-01-17T20:33:40Z',
      modified: '2017-01-17T20:33:40Z',
      version: 'v1.1',
      landingPages: ['https://example.org/wiki/Main_Page'],
      useConditions: [{ term: 'DUO:0000007', label: 'disease specific research', modifiers: ['EFO:0001645'], version: '17-07-2016' }],
    })]);
    expect(datasets[0]).not.toHaveProperty('accessRights');
  });

  it('reads the Beacon v2 minimal dataset: an id and a name', () => {
    const [dataset] = readBeaconJson(realCatalog('duo/beacon-v2-dataset-min-example.json')).datasets;
    expect(dataset).toMatchObject({ sourceId: 'ds01010101', titles: [{ value: 'Dataset with synthetic data' }], descriptions: [], useConditions: [] });
  });

  it('reads the EGA dataset object: no DUO terms of its own, controlled access, its centre as publisher', () => {
    const [dataset] = readBeaconJson(realCatalog('duo/ega-dataset-valid-1.json')).datasets;
    expect(dataset).toMatchObject({
      sourceId: 'EBI-TEST:my-cancer-dataset_231',
      titles: [{ value: 'EBI test case-control dataset for cancer' }],
      themes: ['phenotype information'],
      publisher: { names: [{ value: 'EBI-TEST' }], kind: 'organization' },
      accessRights: 'non-public',
      useConditions: [],
      policyRefs: [],
    });
  });
});

describe('readBeacon on other shapes', () => {
  it('reads an EGA policy, its DUO codes and the datasets it names', () => {
    const reading = readBeaconJson({
      data: {
        objectId: { alias: 'p1', centerName: 'EBI-TEST' },
        duoCodes: [{ termId: 'DUO:0000042', termLabel: 'general research use' }, { termId: 'DUO:0000046' }],
        policyRelationships: [{ rTarget: { objectId: { egaAccession: 'EGAD00002043982' }, objectType: 'dataset' }, rType: 'referencedBy' }],
        schemaDescriptor: { objectType: 'policy' },
      },
    });
    expect(reading).toMatchObject({
      datasets: [],
      policies: [{ sourceId: 'EBI-TEST:p1', datasets: ['EGAD00002043982'], useConditions: [{ term: 'DUO:0000042' }, { term: 'DUO:0000046', modifiers: [] }] }],
      problems: [],
    });
  });

  it('reads a Beacon response\'s collections, and names EGA objects it does not read', () => {
    expect(readBeaconJson({ meta: {}, response: { collections: [{ id: 'a', name: 'A' }, { name: 'no id' }] } })).toMatchObject({
      datasets: [{ sourceId: 'a' }], problems: [{ where: '$.response.collections[1]', message: 'a Beacon dataset without "id" is not read' }],
    });
    expect(readBeaconJson({ data: { schemaDescriptor: { objectType: 'sample' } } }).problems[0]!.message).toBe('an EGA sample object is not a dataset or a policy; it is not read');
  });
});
