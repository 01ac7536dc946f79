import { describe, expect, it } from 'vitest';
import type { PartnerDefaults } from '../../../../../subgraphs/partner-kit/import/defaults-file.js';
import { mapToCatalog, type SourceFile } from '../../../../../subgraphs/partner-kit/import/map-to-catalog.js';
import { emptyDataset, emptyDistribution } from '../../../../../subgraphs/partner-kit/import/readers/source-records.js';
import type { SourceDataset, SourceReading } from '../../../../../subgraphs/partner-kit/import/source-dataset.js';
import { parseCatalog } from '../../../../../subgraphs/partner-kit/load-catalog.js';

const DEFAULTS: PartnerDefaults = {
  partner: { name: 'Acme Labs', kind: 'COMPANY', country: 'NL' },
  dataClass: { whenUnstated: 'PUBLIC', whenRestricted: 'PARTNER_SHARED' },
  useConditions: [{ code: 'GRU' }],
};

function dataset(sourceId: string, extra: Partial<SourceDataset> = {}): SourceDataset {
  return {
    ...emptyDataset(sourceId),
    titles: [{ value: `Title of ${sourceId}`, language: 'en' }],
    descriptions: [{ value: `About ${sourceId}`, language: 'en' }],
    issued: '2024-01-01',
    modified: '2024-02-01T00:00:00Z',
    licences: [{ uri: 'https://creativecommons.org/licenses/by/4.0/' }],
    accessRights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
    ...extra,
  };
}

function file(name: string, datasets: SourceDataset[], extra: Partial<SourceReading> = {}): SourceFile {
  return { file: name, reading: { format: 'dcat', datasets, problems: [], ...extra } };
}

const map = (files: SourceFile[], defaults: PartnerDefaults | undefined = DEFAULTS) => mapToCatalog(files, { partnerId: 'acme', ...(defaults ? { defaults } : {}) });

