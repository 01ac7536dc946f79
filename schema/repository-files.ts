import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Every process reads the contract's data files (SDL, policy set, DUO terms, the federation
// manifest, demo catalogs) from the repository, whether it runs from source or compiled into
// dist/ (ARCHITECTURE.md, "Build and run"): one copy of each file, found from the nearest
// package.json above this module, which dist/ deliberately lacks.

export const REPOSITORY_ROOT = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. repositoryPath('schema/partner.graphql'). */
export function repositoryPath(relativePath: string): string {
  return join(REPOSITORY_ROOT, relativePath);
}

function findRepositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: cannot find the repository's data files`);
  }
}
