import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Every service of the benchmark runs in a child process of its own, so that its CPU time and memory
// are its own, and the load generator (in the parent) never shares an event loop with a server.
// Parent and child talk over the IPC channel in small typed messages, one request at a time.

export interface BenchMessage {
  type: string;
}

/** What a child answers when a request could not be served. */
interface FailedMessage extends BenchMessage {
  type: 'failed';
  message: string;
}

const failed = (message: string): FailedMessage => ({ type: 'failed', message });

export interface BenchChild {
  readonly pid: number;
  /** Sends a message and resolves with the child's first reply of `replyType`; rejects if it dies first. */
  request<T extends BenchMessage>(message: BenchMessage, replyType: T['type'], timeoutMs?: number): Promise<T>;
  /** Asks the child to stop and waits for it to exit (a CPU profile is written on a normal exit). */
  stop(): Promise<void>;
}

export interface ForkOptions {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: readonly string[];
  args?: readonly string[];
  label: string;
}

/** Forks a TypeScript module under tsx, with stdout and stderr passed through for crash reports. */
export function forkTsChild(moduleUrl: URL, options: ForkOptions): BenchChild {
  const child = fork(fileURLToPath(moduleUrl), [...(options.args ?? [])], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...(options.nodeFlags ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    request: (message, replyType, timeoutMs = 120_000) => awaitReply(child, options.label, message, replyType, timeoutMs),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

function awaitReply<T extends BenchMessage>(
  child: ChildProcess, label: string, message: BenchMessage, replyType: string, timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (reply: BenchMessage) => {
      if (reply.type === 'failed') {
        cleanup();
        reject(new Error(`${label}: ${(reply as FailedMessage).message}`));
      } else if (reply.type === replyType) {
        cleanup();
        resolve(reply as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${label} exited (code ${code}) while waiting for "${replyType}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${label} did not answer "${message.type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

/** Child side: answers the parent's messages; a handler's error is reported, not thrown. */
export function serveParent(handlers: Record<string, (message: never) => Promise<BenchMessage | void>>, onStop: () => Promise<void>): void {
  const send = (reply: BenchMessage) => process.send?.(reply);
  process.on('message', (message: BenchMessage) => {
    if (message.type === 'stop') {
      void onStop().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.type];
    if (!handler) return send(failed(`unknown message "${message.type}"`));
    handler(message as never).then(
      (reply) => { if (reply) send(reply); },
      (error: unknown) => send(failed(error instanceof Error ? error.stack ?? error.message : String(error))),
    );
  });
  // The parent died: nothing will ever ask this process to stop.
  process.on('disconnect', () => process.exit(0));
}
