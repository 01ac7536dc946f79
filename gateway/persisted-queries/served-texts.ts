import { checkSourceLimits, type SourceLimits } from '../validation/source-limits.js';
import { hashOfKey, type ApqCache } from './apq-cache.js';
import { operationHash, type PersistedQueryRegistry } from './persisted-query-registry.js';

// The cache Apollo Server is given as `persistedQueries.cache`: it answers a hash with the text to run.
// Apollo Server takes what it gets on trust and parses it, so a text is served only when it still
// hashes to the hash asked for and is within the limits on the raw text (tokens, nesting), which a
// request sent by hash never met at the door (gateway/limits/request-checks.ts). A text that fails
// either is a miss: in APQ mode the client then sends it in full and meets the limits with their own
// message. After this, a persisted operation goes through the same validation, cost limit, rate
// limits and authorization as any other (ARCHITECTURE.md "Request path").

export interface ServedTextsOptions {
  sourceLimits: SourceLimits;
  /** A store that failed: logged, and the hash is a miss. */
  onStoreError(error: unknown, store: string): void;
}

/** APQ mode: the APQ cache, then the registry of `npm run persist` (if any); texts sent with their hash are cached. */
/** The longest text an automatically persisted query keeps (the introspection query is about 1.6 KB). */
export const MAX_APQ_TEXT_BYTES = 32 * 1024;

export function apqTexts(apq: ApqCache, registry: PersistedQueryRegistry | undefined, options: ServedTextsOptions): ApqCache {
  const servable = servableFor(options.sourceLimits);
  return {
    async get(key) {
      const hash = hashOfKey(key);
      if (!hash) return undefined;
      const cached = await apq.get(key).catch((error: unknown) => options.onStoreError(error, 'apq cache'));
      if (cached !== undefined && servable(hash, cached)) return cached;
      const registered = await registry?.get(hash).catch((error: unknown) => options.onStoreError(error, 'registry'));
      return registered && servable(hash, registered.body) ? registered.body : undefined;
    },
    async set(key, value, setOptions) {
      // Anyone may persist a text, so a long one (comments and strings are not tokens) is not kept:
      // it would fill the Redis that also holds grants, the audit trail and nonces.
      if (Buffer.byteLength(value, 'utf8') > MAX_APQ_TEXT_BYTES) return;
      await apq.set(key, value, setOptions).catch((error: unknown) => options.onStoreError(error, 'apq cache'));
    },
    async delete(key) {
      return apq.delete(key);
    },
  };
}

/**
 * Safelist mode: the registry alone, read only. A text sent in full with its hash is not added (it
 * could only run if registered already; gateway/persisted-queries/persisted-query-check.ts refuses it).
 */
export function safelistTexts(registry: PersistedQueryRegistry, options: ServedTextsOptions): ApqCache {
  const servable = servableFor(options.sourceLimits);
  return {
    async get(key) {
      const hash = hashOfKey(key);
      if (!hash) return undefined;
      const registered = await registry.get(hash).catch((error: unknown) => options.onStoreError(error, 'registry'));
      return registered && servable(hash, registered.body) ? registered.body : undefined;
    },
    async set() {},
    async delete() {
      return false;
    },
  };
}

function servableFor(limits: SourceLimits): (hash: string, text: string) => boolean {
  return (hash, text) => operationHash(text) === hash && checkSourceLimits(text, limits) === null;
}
