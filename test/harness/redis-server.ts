import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from 'redis';

// A Redis server of a test's own, for tests whose subject is Redis going away and coming back (the
// shared one on 6379 must never be stopped). Tests using it are skipped only where no redis-server
// binary is installed.

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export const redisServerInstalled = (): Promise<boolean> => new Promise((resolve) => {
  const probe = spawn(REDIS_SERVER, ['--version'], { stdio: 'ignore' });
  probe.once('error', () => resolve(false));
  probe.once('exit', (code) => resolve(code === 0));
});

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts redis-server on loopback; with `dir`, the append-only file is written there (fsync on every write). */
export async function startRedis(port: number, dir?: string): Promise<ChildProcess> {
  const persistence = dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', ...persistence, '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
  const client = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await client.connect();
      await client.ping();
      await client.quit();
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${REDIS_SERVER} did not answer on port ${port}`);
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
