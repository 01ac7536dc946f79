import { describe, expect, it } from 'vitest';
import { readPartnerConfig } from '../../../../subgraphs/partner-kit/config.js';
import { ConfigError } from '../../../../runtime/env.js';

const SECRET = 'a-partner-signing-secret-0123456789abcdef';
const minimal = { PARTNER_ID: 'northbridge-hospital', SUBGRAPH_SIGNING_SECRET: SECRET };

describe('partner configuration', () => {
  it('has sensible defaults, the catalog file being the partner\'s own', () => {
    expect(readPartnerConfig(minimal)).toEqual({
      partner: 'northbridge-hospital', catalogPath: 'subgraphs/partners/northbridge-hospital/catalog.json',
      port: 4101, host: '127.0.0.1', signingSecret: SECRET, redisUrl: null, redisKeyPrefix: 'concord:', logLevel: 'info',
    });
  });

  it.each([
    ['--partner over PARTNER_ID', minimal, ['--partner', 'helix-therapeutics'], { partner: 'helix-therapeutics', catalogPath: 'subgraphs/partners/helix-therapeutics/catalog.json' }],
    ['CATALOG_PATH', { ...minimal, CATALOG_PATH: 'elsewhere.json' }, [], { catalogPath: 'elsewhere.json' }],
    ['--catalog over CATALOG_PATH', { ...minimal, CATALOG_PATH: 'elsewhere.json' }, ['--catalog', 'mine.json'], { catalogPath: 'mine.json' }],
    ['REDIS_URL and REDIS_KEY_PREFIX, for nonces shared by replicas', { ...minimal, REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'c1:' }, [], { redisUrl: 'redis://cache:6379', redisKeyPrefix: 'c1:' }],
    ['PORT, HOST and LOG_LEVEL', { ...minimal, PORT: '0', HOST: '0.0.0.0', LOG_LEVEL: 'warn' }, [], { port: 0, host: '0.0.0.0', logLevel: 'warn' }],
  ])('reads %s', (_name, env, argv, expected) => {
    expect(readPartnerConfig(env, argv)).toMatchObject(expected);
  });

  it.each([
    [{ SUBGRAPH_SIGNING_SECRET: SECRET }, [], /^PARTNER_ID \(or --partner\) must be a partner id such as northbridge-hospital, got ""$/],
    [{ ...minimal, PARTNER_ID: 'Northbridge_Hospital' }, [], /PARTNER_ID \(or --partner\) must be a partner id such as northbridge-hospital, got "Northbridge_Hospital"/],
    [minimal, ['--partner', 'helix--therapeutics'], /PARTNER_ID \(or --partner\) must be a partner id .*got "helix--therapeutics"/],
    [{ PARTNER_ID: 'northbridge-hospital' }, [], /^SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway$/],
    [{ ...minimal, SUBGRAPH_SIGNING_SECRET: 'short' }, [], /^SUBGRAPH_SIGNING_SECRET must be at least 32 characters, got 5$/],
    [{ ...minimal, PORT: 'http' }, [], /^PORT must be a TCP port number from 0 to 65535, got "http"$/],
    [{ ...minimal, REDIS_URL: 'http://cache:6379' }, [], /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/cache:6379"$/],
    [{ ...minimal, REDIS_KEY_PREFIX: 'a b' }, [], /^REDIS_KEY_PREFIX must be 1 to 100 printable characters without spaces, got "a b"$/],
    [{ ...minimal, LOG_LEVEL: 'chatty' }, [], /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "chatty"$/],
    [minimal, ['--catalogue', 'x.json'], /^command line: .*usage: npm run partner -- --partner ID \[--catalog FILE\]$/],
    [minimal, ['--partner'], /^command line: .*usage: npm run partner/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => readPartnerConfig(env, argv)).toThrow(ConfigError);
    expect(() => readPartnerConfig(env, argv)).toThrow(message);
  });
});
