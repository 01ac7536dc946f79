import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGovernanceConfig } from '../../../../subgraphs/governance/config.js';
import { ConfigError } from '../../../../runtime/env.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

const SECRET = 'the-governance-signing-secret-0123456789';
const PARTNER_SECRET = 'a-partner-signing-secret-0123456789abcdef';
const SUPERGRAPH_TEXT = 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\n';

describe('governance configuration', () => {
  let supergraph: string;
  let minimal: Record<string, string>;
  beforeAll(() => {
    supergraph = join(mkdtempSync(join(tmpdir(), 'concord-governance-config-')), 'supergraph.graphql');
    writeFileSync(supergraph, SUPERGRAPH_TEXT);
    minimal = { SUBGRAPH_SIGNING_SECRET: SECRET, SUPERGRAPH_PATH: supergraph };
  });
  afterAll(() => removeFolder(supergraph && dirname(supergraph)));

  it('has sensible defaults: port 4090, the store in memory, a 60-day decision deadline', () => {
    expect(readGovernanceConfig(minimal)).toEqual({
      port: 4090, host: '127.0.0.1', supergraphPath: supergraph, supergraphSdl: SUPERGRAPH_TEXT, partnerUrls: new Map(),
      harvestIntervalSeconds: 60, harvestTimeoutMs: 10_000, signingSecret: SECRET, partnerSigningSecrets: new Map(),
      redisUrl: null, redisKeyPrefix: 'concord:', decisionDeadlineDays: 60, logLevel: 'info',
    });
  });

  it('reads the repository\'s supergraph by default', () => {
    expect(readGovernanceConfig({ SUBGRAPH_SIGNING_SECRET: SECRET }).supergraphPath).toBe('schema/supergraph.graphql');
  });

  it.each([
    ['--supergraph over SUPERGRAPH_PATH', { SUPERGRAPH_PATH: 'nowhere.graphql' }, 'argv', { supergraphSdl: SUPERGRAPH_TEXT }],
    ['Redis', { REDIS_URL: 'redis://127.0.0.1:6379/2' }, '', { redisUrl: 'redis://127.0.0.1:6379/2' }],
    ['Redis over TLS', { REDIS_URL: 'rediss://redis.example.org:6380' }, '', { redisUrl: 'rediss://redis.example.org:6380' }],
    ['the key prefix', { REDIS_KEY_PREFIX: 'concord-test:abc:' }, '', { redisKeyPrefix: 'concord-test:abc:' }],
    ['production with Redis', { NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' }, '', { redisUrl: 'redis://redis:6379' }],
    ['development without Redis', { NODE_ENV: 'development' }, '', { redisUrl: null }],
    ['the decision deadline', { DECISION_DEADLINE_DAYS: '90' }, '', { decisionDeadlineDays: 90 }],
    ['partner URL overrides', { SUBGRAPH_URLS: 'helix-therapeutics=http://helix:4102/graphql' }, '', { partnerUrls: new Map([['helix-therapeutics', 'http://helix:4102/graphql']]) }],
    ['partner signing keys', { SUBGRAPH_SIGNING_SECRETS: `helix-therapeutics=${PARTNER_SECRET}` }, '', { partnerSigningSecrets: new Map([['helix-therapeutics', PARTNER_SECRET]]) }],
    ['the harvest schedule', { HARVEST_INTERVAL_SECONDS: '5', HARVEST_TIMEOUT_MS: '2500' }, '', { harvestIntervalSeconds: 5, harvestTimeoutMs: 2500 }],
    ['PORT, HOST and LOG_LEVEL', { PORT: '0', HOST: '0.0.0.0', LOG_LEVEL: 'debug' }, '', { port: 0, host: '0.0.0.0', logLevel: 'debug' }],
  ])('reads %s', (_name, env, argv, expected) => {
    const args = argv === 'argv' ? ['--supergraph', supergraph] : [];
    expect(readGovernanceConfig({ ...minimal, ...env }, args)).toMatchObject(expected);
  });

  it.each([
    [{ NODE_ENV: 'production' }, [], /^REDIS_URL must be set when NODE_ENV is production: the in-memory governance store loses every request, decision and grant on restart/],
    [{ NODE_ENV: 'production', REDIS_URL: '' }, [], /^REDIS_URL must be set when NODE_ENV is production/],
    [{ REDIS_URL: 'http://redis:6379' }, [], /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/redis:6379"$/],
    [{ REDIS_URL: 'not a url' }, [], /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ REDIS_KEY_PREFIX: 'has space' }, [], /^REDIS_KEY_PREFIX must be 1 to 100 printable characters without spaces, got "has space"$/],
    [{ DECISION_DEADLINE_DAYS: '0' }, [], /^DECISION_DEADLINE_DAYS must be a positive whole number, got "0"$/],
    [{ DECISION_DEADLINE_DAYS: 'two months' }, [], /^DECISION_DEADLINE_DAYS must be a positive whole number, got "two months"$/],
    [{ SUBGRAPH_SIGNING_SECRET: '' }, [], /^SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway$/],
    [{ SUBGRAPH_SIGNING_SECRET: 'short' }, [], /^SUBGRAPH_SIGNING_SECRET must be at least 32 characters, got 5$/],
    [{ SUPERGRAPH_PATH: 'nowhere/supergraph.graphql' }, [], /^supergraph file "nowhere\/supergraph.graphql" cannot be read \(ENOENT\)/],
    [{ SUBGRAPH_SIGNING_SECRETS: 'helix-therapeutics=short' }, [], /^SUBGRAPH_SIGNING_SECRETS must be a comma-separated list of name=secret/],
    [{ PORT: '70000' }, [], /^PORT must be a TCP port number from 0 to 65535, got "70000"$/],
    [{ LOG_LEVEL: 'verbose' }, [], /^LOG_LEVEL must be one of/],
    [{}, ['--supergrahp', 'x'], /^command line: .*usage: npm run governance -- \[--supergraph FILE\]$/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => readGovernanceConfig({ ...minimal, ...env }, argv)).toThrow(ConfigError);
    expect(() => readGovernanceConfig({ ...minimal, ...env }, argv)).toThrow(message);
  });
});
