import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogIndexConfig } from '../../../../subgraphs/catalog-index/config.js';
import { ConfigError } from '../../../../runtime/env.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

const SECRET = 'the-index-signing-secret-0123456789abcdef';
const PARTNER_SECRET = 'a-partner-signing-secret-0123456789abcdef';
const SUPERGRAPH_TEXT = 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\n';

describe('catalog index configuration', () => {
  let supergraph: string;
  let minimal: Record<string, string>;
  beforeAll(() => {
    supergraph = join(mkdtempSync(join(tmpdir(), 'concord-index-config-')), 'supergraph.graphql');
    writeFileSync(supergraph, SUPERGRAPH_TEXT);
    minimal = { SUBGRAPH_SIGNING_SECRET: SECRET, SUPERGRAPH_PATH: supergraph };
  });
  afterAll(() => removeFolder(supergraph && dirname(supergraph)));

  it('has sensible defaults and reads the supergraph file', () => {
    const config = readCatalogIndexConfig(minimal);
    expect(config).toEqual({
      port: 4100, host: '127.0.0.1', supergraphPath: supergraph, supergraphSdl: SUPERGRAPH_TEXT, partnerUrls: new Map(),
      harvestIntervalSeconds: 60, harvestTimeoutMs: 10_000, signingSecret: SECRET, partnerSigningSecrets: new Map(), logLevel: 'info',
      searchLimits: { maxQueryLength: 256, maxQueryWords: 10, timeBudgetMs: 1000 }, redisUrl: null, redisKeyPrefix: 'concord:',
    });
  });

  it('reads REDIS_URL and REDIS_KEY_PREFIX, where replicas share the nonces of signed requests', () => {
    expect(readCatalogIndexConfig({ ...minimal, REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'c1:' })).toMatchObject({ redisUrl: 'redis://cache:6379', redisKeyPrefix: 'c1:' });
    expect(() => readCatalogIndexConfig({ ...minimal, REDIS_URL: 'cache:6379' })).toThrow('REDIS_URL must be a redis:// or rediss:// URL, got "cache:6379"');
  });

  it('reads the search limits', () => {
    expect(readCatalogIndexConfig({ ...minimal, SEARCH_MAX_QUERY_LENGTH: '100', SEARCH_MAX_QUERY_WORDS: '8', SEARCH_TIME_BUDGET_MS: '250' }).searchLimits)
      .toEqual({ maxQueryLength: 100, maxQueryWords: 8, timeBudgetMs: 250 });
  });

  it.each([
    [{ SEARCH_MAX_QUERY_LENGTH: 'long' }, 'SEARCH_MAX_QUERY_LENGTH must be a positive whole number, got "long"'],
    [{ SEARCH_MAX_QUERY_WORDS: '0' }, 'SEARCH_MAX_QUERY_WORDS must be a positive whole number, got "0"'],
    [{ SEARCH_TIME_BUDGET_MS: '1.5' }, 'SEARCH_TIME_BUDGET_MS must be a positive whole number, got "1.5"'],
  ])('refuses the search limit %j', (env, message) => {
    expect(() => readCatalogIndexConfig({ ...minimal, ...env })).toThrow(message);
  });

  it('reads the repository\'s supergraph by default', () => {
    expect(readCatalogIndexConfig({ SUBGRAPH_SIGNING_SECRET: SECRET }).supergraphPath).toBe('schema/supergraph.graphql');
  });

  it.each([
    ['--supergraph over SUPERGRAPH_PATH', { SUPERGRAPH_PATH: 'nowhere.graphql' }, 'argv', { supergraphSdl: SUPERGRAPH_TEXT }],
    ['partner URL overrides', { SUBGRAPH_URLS: 'helix-therapeutics=http://helix:4102/graphql' }, '', { partnerUrls: new Map([['helix-therapeutics', 'http://helix:4102/graphql']]) }],
    ['partner signing keys', { SUBGRAPH_SIGNING_SECRETS: `helix-therapeutics=${PARTNER_SECRET}` }, '', { partnerSigningSecrets: new Map([['helix-therapeutics', PARTNER_SECRET]]) }],
    ['the harvest schedule', { HARVEST_INTERVAL_SECONDS: '5', HARVEST_TIMEOUT_MS: '2500' }, '', { harvestIntervalSeconds: 5, harvestTimeoutMs: 2500 }],
    ['PORT, HOST and LOG_LEVEL', { PORT: '0', HOST: '0.0.0.0', LOG_LEVEL: 'debug' }, '', { port: 0, host: '0.0.0.0', logLevel: 'debug' }],
  ])('reads %s', (_name, env, argv, expected) => {
    const args = argv === 'argv' ? ['--supergraph', supergraph] : [];
    expect(readCatalogIndexConfig({ ...minimal, ...env }, args)).toMatchObject(expected);
  });

  it.each([
    [{ SUBGRAPH_SIGNING_SECRET: '' }, [], /^SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway$/],
    [{ SUBGRAPH_SIGNING_SECRET: 'short' }, [], /^SUBGRAPH_SIGNING_SECRET must be at least 32 characters, got 5$/],
    [{ SUPERGRAPH_PATH: 'nowhere/supergraph.graphql' }, [], /^supergraph file "nowhere\/supergraph.graphql" cannot be read \(ENOENT\); set SUPERGRAPH_PATH or --supergraph$/],
    [{}, ['--supergraph', 'nowhere.graphql'], /^supergraph file "nowhere.graphql" cannot be read \(ENOENT\)/],
    [{ SUBGRAPH_URLS: 'helix=ftp://helix' }, [], /^SUBGRAPH_URLS must be a comma-separated list of name=http\(s\):\/\/url, got "helix=ftp:\/\/helix"$/],
    [{ SUBGRAPH_SIGNING_SECRETS: 'helix-therapeutics=short' }, [], /^SUBGRAPH_SIGNING_SECRETS must be a comma-separated list of name=secret with secrets of at least 32 characters, entry 1 \("helix-therapeutics"\) is not$/],
    [{ HARVEST_INTERVAL_SECONDS: '0' }, [], /^HARVEST_INTERVAL_SECONDS must be a positive whole number, got "0"$/],
    [{ HARVEST_TIMEOUT_MS: 'soon' }, [], /^HARVEST_TIMEOUT_MS must be a positive whole number, got "soon"$/],
    [{ PORT: '-1' }, [], /^PORT must be a TCP port number from 0 to 65535, got "-1"$/],
    [{ LOG_LEVEL: 'verbose' }, [], /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"$/],
    [{}, ['--supergrahp', 'x'], /^command line: .*usage: npm run catalog-index -- \[--supergraph FILE\]$/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => readCatalogIndexConfig({ ...minimal, ...env }, argv)).toThrow(ConfigError);
    expect(() => readCatalogIndexConfig({ ...minimal, ...env }, argv)).toThrow(message);
  });
});
