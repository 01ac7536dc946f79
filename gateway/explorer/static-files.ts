import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The explorer's built files, read from disk once and kept with their gzip form: the build is
// immutable while the gateway runs (its asset names carry a content hash).

export interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** One path segment of letters, digits, dots, dashes and underscores: nothing can climb out of the folder. */
const SAFE_NAME = /^[\w-]+(\.[\w-]+)+$/;

export class StaticFiles {
  private readonly files = new Map<string, StaticFile | null>();

  constructor(private readonly root: string) {}

  /** The file at `relativePath` (a name, or `assets/<name>`), or null when there is none or the name is not allowed. */
  get(relativePath: string): StaticFile | null {
    const cached = this.files.get(relativePath);
    if (cached !== undefined) return cached;
    const file = this.read(relativePath);
    // Misses are not cached: a name anyone may ask for must not grow the map.
    if (file) this.files.set(relativePath, file);
    return file;
  }

  private read(relativePath: string): StaticFile | null {
    const parts = relativePath.split('/');
    if (parts.length > 2 || (parts.length === 2 && parts[0] !== 'assets') || !SAFE_NAME.test(parts.at(-1)!)) return null;
    const contentType = CONTENT_TYPES[relativePath.slice(relativePath.lastIndexOf('.'))];
    if (!contentType) return null;
    try {
      const body = readFileSync(join(this.root, ...parts));
      return { body, gzipped: gzipSync(body, { level: 9 }), contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
      throw error;
    }
  }
}
