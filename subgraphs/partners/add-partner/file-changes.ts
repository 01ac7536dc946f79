import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Adding a partner changes several files that must agree (the manifest, the supergraph, the compose
// file, the catalog): they change together or not at all. Each new text is written beside its file
// first, and only when all are written are they renamed into place; a failure on the way puts back
// every file already replaced, removes what was created and leaves no temporary behind.

export interface FileChange {
  /** Absolute path. */
  path: string;
  content: string | Buffer;
  /** The file's bytes before the change, or null when it is created. */
  before: Buffer | null;
}

export class FileChangesNotApplied extends Error {
  override name = 'FileChangesNotApplied';
  constructor(message: string, readonly notRestored: readonly string[]) {
    super(message);
  }
}

/** Applies every change or, failing, none: throws FileChangesNotApplied naming any file it could not put back. */
export function applyFileChanges(changes: readonly FileChange[], suffix = `.adding-partner-${process.pid}`): void {
  const createdFolders: string[] = [];
  const temporaries: string[] = [];
  const replaced: FileChange[] = [];
  try {
    for (const change of changes) {
      for (const folder of missingFolders(dirname(change.path))) {
        mkdirSync(folder);
        createdFolders.push(folder);
      }
      const temporary = `${change.path}${suffix}`;
      // Created here or failing: whatever already has that name is someone else's and stays.
      const descriptor = openSync(temporary, 'wx');
      temporaries.push(temporary);
      try {
        writeFileSync(descriptor, change.content);
      } finally {
        closeSync(descriptor);
      }
    }
    changes.forEach((change, i) => {
      renameSync(temporaries[i]!, change.path);
      replaced.push(change);
    });
  } catch (error) {
    const notRestored = restore(replaced);
    for (const temporary of temporaries) removeQuietly(temporary);
    for (const folder of createdFolders.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty: a file put back or not removed is in it, and is named in notRestored.
      }
    }
    throw new FileChangesNotApplied(`${(error as NodeJS.ErrnoException).code ?? 'error'}: ${(error as Error).message}`, notRestored);
  }
}

/** The folders to create, outermost first, for `folder` to exist. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let f = folder; !existsSync(f); f = dirname(f)) missing.unshift(f);
  return missing;
}

/** Puts back each replaced file's earlier bytes (or removes a created one); returns those it could not. */
function restore(replaced: readonly FileChange[]): string[] {
  const failed: string[] = [];
  for (const change of [...replaced].reverse()) {
    try {
      if (change.before === null) rmSync(change.path, { force: true });
      else writeFileSync(change.path, change.before);
    } catch {
      failed.push(change.path);
    }
  }
  return failed;
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left behind, it changes nothing: no Concord file has its name.
  }
}
