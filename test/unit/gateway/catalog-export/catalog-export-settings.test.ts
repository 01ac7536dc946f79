import { describe, expect, it } from 'vitest';
import {
  catalogExportSettingsOf, DEFAULT_CATALOG_EXPORT, readCatalogExportSettings,
} from '../../../../gateway/catalog-export/catalog-export-settings.js';
import { gatewayConfig } from '../../../harness/demo-federation.js';
import { ConfigError } from '../../../../runtime/env.js';

describe('readCatalogExportSettings', () => {
  it('has defaults for every setting', () => {
    expect(readCatalogExportSettings({})).toEqual(DEFAULT_CATALOG_EXPORT);
  });

  it.each<[string, Record<string, string>, Partial<ReturnType<typeof readCatalogExportSettings>>]>([
    ['a public base URL', { PUBLIC_BASE_URL: 'https://concord.example.org' }, { publicBaseUrl: 'https://concord.example.org' }],
    ['its trailing slash dropped', { PUBLIC_BASE_URL: 'https://concord.example.org/' }, { publicBaseUrl: 'https://concord.example.org' }],
    ['with a path', { PUBLIC_BASE_URL: 'https://example.org/concord/' }, { publicBaseUrl: 'https://example.org/concord' }],
    ['with a port', { PUBLIC_BASE_URL: 'http://localhost:4000' }, { publicBaseUrl: 'http://localhost:4000' }],
    ['a page size', { CATALOG_PAGE_SIZE: '500' }, { pageSize: 500 }],
    ['the largest page size', { CATALOG_PAGE_SIZE: '1000' }, { pageSize: 1000 }],
    ['no cache', { CATALOG_CACHE_SECONDS: '0' }, { cacheSeconds: 0 }],
    ['an hour of cache', { CATALOG_CACHE_SECONDS: '3600' }, { cacheSeconds: 3600 }],
  ])('reads %s', (_name, env, expected) => {
    expect(readCatalogExportSettings(env)).toMatchObject(expected);
  });

  it('reads the catalog\'s own description', () => {
    expect(readCatalogExportSettings({ CATALOG_TITLE: ' Our catalog ', CATALOG_DESCRIPTION: 'What we publish', CATALOG_PUBLISHER: 'Us' }).description)
      .toEqual({ title: 'Our catalog', description: 'What we publish', publisher: 'Us' });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a relative URL', { PUBLIC_BASE_URL: '/concord' }, /^PUBLIC_BASE_URL must be the gateway's public http\(s\) URL/],
    ['another scheme', { PUBLIC_BASE_URL: 'ftp://example.org' }, /^PUBLIC_BASE_URL must be/],
    ['a query', { PUBLIC_BASE_URL: 'https://example.org/?a=1' }, /^PUBLIC_BASE_URL must be/],
    ['an empty query', { PUBLIC_BASE_URL: 'https://example.org/?' }, /^PUBLIC_BASE_URL must be/],
    ['a fragment', { PUBLIC_BASE_URL: 'https://example.org/#top' }, /^PUBLIC_BASE_URL must be/],
    ['credentials', { PUBLIC_BASE_URL: 'https://user:secret@example.org' }, /^PUBLIC_BASE_URL must be/],
    ['a page size over the index\'s page', { CATALOG_PAGE_SIZE: '1001' }, /^CATALOG_PAGE_SIZE must be at most 1000/],
    ['a page size of 0', { CATALOG_PAGE_SIZE: '0' }, /^CATALOG_PAGE_SIZE must be a positive whole number/],
    ['a negative cache', { CATALOG_CACHE_SECONDS: '-1' }, /^CATALOG_CACHE_SECONDS must be a whole number of seconds from 0 to 3600/],
    ['a cache in milliseconds', { CATALOG_CACHE_SECONDS: '60000' }, /^CATALOG_CACHE_SECONDS must be/],
    ['an empty title', { CATALOG_TITLE: '  ' }, /^CATALOG_TITLE must be a text of 1 to 1,000 characters/],
  ])('refuses %s, naming the variable', (_name, env, message) => {
    expect(() => readCatalogExportSettings(env)).toThrow(ConfigError);
    expect(() => readCatalogExportSettings(env)).toThrow(message);
  });
});

describe('catalogExportSettingsOf', () => {
  it('gives a configuration built in code the defaults', () => {
    expect(catalogExportSettingsOf(gatewayConfig())).toEqual(DEFAULT_CATALOG_EXPORT);
  });

  it('keeps what a configuration sets', () => {
    const config = { ...gatewayConfig(), catalogExport: { pageSize: 7 } };
    expect(catalogExportSettingsOf(config)).toEqual({ ...DEFAULT_CATALOG_EXPORT, pageSize: 7 });
  });
});
