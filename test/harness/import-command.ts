import { capturedOutput } from './captured-output.js';
import { main } from '../../subgraphs/partner-kit/import/import-cli.js';

export interface ImportRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run import -- ARGV` in this process: the command's own entry, its output collected. */
export async function importInProcess(argv: string[], options: { progressEvery?: number } = {}): Promise<ImportRun> {
  const output = capturedOutput();
  const code = await main(argv, { stdout: output.stdout, stderr: output.stderr, ...options });
  return { code, ...output.written() };
}
