import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../../runtime/redis-connection.js';

// withTimeout (runtime/redis-connection.ts) around an answer that arrives over a real loopback
// socket. A store's deadline is about the store; a stall of this process's own event loop must not
// turn an answer that is already waiting to be read into "no answer" (the soak run's index logged
// "replay check cannot be made" under CPU contention while Redis answered in about a millisecond).

/**
 * An echo server in a process of its own, as Redis is: it answers while this thread is blocked, and
 * writes a line to `marker` once its answer is on the socket.
 */
async function echoServer(marker: string): Promise<{ port: number; close(): void }> {
  const child = spawn(process.execPath, ['-e', `
    const { appendFileSync } = require('node:fs');
    const server = require('node:net').createServer((socket) => socket.on('data', (chunk) => {
      socket.write(chunk, () => appendFileSync(${JSON.stringify(marker)}, 'echoed\\n'));
    }));
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout!, 'data') as [Buffer];
  return { port: Number(line.toString().trim()), close: () => child.kill() };
}

/** Blocks this thread, as a long collection or a CPU-bound request does, until the answer was sent and the deadline has passed. */
function blockUntil(answered: () => boolean, deadline: number): void {
  const giveUpAt = performance.now() + 10_000;
  while ((!answered() || performance.now() < deadline) && performance.now() < giveUpAt) { /* busy */ }
}

describe('withTimeout', () => {
  it('gives the answer that arrived while the event loop was blocked past the deadline', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'concord-with-timeout-'));
    const marker = join(folder, 'echoed');
    const server = await echoServer(marker);
    const socket = connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    try {
      const answer = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString())));
      const timed = withTimeout(answer, 20);
      socket.write('PONG');
      blockUntil(() => existsSync(marker) && readFileSync(marker, 'utf8').includes('echoed'), performance.now() + 50);
      await expect(timed).resolves.toBe('PONG');
    } finally {
      socket.destroy();
      server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each<[string, number, () => Promise<string>, string]>([
    ['an answer in time', 1_000, () => Promise.resolve('PONG'), 'PONG'],
    ['no answer at all: the timeout', 10, () => new Promise<string>(() => undefined), 'no answer within 10 ms'],
    ['a failure in time: the failure', 1_000, () => Promise.reject(new Error('connection lost')), 'connection lost'],
  ])('%s', async (_name, ms, promise, expected) => {
    const outcome = await withTimeout(promise(), ms).then((value) => value, (error: Error) => error.message);
    expect(outcome).toBe(expected);
  });
});
