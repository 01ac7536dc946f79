import { ConfigError, readEnum, readPositiveInt, type Env } from '../../runtime/env.js';

// Persisted queries' settings (issue 12, item 4), read by gateway/config.ts and by `npm run persist`.
// Light on purpose: gateway/main.ts imports the configuration before it listens, so nothing here may
// reach graphql, Apollo or Redis.

export const PERSISTED_QUERY_MODES = ['off', 'apq', 'safelist'] as const;
/**
 * off: no persisted queries (PERSISTED_QUERY_NOT_SUPPORTED); apq: automatic persisted queries, any
 * valid operation may be registered by sending it with its hash; safelist: only operations registered
 * with `npm run persist` run, by hash or in full.
 */
export type PersistedQueryMode = (typeof PERSISTED_QUERY_MODES)[number];

export interface PersistedQuerySettings {
  mode: PersistedQueryMode;
  /** The registry of `npm run persist` as a manifest file (PERSISTED_QUERIES_MANIFEST); else Redis with REDIS_URL. */
  manifestPath: string | null;
  /** How long an operation registered by APQ is kept in its cache after it was last sent in full. */
  apqTtlSeconds: number;
}

/** A day: an analytics tool that runs daily keeps its hashes warm. */
export const DEFAULT_APQ_TTL_SECONDS = 86_400;

export const DEFAULT_PERSISTED_QUERIES: PersistedQuerySettings = { mode: 'apq', manifestPath: null, apqTtlSeconds: DEFAULT_APQ_TTL_SECONDS };

/**
 * The settings from the environment; a bad value stops start-up naming its variable. Safelist mode
 * needs a registry to read (fails closed rather than refusing every operation for want of one).
 */
export function readPersistedQuerySettings(env: Env): PersistedQuerySettings {
  const mode = readEnum(env, 'PERSISTED_QUERIES', PERSISTED_QUERY_MODES, 'apq');
  const manifestPath = env.PERSISTED_QUERIES_MANIFEST ? env.PERSISTED_QUERIES_MANIFEST : null;
  if (mode === 'safelist' && !manifestPath && !env.REDIS_URL) {
    throw new ConfigError('PERSISTED_QUERIES=safelist needs the registered operations: set PERSISTED_QUERIES_MANIFEST to the file `npm run persist` writes, or REDIS_URL');
  }
  return { mode, manifestPath, apqTtlSeconds: readPositiveInt(env, 'PERSISTED_QUERIES_TTL_SECONDS', DEFAULT_APQ_TTL_SECONDS) };
}
