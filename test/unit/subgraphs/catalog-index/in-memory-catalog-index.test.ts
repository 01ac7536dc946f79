import { describe, expect, it } from 'vitest';
import type { IndexedDataset, SearchRequest } from '../../../../subgraphs/catalog-index/catalog-index.js';
import { InMemoryCatalogIndex } from '../../../../subgraphs/catalog-index/in-memory-catalog-index.js';

function dataset(id: string, fields: Partial<IndexedDataset>): IndexedDataset {
  return {
    id, partnerId: id.split(':')[0]!, title: 'Untitled', description: 'No description.', keywords: [], themes: [],
    dataClass: 'PUBLIC', licenceId: 'CC-BY-4.0', useConditions: [{ code: 'NRES' }], embargoUntil: null,
    issued: '2020-01-01', modified: '2024-01-01T00:00:00Z', ...fields,
  };
}

const DATASETS = [
  dataset('a:1', { title: 'Daily air temperature reanalysis', keywords: ['climate', 'ERA5'], themes: ['Environment'], issued: '2021-05-01', modified: '2024-03-01T00:00:00Z' }),
  dataset('a:2', { title: 'Snow cover extent', description: 'Satellite snow cover, with air temperature context.', keywords: ['snow'], themes: ['Environment'], issued: '2019-02-01', modified: '2024-06-01T00:00:00Z' }),
  dataset('b:1', { title: 'Diabetes cohort follow-up', keywords: ['diabetes', 'cohort'], themes: ['Health'], dataClass: 'ANONYMIZED', licenceId: 'LicenseRef-X', useConditions: [{ code: 'HMB' }, { code: 'IRB' }], issued: '2021-09-01' }),
  dataset('b:2', { title: 'Breast cancer genomes', keywords: ['cancer', 'WGS'], themes: ['Health', 'Science and technology'], dataClass: 'PROPRIETARY', licenceId: 'LicenseRef-X', useConditions: [{ code: 'DS', diseaseId: 'MONDO:0007254' }] }),
  dataset('b:3', { title: 'Temperature sensors in operating theatres', keywords: ['hospital'], themes: ['Health'], dataClass: 'PARTNER_SHARED', licenceId: 'LicenseRef-X', useConditions: [{ code: 'GRU' }] }),
];

function index(): InMemoryCatalogIndex {
  const idx = new InMemoryCatalogIndex();
  idx.replacePartner('a', DATASETS.filter((d) => d.partnerId === 'a'));
  idx.replacePartner('b', DATASETS.filter((d) => d.partnerId === 'b'));
  return idx;
}

const search = (request: Partial<SearchRequest>) => index().search({ query: '', sort: 'RELEVANCE', first: 20, ...request });
const ids = (request: Partial<SearchRequest>) => search(request).hits.map((h) => h.dataset.id);

describe('catalog search', () => {
  it.each([
    ['a title word ranks title matches before description matches', { query: 'temperature' }, ['a:1', 'b:3', 'a:2']],
    ['a typo', { query: 'temperture' }, ['a:1', 'b:3', 'a:2']],
    ['a prefix', { query: 'diab' }, ['b:1']],
    ['two words must both match', { query: 'air temperature' }, ['a:1', 'a:2']],
    ['a keyword', { query: 'ERA5' }, ['a:1']],
    ['a theme', { query: 'environment' }, ['a:1', 'a:2']],
    ['nothing', { query: 'zebrafish' }, []],
    ['an empty query lists everything by id', { query: '' }, ['a:1', 'a:2', 'b:1', 'b:2', 'b:3']],
    ['a filter narrows a query', { query: 'temperature', filter: { partners: ['b'] } }, ['b:3']],
    ['use-condition filter', { filter: { useConditions: ['HMB', 'DS'] } }, ['b:1', 'b:2']],
    ['year filter', { filter: { years: [2021] } }, ['a:1', 'b:1']],
    ['theme filter', { filter: { themes: ['Science and technology'] } }, ['b:2']],
    ['sort by title', { sort: 'TITLE' as const }, ['b:2', 'a:1', 'b:1', 'a:2', 'b:3']],
    ['sort by modification, newest first', { sort: 'MODIFIED' as const, filter: { partners: ['a'] } }, ['a:2', 'a:1']],
    ['usableBy keeps what the predicate allows', { usable: (d: IndexedDataset) => d.dataClass === 'PUBLIC' }, ['a:1', 'a:2']],
  ])('%s', (_name, request, expected) => {
    expect(ids(request)).toEqual(expected);
  });

  it('counts facets over exactly the matching datasets', () => {
    const result = search({ query: 'temperature' });
    expect(result.totalCount).toBe(3);
    expect(result.facets.partners).toEqual([{ value: 'a', count: 2 }, { value: 'b', count: 1 }]);
    expect(result.facets.themes).toEqual([{ value: 'Environment', count: 2 }, { value: 'Health', count: 1 }]);
    expect(result.facets.years).toEqual([{ value: '2021', count: 1 }, { value: '2020', count: 1 }, { value: '2019', count: 1 }]);
    const narrowed = search({ query: 'temperature', filter: { themes: ['Health'] } });
    expect(narrowed.facets.partners).toEqual([{ value: 'b', count: 1 }]);
    expect(narrowed.facets.dataClasses).toEqual([{ value: 'PARTNER_SHARED', count: 1 }]);
  });

  it('pages with keyset positions, in every sort, without repeating or skipping', () => {
    for (const sort of ['RELEVANCE', 'MODIFIED', 'TITLE'] as const) {
      const idx = index();
      const seen: string[] = [];
      let after: SearchRequest['after'];
      for (let i = 0; i < 10; i++) {
        const page = idx.search({ query: '', sort, first: 2, after });
        seen.push(...page.hits.map((h) => h.dataset.id));
        if (!page.hasNextPage) break;
        after = page.hits.at(-1)!.position;
      }
      expect(seen.slice().sort(), sort).toEqual(['a:1', 'a:2', 'b:1', 'b:2', 'b:3']);
      expect(new Set(seen).size).toBe(5);
    }
  });

  it('forgets a dataset a partner no longer lists, in listings and in search', () => {
    const idx = index();
    idx.applyChanges('a', [dataset('a:1', { title: 'Hourly air temperature' })], new Set(['a:1']));
    expect(idx.search({ query: 'snow', sort: 'RELEVANCE', first: 10 }).hits).toEqual([]);
    expect(idx.search({ query: 'hourly', sort: 'RELEVANCE', first: 10 }).hits.map((h) => h.dataset.id)).toEqual(['a:1']);
    expect(idx.search({ query: 'daily', sort: 'RELEVANCE', first: 10 }).hits).toEqual([]);
    expect(idx.countFor('a')).toBe(1);
    expect(idx.page({ first: 10 }).items.map((d) => d.id)).toEqual(['a:1', 'b:1', 'b:2', 'b:3']);
  });
});
