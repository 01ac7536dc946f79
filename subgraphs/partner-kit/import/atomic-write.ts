import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// A file written whole or not at all: the text goes to a temporary file beside the target, is
// flushed to disk, and is renamed over the target (rename is atomic within one file system, POSIX
// rename(2)). A partner kit reading the catalog meanwhile sees the old file or the new one, never
// half of one; an import that fails leaves the old file as it was.

export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