describe('source readings to one catalog', () => {
  it('imports a clean dataset without warnings, and the catalog loads in the partner kit', () => {
    const { catalog, outcomes } = map([file('a.ttl', [dataset('https://x.example/ds/alpha')])]);
    expect(outcomes).toEqual([expect.objectContaining({ id: 'acme:alpha', status: 'imported', warnings: [], refusals: [] })]);
    expect(parseCatalog(catalog, 'out.json').size).toBe(1);
    expect(catalog!.datasets[0]).toMatchObject({ id: 'acme:alpha', dataClass: 'PUBLIC', licence: { id: 'CC-BY-4.0', commercialUse: true }, useConditions: [] });
  });

  it('links datasets to their series and versions among the records it writes', () => {
    const series = { ...dataset('https://x.example/budget'), isSeries: true, descriptions: [] };
    const y2019 = dataset('https://x.example/budget-2019', { inSeries: ['https://x.example/budget'] });
    const y2020 = dataset('https://x.example/budget-2020', {
      inSeries: ['https://x.example/budget', 'https://x.example/unknown-series'],
      previousVersion: 'https://x.example/budget-2019',
      isVersionOf: 'https://elsewhere.example/budget',
    });
    const { catalog, outcomes } = map([file('s.ttl', [series, y2019, y2020])]);
    expect(catalog!.series).toEqual([{ id: 'acme:budget', title: 'Title of https://x.example/budget', issued: '2024-01-01', modified: '2024-02-01T00:00:00Z' }]);
    expect(catalog!.datasets[1]).toMatchObject({ inSeries: ['acme:budget'], previousVersion: 'acme:budget-2019', isVersionOf: 'https://elsewhere.example/budget' });
    expect(outcomes[2]!.warnings).toEqual([{ field: 'inSeries', message: expect.stringContaining('"https://x.example/unknown-series", which is not imported') }]);
    expect(parseCatalog(catalog, 'out.json').series.size).toBe(1);
  });

  it('points a version link at the source IRI when the dataset it names is refused', () => {
    const refused = dataset('https://x.example/v1', { descriptions: [] });
    const v2 = dataset('https://x.example/v2', { previousVersion: 'https://x.example/v1' });
    const { catalog } = map([file('v.ttl', [refused, v2])]);
    expect(catalog!.datasets).toEqual([expect.objectContaining({ id: 'acme:v2', previousVersion: 'https://x.example/v1' })]);
  });

  it('applies an EGA policy\'s DUO terms to the dataset it names, from another file', () => {
    const ega = dataset('EGAD00002043982', { accessRights: 'non-public', licences: [] });
    const policy = { sourceId: 'EBI:p1', datasets: ['EGAD00002043982'], useConditions: [{ term: 'DUO:0000006', modifiers: [] }, { term: 'DUO:0000046', modifiers: [] }] };
    const { catalog, outcomes } = map([
      file('dataset.json', [ega], { format: 'beacon' }),
      file('policy.json', [], { format: 'beacon', policies: [policy] }),
    ], { ...DEFAULTS, licence: { id: 'LicenseRef-EGA-DAA', name: 'Data access agreement', commercialUse: false, attributionRequired: true, fieldsOfUse: [] } });
    expect(catalog!.datasets[0]).toMatchObject({ dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'HMB' }, { code: 'NCU' }] });
    expect(outcomes[0]!.warnings.map((w) => w.field)).toEqual(['dataClass', 'licence']);
  });

  it('reports the partner kit loader\'s refusal with its own message, and writes the rest', () => {
    const late = dataset('https://x.example/late', { issued: '2024-05-01', modified: '2024-01-01T00:00:00Z' });
    const { catalog, outcomes } = map([file('a.ttl', [late, dataset('https://x.example/ok')])]);
    expect(outcomes[0]).toMatchObject({ status: 'refused', refusals: [{ field: 'modified', message: 'is before issued (2024-05-01)' }] });
    expect(catalog!.datasets.map((d) => d.id)).toEqual(['acme:ok']);
  });

  it('refuses a dataset whose public text repeats a guarded value, as the partner kit would', () => {
    const leaky = dataset('https://x.example/leaky', {
      descriptions: [{ value: 'Download it at https://files.example.org/secret.csv', language: 'en' }],
      distributions: [{ ...emptyDistribution('d1'), mediaType: 'text/csv', accessUrls: ['https://files.example.org/secret.csv'] }],
    });
    const { outcomes } = map([file('a.ttl', [leaky])]);
    expect(outcomes[0]).toMatchObject({ status: 'refused', refusals: [{ field: 'description', message: expect.stringContaining('repeats the value of guarded field "distributions[0].accessUrl"') }] });
  });

  it('imports a dataset read from two files once, and a later copy of one that was refused', () => {
    const good = dataset('https://x.example/twice');
    const bad = dataset('https://x.example/again', { titles: [] });
    const { outcomes } = map([file('a.ttl', [good, bad]), file('b.ttl', [good, dataset('https://x.example/again')])]);
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([['a.ttl', 'imported'], ['a.ttl', 'refused'], ['b.ttl', 'refused'], ['b.ttl', 'imported']]);
    expect(outcomes[2]!.refusals[0]!.message).toContain('was already imported from a.ttl');
  });

  it('checks and reports every dataset without a partner record, but writes no catalog', () => {
    const { catalog, outcomes } = map([file('a.ttl', [dataset('https://x.example/a')])], { dataClass: DEFAULTS.dataClass! });
    expect(catalog).toBeUndefined();
    expect(outcomes[0]!.status).toBe('imported');
  });

  it('keeps a restriction it cannot represent by refusing the dataset', () => {
    const { outcomes } = map([file('b.json', [dataset('ds1', { accessRights: undefined, useConditions: [{ term: 'DUO:0000007', modifiers: [] }] })])]);
    expect(outcomes[0]!.refusals).toEqual([{ field: 'useConditions[0].diseaseId', message: expect.stringContaining('names no disease') }]);
  });

  it('refuses a record the mapping fails on, with the error, and goes on with the others', () => {
    const odd = dataset('https://x.example/odd', { titles: [{ value: 42 as unknown as string }] });
    const { outcomes, catalog } = map([file('a.ttl', [odd, dataset('https://x.example/fine')])]);
    expect(outcomes[0]).toMatchObject({ status: 'refused', refusals: [{ field: '', message: expect.stringMatching(/^could not be mapped: .*trim/) }] });
    expect(catalog!.datasets.map((d) => d.id)).toEqual(['acme:fine']);
  });

  it('reports progress per dataset', () => {
    const seen: string[] = [];
    mapToCatalog([file('a.ttl', [dataset('a'), dataset('b'), { ...dataset('s'), isSeries: true }])], { partnerId: 'acme', defaults: DEFAULTS, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['1/2', '2/2']);
  });
});
