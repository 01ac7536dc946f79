import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../runtime/env.js';
import { readCheckSettings, UsageError } from '../../../../../subgraphs/partner-kit/contract-check/check-settings.js';

const KEY = 'k'.repeat(32);
const OTHER = 'o'.repeat(32);
const URL_ARGS = ['--url', 'http://127.0.0.1:4101/graphql'];

describe('the checker\'s settings', () => {
  it.each([
    ['the shared key', URL_ARGS, { SUBGRAPH_SIGNING_SECRET: KEY }, { partnerId: null, signingSecret: KEY, keySource: 'SUBGRAPH_SIGNING_SECRET' }],
    ['the partner\'s own key, chosen by --partner', [...URL_ARGS, '--partner', 'acme-labs'], { SUBGRAPH_SIGNING_SECRETS: `acme-labs=${KEY},helix=${OTHER}`, SUBGRAPH_SIGNING_SECRET: OTHER },
      { partnerId: 'acme-labs', signingSecret: KEY, keySource: 'SUBGRAPH_SIGNING_SECRETS (entry "acme-labs")' }],
    ['the shared key for a partner without an entry of its own', [...URL_ARGS, '--partner', 'acme-labs'], { SUBGRAPH_SIGNING_SECRETS: `helix=${OTHER}`, SUBGRAPH_SIGNING_SECRET: KEY },
      { partnerId: 'acme-labs', signingSecret: KEY, keySource: 'SUBGRAPH_SIGNING_SECRET' }],
    ['the only entry, which names the partner', URL_ARGS, { SUBGRAPH_SIGNING_SECRETS: `acme-labs=${KEY}` },
      { partnerId: 'acme-labs', signingSecret: KEY, keySource: 'SUBGRAPH_SIGNING_SECRETS (entry "acme-labs")' }],
    ['the defaults', URL_ARGS, { SUBGRAPH_SIGNING_SECRET: KEY }, { json: false, timeoutMs: 10_000, pageSize: 500 }],
    ['every option', [...URL_ARGS, '--json', '--timeout-ms', '2500', '--page-size', '50'], { SUBGRAPH_SIGNING_SECRET: KEY }, { json: true, timeoutMs: 2500, pageSize: 50 }],
  ])('reads %s', (_name, argv, env, expected) => {
    expect(readCheckSettings(argv, env)).toMatchObject(expected);
  });

  it('answers --help with no key and no URL', () => {
    expect(readCheckSettings(['--help'], {})).toBe('help');
  });

  it.each([
    ['no --url', [], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, '--url is required: the partner\'s GraphQL endpoint'],
    ['a URL that is not http', ['--url', 'ftp://x/graphql'], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, '--url must be an http(s) URL, got "ftp://x/graphql"'],
    ['a partner id that is not one', [...URL_ARGS, '--partner', 'Acme Labs'], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, '--partner must be a partner id such as acme-labs, got "Acme Labs"'],
    ['an unknown option', [...URL_ARGS, '--verbose'], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, /^command line: Unknown option '--verbose'/],
    ['a timeout that is not a number', [...URL_ARGS, '--timeout-ms', 'soon'], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, '--timeout-ms must be a whole number from 1 to 600000, got "soon"'],
    ['a page larger than the partner kit serves', [...URL_ARGS, '--page-size', '10000'], { SUBGRAPH_SIGNING_SECRET: KEY }, UsageError, '--page-size must be a whole number from 1 to 5000, got "10000"'],
    ['no key at all', URL_ARGS, {}, UsageError,
      'no signing key: set SUBGRAPH_SIGNING_SECRETS to <partner-id>=<key>, or SUBGRAPH_SIGNING_SECRET to <key>, with the key the partner verifies signed requests with (at least 32 characters)'],
    ['several keys and no --partner', URL_ARGS, { SUBGRAPH_SIGNING_SECRETS: `acme-labs=${KEY},helix=${OTHER}` }, UsageError,
      '--partner is needed to choose the key among SUBGRAPH_SIGNING_SECRETS\' entries (acme-labs, helix)'],
    ['a short key, not echoed', URL_ARGS, { SUBGRAPH_SIGNING_SECRET: 'short-secret' }, ConfigError, 'SUBGRAPH_SIGNING_SECRET must be at least 32 characters, got 12'],
    ['a short entry, not echoed', URL_ARGS, { SUBGRAPH_SIGNING_SECRETS: 'acme-labs=short-secret' }, ConfigError, /entry 1 \("acme-labs"\) is not$/],
  ])('refuses %s, naming the input', (_name, argv, env, type, message) => {
    const read = () => readCheckSettings(argv, env);
    expect(read).toThrow(type);
    expect(read).toThrow(message);
    expect(read).not.toThrow(/short-secret/);
  });
});
