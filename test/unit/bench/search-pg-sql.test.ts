import { describe, expect, it } from 'vitest';
import type { IndexedDataset } from '../../../subgraphs/catalog-index/catalog-index.js';
import {
  checkSchemaName, COLUMNS, FACET_SQL, facetSelect, insertStatement, rankWeights, rowValues, searchStatement, sessionStatements, toPeerResult,
  toTsQuery,
} from '../../bench/search/pg-search-sql.js';

// The search benchmark's PostgreSQL peer: the text it sends and the values it loads (test/bench is not
// part of the test run; what it compares ends up in test/bench/results/search-scale.md).

describe('toTsQuery', () => {
  it.each<[string, string | null]>([
    ['temperature', "'temperature':*"],
    ['river basin', "'river' & 'basin':*"],
    ['Finland diabetes finland', "'finland' & 'diabetes' & 'finland':*"],
    ['  snow   cover ', "'snow' & 'cover':*"],
    // the last word is a prefix only from three letters, as in the catalog index
    ['river ct', "'river' & 'ct'"],
    ['ct', "'ct'"],
    ['dna', "'dna':*"],
    // punctuation separates words, as MiniSearch's tokenizer does
    ['follow-up, imaging!', "'follow' & 'up' & 'imaging':*"],
    // tsquery operators and quotes are only ever literal text
    ["o'brien", "'o' & 'brien':*"],
    ['a|b & !c', "'a|b' & 'c'"],
    ['back\\slash', "'back' & 'slash':*"],
    ['<->', "'<' & '>'"],
    ['x+y=z', "'x+y=z':*"],
    ['', null],
    ['   ', null],
    ['...', null],
  ])('%j gives %j', (query, expected) => {
    expect(toTsQuery(query)).toBe(expected);
  });
});

describe('rankWeights', () => {
  it('keeps the catalog index boosts in proportion, in the order {D, C, B, A}', () => {
    expect(rankWeights()).toEqual([0.25, 0.375, 0.625, 1]);
  });

  it.each<[Record<'title' | 'keywords' | 'themes' | 'description', number>, number[]]>([
    [{ title: 1, keywords: 1, themes: 1, description: 1 }, [1, 1, 1, 1]],
    [{ title: 2, keywords: 0, themes: 0, description: 1 }, [0.5, 0, 0, 1]],
    [{ title: 1, keywords: 4, themes: 0, description: 0 }, [0, 0, 1, 0.25]],
  ])('%j gives %j', (boost, expected) => {
    expect(rankWeights(boost)).toEqual(expected);
  });

  it('refuses boosts that weigh nothing', () => {
    expect(() => rankWeights({ title: 0, keywords: 0, themes: 0, description: 0 })).toThrow(RangeError);
  });
});

describe('checkSchemaName and sessionStatements', () => {
  it.each(['concord_bench_search', 'x', '_a1'])('accepts %j', (name) => {
    expect(checkSchemaName(name)).toBe(name);
  });

  it.each(['Concord', 'a-b', '1abc', 'a; DROP SCHEMA public', '', 'a'.repeat(64)])('refuses %j', (name) => {
    expect(() => checkSchemaName(name)).toThrow();
  });

  it('sets each setting quoted, and refuses anything but a plain name and value', () => {
    expect(sessionStatements({ work_mem: '32MB', jit: 'off' })).toEqual(["SET work_mem = '32MB'", "SET jit = 'off'"]);
    expect(() => sessionStatements({ "work_mem = '1GB'; --": '1' })).toThrow();
    expect(() => sessionStatements({ work_mem: "1'; DROP" })).toThrow();
  });
});

const dataset = (overrides: Partial<IndexedDataset> = {}): IndexedDataset => ({
  id: 'p:ds-1', partnerId: 'p', title: 'Snow cover', description: 'Daily.', keywords: ['Snow', 'snow', 'River basin'], themes: ['Environment', 'Environment', 'Energy'],
  dataClass: 'PUBLIC', licenceId: 'CC-BY-4.0', useConditions: [{ code: 'GRU' }, { code: 'NCU' }, { code: 'GRU' }], embargoUntil: null,
  issued: '2021-06-30', modified: '2024-01-01T00:00:00Z', ...overrides,
});

