import { describe, expect, it } from 'vitest';
import type { IndexedDataset } from '../../../../subgraphs/catalog-index/catalog-index.js';
import { InMemoryCatalogIndex } from '../../../../subgraphs/catalog-index/in-memory-catalog-index.js';

// Search finds a dataset by its texts in every language the partner gave and by its identifiers;
// a dataset without either ranks exactly as before.
function dataset(id: string, fields: Partial<IndexedDataset>): IndexedDataset {
  return {
    id, partnerId: 'a', title: 'Untitled', description: 'No description.', keywords: [], themes: [],
    dataClass: 'PUBLIC', licenceId: 'CC-BY-4.0', useConditions: [{ code: 'NRES' }], embargoUntil: null,
    issued: '2020-01-01', modified: '2024-01-01T00:00:00Z', ...fields,
  };
}

const PLAIN = [
  dataset('a:1', { title: 'Daily air temperature', keywords: ['climate'] }),
  dataset('a:2', { title: 'Snow cover', description: 'Snow cover with air temperature context.' }),
];
const TRANSLATED = dataset('a:3', {
  title: 'River discharge',
  translations: [
    { title: 'Rivierafvoer', description: 'Dagelijkse afvoer van de Maas.', keywords: ['hydrologie'] },
    { title: null, description: null, keywords: ['hydrologie fluviale'] },
  ],
  identifiers: ['10.5281/zenodo.7654321', 'https://hdl.handle.net/20.500.12345/99'],
});

function search(datasets: IndexedDataset[], query: string) {
  const index = new InMemoryCatalogIndex();
  index.replacePartner('a', datasets);
  return index.search({ query, sort: 'RELEVANCE', first: 20 }).hits.map((h) => ({ id: h.dataset.id, score: h.score }));
}

describe('search over translations and identifiers', () => {
  it.each([
    ['a translated title', 'Rivierafvoer'],
    ['a translated description', 'Maas'],
    ['a translated keyword', 'fluviale'],
    ['a DOI', '10.5281/zenodo.7654321'],
    ['a handle', '20.500.12345/99'],
  ])('finds the dataset by %s', (_name, query) => {
    expect(search([...PLAIN, TRANSLATED], query).map((h) => h.id)).toEqual(['a:3']);
  });

  it('scores datasets without translations as it did before another one had any', () => {
    const river = { title: 'River discharge', description: 'Daily discharge.' };
    const before = search([...PLAIN, dataset('a:3', river)], 'air temperature');
    const after = search([...PLAIN, dataset('a:3', { ...river, translations: [{ title: 'Luchttemperatuur', description: 'Dagelijkse afvoer.', keywords: ['lucht'] }] })], 'air temperature');
    expect(before.map((h) => h.id)).toEqual(['a:1', 'a:2']);
    expect(after).toEqual(before);
  });
});
