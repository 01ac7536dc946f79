import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFileChanges, FileChangesNotApplied, type FileChange } from '../../../../../subgraphs/partners/add-partner/file-changes.js';
import { temporaryFolder } from '../../../../harness/temporary-folder.js';

/** Every file under `folder` with its text, and every folder, by relative path. */
function snapshot(folder: string, prefix = ''): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) Object.assign(entries, { [`${prefix}${entry.name}/`]: '' }, snapshot(path, `${prefix}${entry.name}/`));
    else entries[`${prefix}${entry.name}`] = readFileSync(path, 'utf8');
  }
  return entries;
}

function repository(): string {
  const root = temporaryFolder('concord-file-changes-');
  mkdirSync(join(root, 'schema'));
  writeFileSync(join(root, 'schema/subgraphs.json'), 'manifest before');
  writeFileSync(join(root, 'docker-compose.yml'), 'compose before');
  return root;
}

const change = (root: string, path: string, content: string): FileChange => {
  const file = join(root, path);
  return { path: file, content, before: existsSync(file) ? readFileSync(file) : null };
};

describe('changing the files of a new partner', () => {
  it('replaces every file and creates the new ones with their folders', () => {
    const root = repository();
    applyFileChanges([
      change(root, 'subgraphs/partners/aurora/catalog.json', 'catalog'),
      change(root, 'docker-compose.yml', 'compose after'),
      change(root, 'schema/subgraphs.json', 'manifest after'),
    ]);
    expect(snapshot(root)).toEqual({
      'docker-compose.yml': 'compose after',
      'schema/': '',
      'schema/subgraphs.json': 'manifest after',
      'subgraphs/': '',
      'subgraphs/partners/': '',
      'subgraphs/partners/aurora/': '',
      'subgraphs/partners/aurora/catalog.json': 'catalog',
    });
  });

  // A folder (holding a file) where a file should go makes its rename fail, after the files
  // before it were put in place.
  it.each([
    ['the first file', 0],
    ['a file after others were put in place', 2],
    ['the last file', 3],
  ])('leaves everything as it was when %s cannot be put in place', (_case, failing) => {
    const root = repository();
    const paths = ['subgraphs/partners/aurora/catalog.json', 'docker-compose.yml', 'schema/supergraph.graphql', 'schema/subgraphs.json'];
    const changes = paths.map((path) => change(root, path, `${path} after`));
    const blocked = join(root, paths[failing]!);
    rmSync(blocked, { force: true });
    mkdirSync(blocked, { recursive: true });
    writeFileSync(join(blocked, 'keep'), 'kept');
    const before = snapshot(root);
    expect(() => applyFileChanges(changes)).toThrow(FileChangesNotApplied);
    expect(snapshot(root)).toEqual(before);
  });

  it('leaves everything as it was when a new text cannot be written beside its file', () => {
    const root = repository();
    const changes = [change(root, 'docker-compose.yml', 'compose after'), change(root, 'schema/subgraphs.json', 'manifest after')];
    mkdirSync(join(root, 'schema/subgraphs.json.adding-partner-test'));
    const before = snapshot(root);
    let caught: unknown;
    try {
      applyFileChanges(changes, '.adding-partner-test');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileChangesNotApplied);
    expect((caught as FileChangesNotApplied).notRestored).toEqual([]);
    expect(snapshot(root)).toEqual(before);
  });
});