describe('rowValues', () => {
  it('gives one value per column, facet values normalised as the catalog index counts them', () => {
    const values = rowValues(dataset());
    expect(values).toHaveLength(COLUMNS.length);
    expect(Object.fromEntries(COLUMNS.map((column, i) => [column, values[i]]))).toEqual({
      id: 'p:ds-1', partner_id: 'p', title: 'Snow cover', description: 'Daily.',
      keywords: ['Snow', 'snow', 'River basin'], themes: ['Environment', 'Environment', 'Energy'],
      licence_id: 'CC-BY-4.0', data_class: 'PUBLIC',
      theme_values: ['Environment', 'Energy'], keyword_values: ['snow', 'river basin'], use_conditions: ['GRU', 'NCU'],
      issued_year: 2021,
    });
  });
});

describe('insertStatement', () => {
  it('numbers the parameters row after row', () => {
    const sql = insertStatement('s', 2);
    const n = COLUMNS.length;
    expect(sql).toMatch(/^INSERT INTO s\.datasets \(id, partner_id, .*, issued_year\) VALUES \(\$1, /);
    expect(sql).toContain(`$${n}), ($${n + 1}, `);
    expect(sql.endsWith(`$${2 * n})`)).toBe(true);
    expect(sql.match(/\$\d+/g)).toHaveLength(2 * n);
  });

  it.each([0, -1, 1.5])('refuses %d rows', (rows) => {
    expect(() => insertStatement('s', rows)).toThrow(RangeError);
  });
});

describe('facetSelect', () => {
  it.each<[keyof typeof FACET_SQL, string[]]>([
    ['partners', ['SELECT partner_id COLLATE "C" AS value', 'FROM matched GROUP BY 1 ORDER BY count DESC, value)']],
    ['keywords', ['unnest(matched.keyword_values) AS element', 'ORDER BY count DESC, value LIMIT 25)']],
    ['themes', ['unnest(matched.theme_values) AS element', 'ORDER BY count DESC, value)']],
    ['years', ['SELECT issued_year::text COLLATE "C" AS value', 'ORDER BY value DESC)']],
  ])('counts %s over the match set, in the catalog index order', (facet, fragments) => {
    const sql = facetSelect(FACET_SQL[facet]);
    for (const fragment of fragments) expect(sql).toContain(fragment);
  });

  it('has one entry per facet of the catalog index', () => {
    expect(Object.keys(FACET_SQL).sort()).toEqual(['dataClasses', 'keywords', 'licences', 'partners', 'themes', 'useConditions', 'years']);
  });
});

describe('searchStatement', () => {
  it.each<[boolean, string[], string[]]>([
    [true, ["to_tsquery('simple'::regconfig, $1)", "ts_rank('{0.25,0.375,0.625,1}'::real[], d.document, q.query, 1)", 'LIMIT $2'], ['$3']],
    [false, ['LIMIT $1', '0::real AS rank'], ['$2', 'to_tsquery']],
  ])('with a query: %s', (withQuery, present, absent) => {
    const sql = searchStatement('s', withQuery);
    for (const fragment of present) expect(sql).toContain(fragment);
    for (const fragment of absent) expect(sql).not.toContain(fragment);
    for (const facet of Object.keys(FACET_SQL)) expect(sql).toContain(`AS "${facet}"`);
  });
});

describe('toPeerResult', () => {
  const hit = (id: string) => ({ id, title: id, rank: 0.1 });
  const facets = { partners: [{ value: 'p', count: 3 }], licences: [], dataClasses: [], themes: [], keywords: [], useConditions: [], years: [] };

  it.each<[number, number, boolean]>([
    [3, 2, true],
    [2, 2, false],
    [0, 2, false],
  ])('%d rows for first %d: another page follows = %s', (rows, first, hasNextPage) => {
    const result = toPeerResult({ total: '7', hits: Array.from({ length: rows }, (_, i) => hit(`d${i}`)), ...facets }, first);
    expect(result.totalCount).toBe(7);
    expect(result.hits).toHaveLength(Math.min(rows, first));
    expect(result.hasNextPage).toBe(hasNextPage);
    expect(result.facets).toEqual(facets);
  });
});
