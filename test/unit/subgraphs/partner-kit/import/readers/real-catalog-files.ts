import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../../../harness/demo-federation.js';

/** A file of test/fixtures/real-catalogs, parsed. */
export function realCatalog(path: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/real-catalogs', path), 'utf8'));
}
