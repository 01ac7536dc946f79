import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/config.js';
import { DEFAULT_FIELD_COSTS } from '../../../gateway/limits/request-limits.js';
import { readSupergraphFile } from '../../../runtime/env.js';
import { ConfigError } from '../../../runtime/env.js';

describe('gateway configuration', () => {
  it('has sensible defaults', () => {
    expect(readGatewayConfig({})).toMatchObject({
      port: 4000, host: '127.0.0.1', supergraphPath: 'schema/supergraph.graphql', subgraphTimeoutMs: 10_000,
      maxRequestBytes: 1_000_000, maxQueryDepth: 20, maxAliases: 100, introspection: true, redisUrl: null, logLevel: 'info',
      redisKeyPrefix: 'concord:',
      maxNesting: 64, maxTokens: 5_000, maxDirectivesPerField: 4, maxDirectives: 50, maxCost: 100_000,
      fieldCosts: DEFAULT_FIELD_COSTS, defaultListSize: 10, maxVariablesBytes: 65_536,
    });
  });

  it.each([
    [{ MAX_NESTING: '32' }, { maxNesting: 32 }],
    [{ MAX_TOKENS: '2000' }, { maxTokens: 2000 }],
    [{ MAX_DIRECTIVES_PER_FIELD: '2', MAX_DIRECTIVES: '10' }, { maxDirectivesPerField: 2, maxDirectives: 10 }],
    [{ MAX_COST: '1000', DEFAULT_LIST_SIZE: '25' }, { maxCost: 1000, defaultListSize: 25 }],
    [{ MAX_VARIABLES_BYTES: '1024' }, { maxVariablesBytes: 1024 }],
    [{ FIELD_COSTS: 'Query.search=3, Dataset.sampleRecords=20,Query.policy=0' }, { fieldCosts: new Map([...DEFAULT_FIELD_COSTS, ['Query.search', 3], ['Dataset.sampleRecords', 20], ['Query.policy', 0]]) }],
  ])('reads the request limits %j', (env, expected) => {
    expect(readGatewayConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{}, 'concord:'],
    [{ REDIS_KEY_PREFIX: '' }, 'concord:'],
    [{ REDIS_KEY_PREFIX: 'concord-test:7f3a:' }, 'concord-test:7f3a:'],
    [{ REDIS_KEY_PREFIX: 'tenant/a{1}:' }, 'tenant/a{1}:'],
  ])('reads the Redis key prefix from %j', (env, prefix) => {
    expect(readGatewayConfig(env).redisKeyPrefix).toBe(prefix);
  });

  it('takes --supergraph over SUPERGRAPH_PATH', () => {
    expect(readGatewayConfig({ SUPERGRAPH_PATH: 'a.graphql' }, ['--supergraph', 'b.graphql']).supergraphPath).toBe('b.graphql');
    expect(readGatewayConfig({ SUPERGRAPH_PATH: 'a.graphql' }).supergraphPath).toBe('a.graphql');
  });

  it('reads subgraph URL overrides', () => {
    const config = readGatewayConfig({ SUBGRAPH_URLS: 'a=http://a:1/graphql, b=https://b/graphql' });
    expect([...config.subgraphUrls]).toEqual([['a', 'http://a:1/graphql'], ['b', 'https://b/graphql']]);
  });

  it.each([
    [{ PORT: 'eighty' }, [], /PORT must be a TCP port number from 0 to 65535, got "eighty"/],
    [{ PORT: '70000' }, [], /PORT must be a TCP port/],
    [{ SUBGRAPH_TIMEOUT_MS: '0' }, [], /SUBGRAPH_TIMEOUT_MS must be a positive whole number, got "0"/],
    [{ MAX_REQUEST_BYTES: '1.5' }, [], /MAX_REQUEST_BYTES must be a positive whole number/],
    [{ LOG_LEVEL: 'loud' }, [], /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/],
    [{ INTROSPECTION: 'yes' }, [], /INTROSPECTION must be one of true, false, got "yes"/],
    [{ REDIS_URL: 'localhost:6379' }, [], /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ REDIS_KEY_PREFIX: 'concord test:' }, [], /REDIS_KEY_PREFIX must be 1 to 100 printable characters without spaces, got "concord test:"/],
    [{ REDIS_KEY_PREFIX: 'x'.repeat(101) }, [], /REDIS_KEY_PREFIX must be 1 to 100 printable characters/],
    [{ REDIS_KEY_PREFIX: 'caf\u00e9:' }, [], /REDIS_KEY_PREFIX must be 1 to 100 printable characters/],
    [{ SUBGRAPH_URLS: 'a=ftp://x' }, [], /SUBGRAPH_URLS must be a comma-separated list of name=http\(s\):\/\/url, got "a=ftp:\/\/x"/],
    [{ SUBGRAPH_URLS: 'http://x' }, [], /SUBGRAPH_URLS must be a comma-separated list/],
    [{ SUBGRAPH_SIGNING_SECRETS: 'a=short-secret-value' }, [], /^SUBGRAPH_SIGNING_SECRETS must be a comma-separated list of name=secret with secrets of at least 32 characters, entry 1 \("a"\) is not$/],
    [{ MAX_TOKENS: '0' }, [], /MAX_TOKENS must be a positive whole number, got "0"/],
    [{ MAX_NESTING: 'deep' }, [], /MAX_NESTING must be a positive whole number, got "deep"/],
    [{ MAX_COST: '-5' }, [], /MAX_COST must be a positive whole number, got "-5"/],
    [{ MAX_DIRECTIVES_PER_FIELD: '1.5' }, [], /MAX_DIRECTIVES_PER_FIELD must be a positive whole number/],
    [{ MAX_VARIABLES_BYTES: '64k' }, [], /MAX_VARIABLES_BYTES must be a positive whole number, got "64k"/],
    [{ DEFAULT_LIST_SIZE: '0' }, [], /DEFAULT_LIST_SIZE must be a positive whole number/],
    [{ FIELD_COSTS: 'search=3' }, [], /FIELD_COSTS must be a comma-separated list of Type.field=cost with whole costs of 0 or more, got "search=3"/],
    [{ FIELD_COSTS: 'Query.search=-1' }, [], /FIELD_COSTS must be .*, got "Query.search=-1"/],
    [{ FIELD_COSTS: 'Query.search' }, [], /FIELD_COSTS must be .*, got "Query.search"/],
    [{}, ['--supergrahp', 'x'], /command line: .*usage: npm run gateway -- --supergraph FILE/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => readGatewayConfig(env, argv)).toThrow(ConfigError);
    expect(() => readGatewayConfig(env, argv)).toThrow(message);
  });

  it('reads the supergraph file, or names it and how to set another', () => {
    expect(readSupergraphFile('schema/supergraph.graphql')).toContain('@link(url: "https://specs.apollo.dev/join/');
    expect(() => readSupergraphFile('nowhere/supergraph.graphql')).toThrow(ConfigError);
    expect(() => readSupergraphFile('nowhere/supergraph.graphql'))
      .toThrow('supergraph file "nowhere/supergraph.graphql" cannot be read (ENOENT); set SUPERGRAPH_PATH or --supergraph');
  });
});
