import { PassThrough } from 'node:stream';
import { main } from '../../subgraphs/partner-kit/import/import-cli.js';

export interface ImportRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run import -- ARGV` in this process: the command's own entry, its output collected. */
export async function importInProcess(argv: string[], options: { progressEvery?: number } = {}): Promise<ImportRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const code = await main(argv, { stdout, stderr, ...options });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
