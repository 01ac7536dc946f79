import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSIST_EXIT, runPersist } from '../../../gateway/persisted-queries/persist-cli.js';
import { createRedisConnection, type RedisConnection } from '../../../gateway/stores/redis-connection.js';
import { CATALOG_SUPERGRAPH } from '../../harness/demo-federation.js';
import { temporaryFolder } from '../../harness/temporary-folder.js';

// `npm run persist` in-process (gateway/persisted-queries/persist-cli.ts): into a manifest file in a
// temporary folder and into the real Redis under a prefix of its own, removed at the end.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const prefix = `concord-test-${randomBytes(6).toString('hex')}:`;
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

const TITLES = 'query DatasetTitles { datasets(first: 3) { edges { node { id title } } } }\n';
const TWO_OPERATIONS = `# Two operations sharing a fragment.
query Titles { datasets(first: 2) { edges { node { ...Named } } } }

query Count { datasets(first: 1) { totalCount } }

fragment Named on Dataset { id title }
`;

let redis: RedisConnection;
beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
});
afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis?.close();
});

/** The files in a temporary folder, and the command run on them with this environment. */
async function persist(files: Record<string, string>, env: Record<string, string>) {
  const folder = temporaryFolder('concord-persist-');
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  });
  const out: string[] = [];
  const err: string[] = [];
  const manifest = join(folder, 'manifest.json');
  const code = await runPersist(paths, { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, PERSISTED_QUERIES_MANIFEST: manifest, ...env }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, manifest, folder };
}

describe('npm run persist', () => {
  it('registers each operation of each file into the manifest, in Apollo\'s manifest format, and prints each name and hash', async () => {
    const { code, out, err, manifest } = await persist({ 'titles.graphql': TITLES, 'two.graphql': TWO_OPERATIONS }, {});
    expect(err).toEqual([]);
    expect(code).toBe(PERSIST_EXIT.registered);
    const titles = 'query Titles { datasets(first: 2) { edges { node { ...Named } } } }\n\nfragment Named on Dataset { id title }';
    const count = 'query Count { datasets(first: 1) { totalCount } }';
    // A file of one operation is registered as it stands, so its hash is the file's.
    expect(out.slice(0, 3).map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['DatasetTitles', hashOf(TITLES)], ['Titles', hashOf(titles)], ['Count', hashOf(count)],
    ]);
    expect(out[3]).toBe(`registered 3 operations in ${manifest}`);
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: hashOf(count), name: 'Count', type: 'query', body: count },
        { id: hashOf(TITLES), name: 'DatasetTitles', type: 'query', body: TITLES },
        { id: hashOf(titles), name: 'Titles', type: 'query', body: titles },
      ],
    });
  });

  it('adds to a manifest that exists and keeps what it holds', async () => {
    const first = await persist({ 'titles.graphql': TITLES }, {});
    const again = await runPersist([join(first.folder, 'titles.graphql')], { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, PERSISTED_QUERIES_MANIFEST: first.manifest }, { out: () => {}, err: () => {} });
    expect(again).toBe(0);
    writeFileSync(join(first.folder, 'count.graphql'), 'query Count { datasets { totalCount } }');
    expect(await runPersist([join(first.folder, 'count.graphql')], { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, PERSISTED_QUERIES_MANIFEST: first.manifest }, { out: () => {}, err: () => {} })).toBe(0);
    const names = (JSON.parse(readFileSync(first.manifest, 'utf8')) as { operations: { name: string }[] }).operations.map((o) => o.name);
    expect(names).toEqual(['Count', 'DatasetTitles']);
  });

  it('registers into Redis under REDIS_KEY_PREFIX when no manifest is named', async () => {
    const { code, out } = await persist({ 'titles.graphql': TITLES }, { PERSISTED_QUERIES_MANIFEST: '', REDIS_URL, REDIS_KEY_PREFIX: prefix });
    expect(code).toBe(PERSIST_EXIT.registered);
    expect(out.at(-1)).toBe(`registered 1 operation in ${prefix}persisted-queries`);
    expect(JSON.parse((await redis.client.hGet(`${prefix}persisted-queries`, hashOf(TITLES)))!)).toEqual({ name: 'DatasetTitles', type: 'query', body: TITLES });
  });

  it.each([
    ['a syntax error', 'query Broken { datasets { ', /broken\.graphql: does not parse: Syntax Error: Expected Name, found <EOF>/],
    ['an unknown field', 'query Unknown { datasets { nope } }', /broken\.graphql, operation "Unknown": does not validate against the supergraph: Cannot query field "nope" on type "DatasetConnection"/],
    ['an anonymous operation', '{ datasets { totalCount } }', /broken\.graphql: every operation must be named/],
    ['too deep', `query Deep { __schema { types { fields { type { ${'ofType { '.repeat(18)}name${' }'.repeat(22)} }`, /broken\.graphql, operation "Deep": does not validate against the supergraph: "Deep" is nested more than 20 fields deep/],
    ['over MAX_COST', 'query Huge { a: datasets(first: 1000) { edges { node { id title distributions { title } } } } b: datasets(first: 1000) { edges { node { id title distributions { title } } } } }', /broken\.graphql, operation "Huge": Operation "Huge" has an estimated cost of \d+; at most 5000 is allowed/],
    ['no operation', 'fragment F on Dataset { id }', /broken\.graphql: holds no operation/],
  ])('refuses a file with %s, naming the file and the operation, and registers nothing', async (_, text, message) => {
    const { code, err, manifest } = await persist({ 'good.graphql': TITLES, 'broken.graphql': text }, { MAX_COST: '5000' });
    expect(code).toBe(PERSIST_EXIT.refused);
    expect(err[0]).toMatch(message);
    expect(err.at(-1)).toBe('persist: nothing registered');
    expect(existsSync(manifest)).toBe(false);
  });

  it('refuses two different operations under one name', async () => {
    const { code, err } = await persist({ 'a.graphql': TITLES, 'b.graphql': 'query DatasetTitles { datasets { totalCount } }' }, {});
    expect(code).toBe(PERSIST_EXIT.refused);
    expect(err[0]).toMatch(/b\.graphql, operation "DatasetTitles": another operation of this name, with another text, is in .*a\.graphql/);
  });

  it.each([
    ['no file', [], {}, /^usage: npm run persist/],
    ['nowhere to register', ['x.graphql'], { PERSISTED_QUERIES_MANIFEST: '' }, /nowhere to register: set PERSISTED_QUERIES_MANIFEST/],
    ['a bad setting', ['x.graphql'], { MAX_COST: 'lots' }, /MAX_COST must be a positive whole number, got "lots"/],
    ['a missing supergraph', ['x.graphql'], { SUPERGRAPH_PATH: '/nonexistent/supergraph.graphql' }, /supergraph file "\/nonexistent\/supergraph.graphql" cannot be read/],
  ])('exits 2 with %s', async (_, files, env, message) => {
    const err: string[] = [];
    const code = await runPersist(files, { SUPERGRAPH_PATH: CATALOG_SUPERGRAPH, PERSISTED_QUERIES_MANIFEST: '/tmp/unused.json', ...env }, { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(PERSIST_EXIT.failed);
    expect(err.join('\n')).toMatch(message);
  });
});
