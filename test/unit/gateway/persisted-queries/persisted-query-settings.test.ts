import { describe, expect, it } from 'vitest';
import { readPersistedQuerySettings } from '../../../../gateway/persisted-queries/persisted-query-settings.js';

describe('readPersistedQuerySettings', () => {
  it.each([
    [{}, { mode: 'apq', manifestPath: null, apqTtlSeconds: 86_400 }],
    [{ PERSISTED_QUERIES: 'off' }, { mode: 'off', manifestPath: null, apqTtlSeconds: 86_400 }],
    [{ PERSISTED_QUERIES: 'safelist', PERSISTED_QUERIES_MANIFEST: 'pq.json' }, { mode: 'safelist', manifestPath: 'pq.json', apqTtlSeconds: 86_400 }],
    [{ PERSISTED_QUERIES: 'safelist', REDIS_URL: 'redis://r:6379' }, { mode: 'safelist', manifestPath: null, apqTtlSeconds: 86_400 }],
    [{ PERSISTED_QUERIES_TTL_SECONDS: '600' }, { mode: 'apq', manifestPath: null, apqTtlSeconds: 600 }],
  ])('reads %j', (env, expected) => {
    expect(readPersistedQuerySettings(env)).toEqual(expected);
  });

  it.each([
    [{ PERSISTED_QUERIES: 'on' }, 'PERSISTED_QUERIES must be one of off, apq, safelist, got "on"'],
    [{ PERSISTED_QUERIES: 'safelist' }, 'PERSISTED_QUERIES=safelist needs the registered operations: set PERSISTED_QUERIES_MANIFEST'],
    [{ PERSISTED_QUERIES_TTL_SECONDS: '0' }, 'PERSISTED_QUERIES_TTL_SECONDS must be a positive whole number, got "0"'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => readPersistedQuerySettings(env)).toThrow(message);
  });
});
