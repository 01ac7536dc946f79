import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { portOf, readFederationManifest } from '../../schema/federation-manifest.js';
import { REPO_ROOT } from './demo-federation.js';

// `npm start` exactly as a person runs it (README, "Quick start"): npm runs the build, then the
// demo's own start script starts every service as its own process. Only where it listens moves
// (PORT and SUBGRAPH_PORT_OFFSET, README "Settings"), so that it never meets a demo already running
// on this machine nor another test's servers.

export interface NpmStart {
  /** The gateway's origin, e.g. http://127.0.0.1:24000. */
  origin: string;
  /** Everything npm start has printed so far, both streams. */
  output(): string;
  /** Ctrl-C to the whole process group, as a terminal sends it; resolves with how npm ended: an exit code or a signal. */
  stop(): Promise<number | NodeJS.Signals | null>;
}

/** How long npm start may take to print its ready line: the build is a no-op when `npm test` has just built. */
const READY_TIMEOUT_MS = 180_000;
/** After Ctrl-C, how long the services get to stop before they are killed. */
const STOP_TIMEOUT_MS = 20_000;

export async function startNpmStart(env: Record<string, string> = {}): Promise<NpmStart> {
  const { gateway, offset } = await freePorts();
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(gateway), SUBGRAPH_PORT_OFFSET: String(offset) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stop() reaches every service npm start runs.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk; });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
  // A detached group outlives this process unless stopped: if the test run ends first (a hook timed
  // out, the run was interrupted), it is killed on the way out.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => {
    process.off('exit', killOnExit);
    resolve(code ?? signal);
  }));
  const stop = () => stopGroup(child, exited);
  try {
    await readyLine(() => output, exited);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; npm start printed:\n${output.slice(-4000)}`);
  }
  return { origin: `http://127.0.0.1:${gateway}`, output: () => output, stop };
}

async function readyLine(output: () => string, exited: Promise<number | NodeJS.Signals | null>): Promise<void> {
  let done = false;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const early = exited.then((code) => { if (!done) throw new Error(`npm start exited with ${code} before it was up`); });
  early.catch(() => undefined);
  try {
    while (!/Concord is up/.test(output())) {
      if (Date.now() > deadline) throw new Error(`npm start printed no "Concord is up" line within ${READY_TIMEOUT_MS / 1000} s`);
      await Promise.race([early, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
  } finally {
    done = true;
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<number | NodeJS.Signals | null>): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  signalGroup(child, 'SIGINT');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * A free port for the gateway and an offset that puts every subgraph of the manifest on a free port.
 * The operating system picks the first; the offset is tried until each of its ports can be bound.
 */
async function freePorts(): Promise<{ gateway: number; offset: number }> {
  const manifest = readFederationManifest();
  const subgraphPorts = [manifest.catalogIndex.url, ...(manifest.governance ? [manifest.governance.url] : []), ...manifest.partners.map((p) => p.url)].map(portOf);
  const gateway = await bindable(0);
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 20_000 + Math.floor(Math.random() * 20_000);
    const ports = subgraphPorts.map((port) => port + offset);
    if (ports.includes(gateway)) continue;
    const free = await Promise.all(ports.map((port) => bindable(port).then(() => true, () => false)));
    if (free.every(Boolean)) return { gateway, offset };
  }
  throw new Error('found no free ports on 127.0.0.1 for the subgraphs of npm start after 50 tries');
}

function bindable(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}
