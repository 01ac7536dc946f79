import { readFile, stat } from 'node:fs/promises';

// A source file read as text, or the reason it could not be: the importer reports a file it cannot
// read and goes on with the others.

export type SourceText = { ok: true; text: string; bytes: number } | { ok: false; message: string };

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

export async function readSourceText(path: string): Promise<SourceText> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, message: 'cannot be read: is a folder, not a file' };
    const text = await readFile(path, 'utf8');
    // A byte order mark is not part of JSON (RFC 8259 section 8.1) or Turtle; editors still write one.
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes: info.size };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { ok: false, message: `cannot be read: ${REASONS[code] ?? (code || (error as Error).message)}` };
  }
}
