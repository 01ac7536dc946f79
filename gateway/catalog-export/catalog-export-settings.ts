import { ConfigError, readPositiveInt, type Env } from '../../runtime/env.js';
import { MAX_PAGE_SIZE } from '../../schema/catalog-index-paging.js';
import type { GatewayConfig } from '../config.js';
import type { CatalogDescription } from './catalog-triples.js';

// The DCAT export's settings (GET /catalog, /catalog.ttl, /catalog.jsonld), read once at start-up.

export interface CatalogExportSettings {
  /**
   * The URL harvesters reach the gateway at (PUBLIC_BASE_URL), under which every IRI of the export
   * is minted. Null: the address the gateway listens on, fit for a local demo only. Never taken
   * from a request's Host header, which the caller chooses.
   */
  publicBaseUrl: string | null;
  /** Datasets per page (CATALOG_PAGE_SIZE), at most the index's largest page. */
  pageSize: number;
  /** How long a rendered page is served again to every caller (CATALOG_CACHE_SECONDS); 0: never. */
  cacheSeconds: number;
  /** The dcat:Catalog's title, description and publisher (CATALOG_TITLE, CATALOG_DESCRIPTION, CATALOG_PUBLISHER). */
  description: CatalogDescription;
}

export const DEFAULT_CATALOG_EXPORT: CatalogExportSettings = {
  publicBaseUrl: null,
  pageSize: 100,
  cacheSeconds: 60,
  description: {
    title: 'Concord federated catalog',
    description: 'Public metadata of the datasets that the partners of the Concord consortium publish through its federated catalog.',
    publisher: 'Concord consortium',
  },
};

/** The longest cache: a harvester should see a changed catalog within the hour. */
const MAX_CACHE_SECONDS = 3600;

/** Every setting from the environment; a bad value stops start-up naming its variable. */
export function readCatalogExportSettings(env: Env): CatalogExportSettings {
  const d = DEFAULT_CATALOG_EXPORT;
  const pageSize = readPositiveInt(env, 'CATALOG_PAGE_SIZE', d.pageSize);
  if (pageSize > MAX_PAGE_SIZE) throw new ConfigError(`CATALOG_PAGE_SIZE must be at most ${MAX_PAGE_SIZE} (the index's largest page), got "${env.CATALOG_PAGE_SIZE}"`);
  return {
    publicBaseUrl: readPublicBaseUrl(env, 'PUBLIC_BASE_URL'),
    pageSize,
    cacheSeconds: readCacheSeconds(env, 'CATALOG_CACHE_SECONDS', d.cacheSeconds),
    description: {
      title: readText(env, 'CATALOG_TITLE', d.description.title),
      description: readText(env, 'CATALOG_DESCRIPTION', d.description.description),
      publisher: readText(env, 'CATALOG_PUBLISHER', d.description.publisher),
    },
  };
}

/** An absolute http(s) URL with no query, fragment or credentials; a trailing slash is dropped. */
export function readPublicBaseUrl(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password || raw.includes('#') || raw.includes('?')) {
    throw new ConfigError(`${name} must be the gateway's public http(s) URL with no query, fragment or credentials, e.g. https://concord.example.org, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

function readCacheSeconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > MAX_CACHE_SECONDS) {
    throw new ConfigError(`${name} must be a whole number of seconds from 0 to ${MAX_CACHE_SECONDS}, got "${raw}"`);
  }
  return value;
}

function readText(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = raw.trim();
  if (value === '' || value.length > 1000) throw new ConfigError(`${name} must be a text of 1 to 1,000 characters, got ${value.length}`);
  return value;
}

/**
 * The settings a gateway configuration carries (GatewayConfig.catalogExport, which
 * readGatewayConfig fills from readCatalogExportSettings), each one it leaves out at its default,
 * as for a configuration built in code.
 */
export function catalogExportSettingsOf(config: GatewayConfig & { catalogExport?: Partial<CatalogExportSettings> }): CatalogExportSettings {
  return { ...DEFAULT_CATALOG_EXPORT, ...config.catalogExport };
}
