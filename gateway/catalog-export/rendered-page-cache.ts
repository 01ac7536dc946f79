import { LRUCache } from 'lru-cache';

// Every caller of the export is anonymous to it, so a rendered page is the same for all of them and
// is served again until it is CATALOG_CACHE_SECONDS old (catalog-paging.ts says why the page size is
// the operator's). Concurrent requests for a page being rendered wait for that one rendering. The
// cache holds at most MAX_CACHED_BYTES of text, least recently used first out.

const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export interface RenderedPage {
  /** 404: the page lies past the catalog's end (its body says so, in JSON). */
  status: 200 | 404;
  contentType: string;
  body: string;
  /** A strong validator of the body (RFC 9110, section 8.8.3). */
  etag: string;
}

interface Kept {
  page: RenderedPage;
  /** Epoch milliseconds on the gateway's clock. */
  expiresAt: number;
}

export class RenderedPageCache {
  readonly #pages: LRUCache<string, Kept> | undefined;
  readonly #rendering = new Map<string, Promise<RenderedPage>>();
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(options: { ttlSeconds: number; now: () => Date }) {
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#now = options.now;
    this.#pages = options.ttlSeconds > 0
      ? new LRUCache<string, Kept>({ maxSize: MAX_CACHED_BYTES, sizeCalculation: (kept) => Math.max(1, Buffer.byteLength(kept.page.body)) })
      : undefined;
  }

  /** The cached page under `key`, else the one `render` makes (cached when it succeeds). */
  async get(key: string, render: () => Promise<RenderedPage>): Promise<RenderedPage> {
    const kept = this.#pages?.get(key);
    if (kept && kept.expiresAt > this.#now().getTime()) return kept.page;
    const running = this.#rendering.get(key);
    if (running) return running;
    const rendering = render().then((page) => {
      this.#pages?.set(key, { page, expiresAt: this.#now().getTime() + this.#ttlMs });
      return page;
    }).finally(() => this.#rendering.delete(key));
    this.#rendering.set(key, rendering);
    return rendering;
  }
}
