import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedDataset } from '../../../subgraphs/catalog-index/catalog-index.js';
import { InMemoryCatalogIndex } from '../../../subgraphs/catalog-index/in-memory-catalog-index.js';
import { DEFAULT_PG_URL, describeError, PgPeer, redactUrl } from '../../bench/search/pg-peer.js';
import { scaleCatalogs } from '../../bench/search/scale-catalogs.js';

// The search benchmark's PostgreSQL peer. Without PostgreSQL it must say why in one line; with it
// (BENCH_PG_URL, or the local default), it must count the catalog index's facets exactly, over the
// same matches. The second part is skipped when no PostgreSQL answers; it uses a schema of its own.

describe('redactUrl', () => {
  it.each<[string, string]>([
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'],
    ['postgres://bench:s3cret@db.example:5432/test', 'postgres://bench:***@db.example:5432/test'],
    ['not a url', '(not a URL)'],
  ])('%j prints as %j', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('describeError', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each<[unknown, string]>([
    [withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'connect ECONNREFUSED 127.0.0.1:5432'],
    [withCode('database "nope" does not exist', '3D000'), 'database "nope" does not exist (3D000)'],
    [withCode('', 'ECONNREFUSED'), 'ECONNREFUSED'],
    [new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), 'connect ECONNREFUSED ::1:5432'],
    [new Error('first line\n    at somewhere'), 'first line'],
    ['a string', 'a string'],
  ])('%s reads %j', (error, expected) => {
    expect(describeError(error)).toBe(expected);
  });
});

describe('PgPeer.start without PostgreSQL', () => {
  it('returns the reason instead of throwing', async () => {
    const lines: string[] = [];
    const started = await PgPeer.start({ url: 'postgres://postgres@127.0.0.1:1/test', datasets: [], log: (line) => lines.push(line) });
    expect(started).toEqual({ skipped: expect.stringMatching(/^cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1\/test: .*ECONNREFUSED/) });
  });
});

const url = process.env.BENCH_PG_URL || DEFAULT_PG_URL;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe.skipIf(!(await reachable()))('PgPeer against the catalog index (skipped only when no PostgreSQL answers at BENCH_PG_URL)', () => {
  const schema = `concord_test_search_${process.pid}`;
  const datasets: IndexedDataset[] = scaleCatalogs(3, 60, 11).flatMap((c) => c.datasets.map((d) => ({
    id: d.id, partnerId: c.partner.id, title: d.title, description: d.description, keywords: d.keywords, themes: d.themes,
    dataClass: d.dataClass, licenceId: d.licence.id, useConditions: d.useConditions, embargoUntil: null, issued: d.issued, modified: d.modified,
  })));
  const index = new InMemoryCatalogIndex();
  let peer: PgPeer;

  beforeAll(async () => {
    for (const partnerId of new Set(datasets.map((d) => d.partnerId))) index.replacePartner(partnerId, datasets.filter((d) => d.partnerId === partnerId));
    const started = await PgPeer.start({ url, schema, datasets, log: () => undefined });
    if ('skipped' in started) throw new Error(started.skipped);
    peer = started.peer;
  });

  afterAll(async () => {
    await peer?.close();
  });

  it('matches every dataset for an empty query, with the same facets', async () => {
    const mine = index.search({ query: '', sort: 'RELEVANCE', first: 5 });
    const theirs = await peer.search('', 5);
    expect(theirs.totalCount).toBe(datasets.length);
    expect(theirs.hits.map((h) => h.id)).toEqual(mine.hits.map((h) => h.dataset.id));
    expect(theirs.hasNextPage).toBe(true);
    expect(theirs.facets).toEqual(mine.facets);
  });

  it.each(['cohort', 'river basin', 'patients with', 'snow', 'oncology trial', 'tempera'])(
    'counts the facets of %j over the same matches as the catalog index',
    async (query) => {
      const ids = await peer.matchIds(query);
      const theirs = await peer.search(query, 20);
      const seen = new Set<string>();
      index.search({ query, sort: 'RELEVANCE', first: 20, usable: (d) => { seen.add(d.id); return true; } });
      expect(theirs.totalCount).toBe(ids.size);
      expect(ids.size).toBeGreaterThan(0);
      // Every PostgreSQL match is one of Concord's (which also forgives typos).
      expect([...ids].filter((id) => !seen.has(id))).toEqual([]);
      const narrowed = index.search({ query, sort: 'RELEVANCE', first: 20, usable: (d) => ids.has(d.id) });
      expect(theirs.facets).toEqual(narrowed.facets);
      expect(theirs.hits).toHaveLength(Math.min(20, ids.size));
    },
  );

  it('finds nothing for a word with a letter dropped, which the catalog index still finds', async () => {
    expect((await peer.search('temprature', 20)).totalCount).toBe(0);
    expect(index.search({ query: 'temprature', sort: 'RELEVANCE', first: 20 }).totalCount).toBeGreaterThan(0);
  });

  it.each(["a|b & !c (x) <-> 'q' :* \\", '+=$^`~', '::*'])('reads %j as words, never as tsquery syntax', async (query) => {
    await expect(peer.search(query, 20)).resolves.toMatchObject({ totalCount: expect.any(Number) });
  });

  it('drops its schema when closed', async () => {
    await peer.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(found.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
