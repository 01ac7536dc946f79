import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

// One service of the soak as a real process: its output goes to a log file in the run's temporary
// folder (read back for the report and when it fails), and it can be killed, stopped or started
// again. Unlike the benchmark's children (../child-process.ts), these are the production entry
// points, which take no messages: they are driven by signals and watched over HTTP.

export interface ServiceSpec {
  name: string;
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  logFolder: string;
}

export class ServiceProcess {
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #starts = 0;
  /** performance.now() when each start spawned the process, in order. */
  readonly startTimes: number[] = [];

  constructor(readonly spec: ServiceSpec) {}

  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The log of every start so far, one file per start. */
  get logFiles(): string[] {
    return Array.from({ length: this.#starts }, (_, i) => this.#logFile(i + 1));
  }

  #logFile(start: number): string {
    return join(this.spec.logFolder, `${this.spec.name}.${start}.log`);
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    this.#starts += 1;
    this.startTimes.push(performance.now());
    const log = createWriteStream(this.#logFile(this.#starts));
    const child = spawn(this.spec.command, [...this.spec.args], {
      cwd: this.spec.cwd,
      env: { ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    // Resolved once the log file holds everything the process wrote.
    this.#exited = new Promise<void>((resolve) => child.once('close', () => log.end(() => resolve())));
    child.once('error', (error) => log.write(`spawn failed: ${error.message}\n`));
    this.#child = child;
  }

  /** Sends a signal and waits for the process to end; SIGKILL after `graceMs` if it has not. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return this.#exited;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(killer);
  }

  /** The end of the current log, for a message saying why a service did not come up. */
  tail(lines = 15): string {
    if (this.#starts === 0) return '';
    try {
      return readFileSync(this.#logFile(this.#starts), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** Polls `url` until it answers 200, the process dies, or the time is up (then says what it last saw). */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (!service.running) throw new Error(`${service.spec.name} exited while starting:\n${service.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.spec.name} was not ready within ${timeoutMs / 1000} s (${url}: ${last}):\n${service.tail()}`);
}
