import { PassThrough } from 'node:stream';

/** Two streams to hand a command's main() for stdout and stderr, and what was written to each. */
export function capturedOutput(): { stdout: PassThrough; stderr: PassThrough; written(): { stdout: string; stderr: string } } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  return { stdout, stderr, written: () => ({ stdout: out.join(''), stderr: err.join('') }) };
}
