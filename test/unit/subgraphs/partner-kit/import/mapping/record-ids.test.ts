import { describe, expect, it } from 'vitest';
import { lastSegment, RecordIds, slugOf } from '../../../../../../subgraphs/partner-kit/import/mapping/record-ids.js';

describe('dataset ids', () => {
  it.each([
    ['https://example.com/dataset1', 'dataset1'],
    ['https://data.exampleMS.gov/id/dataset/1T2p3o4B', '1t2p3o4b'],
    ['http://dcat.example.org/catalog#budget-2018', 'budget-2018'],
    ['https://data.gov.cz/zdroj/datová-sada/247025684/', '247025684'],
    ['http://dx.doi.org/10.7927/H4PZ56R2', 'h4pz56r2'],
    ['17be64bb-da74-4195-9bb8-565c39846af2', '17be64bb-da74-4195-9bb8-565c39846af2'],
    ['EBI-TEST:my-cancer-dataset_231', 'ebi-test-my-cancer-dataset_231'],
    ['https://example.org/Straße Übersicht', 'strasse-ubersicht'],
  ])('%s gives the slug %s', (sourceId, slug) => {
    expect(slugOf(lastSegment(sourceId))).toBe(slug);
  });

  it('gives the same ids for the same sources, and tells apart two that make the same slug', () => {
    const assign = () => {
      const ids = new RecordIds('acme');
      return ['https://a.example/data/1', 'https://b.example/other/1', 'urn:x:2'].map((id) => ids.assign(id, 'f.json', undefined));
    };
    const first = assign();
    expect(first[0]).toEqual({ id: 'acme:1' });
    expect(first[1]).toEqual({ id: expect.stringMatching(/^acme:1-[0-9a-f]{8}$/) });
    expect(first[2]).toEqual({ id: 'acme:urn-x-2' });
    expect(assign()).toEqual(first);
  });

  it.each([
    ['https://concord.example.org/datasets/acme%3Ads-001', 'acme:ds-001'],
    ['https://concord.example.org/series/acme%3Abudget', 'acme:budget'],
    ['https://concord.example.org/datasets/other%3Ads-001', 'acme:other-ds-001'],
  ])('keeps the id of a record of this partner from its DCAT export: %s is %s', (sourceId, id) => {
    expect(new RecordIds('acme').assign(sourceId, 'export.ttl', undefined)).toEqual({ id });
  });

  it('reports a record read twice, and lets a later copy in once the first is released', () => {
    const ids = new RecordIds('acme');
    ids.assign('ds01', 'a.json', undefined);
    expect(ids.assign('ds01', 'b.json', undefined)).toEqual({ repeatOf: 'a.json' });
    ids.release('ds01');
    expect(ids.assign('ds01', 'b.json', undefined)).toEqual({ id: 'acme:ds01' });
  });

  it('names a blank node by its title, and says the id may change', () => {
    expect(new RecordIds('acme').assign('_:b0', 'f.ttl', 'Budget 2019')).toMatchObject({ id: 'acme:budget-2019', note: expect.stringContaining('blank node') });
  });

  it('keeps slugs short and stable', () => {
    const slug = slugOf('x'.repeat(300));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slugOf('x'.repeat(300))).toBe(slug);
  });
});
