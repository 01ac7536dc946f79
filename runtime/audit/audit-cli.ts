import type { Writable } from 'node:stream';
import { DEFAULT_KEY_PREFIX } from '../governance/grant-keys.js';
import { AuditLogUnavailableError } from './audit-log.js';
import { RedisAuditLog } from './redis-audit-log.js';
import { VERIFY_PAGE_RECORDS } from './verify.js';

// `npm run audit -- <command>` (ARCHITECTURE.md "Audit"): verify the trail in Redis, export a time
// range as JSON Lines, or trim what is older than the retention period. Exit codes: 0 done, 1 the
// trail does not verify, 2 bad usage or Redis unreachable.

export const USAGE = `usage: npm run audit -- <command>

  verify                               walk the audit trail from its checkpoint to its head;
                                       exit 1 naming the first record that does not verify
  export --since DATE [--until DATE]   records made from DATE (inclusive) to --until (exclusive),
                                       as JSON Lines on stdout, progress on stderr
  trim                                 verify, then remove records older than AUDIT_RETENTION_DAYS
                                       (default 1825) and keep a checkpoint

DATE is an ISO 8601 date or time (2026-10-01, 2026-10-01T08:00:00Z).
Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default ${DEFAULT_KEY_PREFIX}).`;

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Readonly<Record<string, string | undefined>>;
  /** The current time (tests fix it). */
  now?: () => Date;
  /** Records between two progress lines on stderr (default 100,000). */
  progressEvery?: number;
}

class UsageError extends Error {}

const DEFAULT_RETENTION_DAYS = 1825;

/** Runs one command; resolves with the process's exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let command: Command;
  try {
    command = parse(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`audit: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = RedisAuditLog.connect(command.redisUrl, { prefix: command.prefix, timeoutMs: 10_000, verifyPageSize: VERIFY_PAGE_RECORDS });
  try {
    if (!(await log.ping())) {
      say(`audit: Redis does not answer at ${redact(command.redisUrl)}`);
      return 2;
    }
    switch (command.name) {
      case 'verify':
        return await verify(log, say);
      case 'export':
        return await exportRange(log, command.since, command.until, io);
      case 'trim': {
        const code = await verify(log, say);
        if (code !== 0) {
          say('audit: nothing trimmed: a trail that does not verify is kept whole for investigation');
          return code;
        }
        const before = new Date((io.now?.() ?? new Date()).getTime() - command.retentionDays * 86_400_000).toISOString();
        const removed = await log.trim(before);
        const checkpoint = await log.checkpoint();
        say(`audit: trimmed ${removed} record${removed === 1 ? '' : 's'} made before ${before} (retention ${command.retentionDays} days)` +
          (checkpoint ? `; checkpoint at record ${checkpoint.seq} (${checkpoint.hash})` : ''));
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof AuditLogUnavailableError) {
      say(`audit: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await log.close();
  }
}

async function verify(log: RedisAuditLog, say: (text: string) => void): Promise<number> {
  const started = performance.now();
  const verdict = await log.verify();
  const seconds = (performance.now() - started) / 1000;
  if (!verdict.ok) {
    say(`audit: the trail does not verify at record ${verdict.seq} (${verdict.problem}): ${verdict.message}`);
    return 1;
  }
  const checkpoint = await log.checkpoint();
  const from = checkpoint ? `from checkpoint ${checkpoint.seq}` : 'from the start';
  say(`audit: the trail verifies: ${verdict.count} record${verdict.count === 1 ? '' : 's'} ${from}` +
    (verdict.last ? ` to record ${verdict.last.seq} (${verdict.last.hash})` : '') + ` in ${seconds.toFixed(2)} s`);
  return 0;
}

async function exportRange(log: RedisAuditLog, since: string, until: string | undefined, io: CliIo): Promise<number> {
  const every = io.progressEvery ?? 100_000;
  const started = performance.now();
  let count = 0;
  let nextProgress = every;
  const range = until === undefined ? { from: since } : { from: since, to: until };
  for await (const page of log.readRange(range, { pageSize: Math.min(5000, every) })) {
    let chunk = '';
    for (const record of page) chunk += `${JSON.stringify(record)}\n`;
    count += page.length;
    // Waits while stdout's reader is behind, so a million records never pile up in memory.
    if (!io.stdout.write(chunk)) await new Promise<void>((resolve) => io.stdout.once('drain', resolve));
    if (count >= nextProgress) {
      io.stderr.write(`audit: exported ${count} records (${rate(count, started)})\n`);
      nextProgress = (Math.floor(count / every) + 1) * every;
    }
  }
  io.stderr.write(`audit: exported ${count} record${count === 1 ? '' : 's'} made from ${since}${until ? ` until ${until}` : ''} (${rate(count, started)})\n`);
  return 0;
}

type Command =
  | { name: 'help' }
  | ({ name: 'verify' } & Target)
  | ({ name: 'export'; since: string; until: string | undefined } & Target)
  | ({ name: 'trim'; retentionDays: number } & Target);

interface Target {
  redisUrl: string;
  prefix: string;
}

function parse(argv: readonly string[], env: CliIo['env']): Command {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('a command is required');
  if (name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name !== 'verify' && name !== 'export' && name !== 'trim') throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  const options = parseOptions(rest, name === 'export' ? ['--since', '--until'] : []);
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) throw new UsageError('REDIS_URL is required: the audit trail is kept in Redis');
  if (!/^rediss?:\/\//.test(redisUrl)) throw new UsageError('REDIS_URL must start with redis:// or rediss://');
  const target = { redisUrl, prefix: env.REDIS_KEY_PREFIX ?? DEFAULT_KEY_PREFIX };
  switch (name) {
    case 'verify':
      return { name, ...target };
    case 'export': {
      const since = options.get('--since');
      if (since === undefined) throw new UsageError('export needs --since DATE');
      const until = options.get('--until');
      const sinceMs = checkDate('--since', since);
      if (until !== undefined && checkDate('--until', until) <= sinceMs) throw new UsageError(`--until (${until}) must be after --since (${since})`);
      return { name, since: new Date(sinceMs).toISOString(), until: until === undefined ? undefined : new Date(Date.parse(until)).toISOString(), ...target };
    }
    case 'trim': {
      const raw = env.AUDIT_RETENTION_DAYS?.trim();
      const retentionDays = raw === undefined || raw === '' ? DEFAULT_RETENTION_DAYS : Number(raw);
      if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) {
        throw new UsageError(`AUDIT_RETENTION_DAYS must be a whole number of days, 1 or more, not ${JSON.stringify(raw)}`);
      }
      return { name, retentionDays, ...target };
    }
  }
}

function parseOptions(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (!allowed.includes(flag)) throw new UsageError(allowed.length === 0 ? `unexpected argument ${JSON.stringify(arg)}` : `unknown option ${JSON.stringify(arg)} (expected ${allowed.join(' or ')})`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a DATE`);
    if (options.has(flag)) throw new UsageError(`${flag} is given twice`);
    options.set(flag, value);
  }
  return options;
}

function checkDate(flag: string, value: string): number {
  // A date, or a date and time with a zone: a time without one would depend on this machine's zone.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    throw new UsageError(`${flag} must be an ISO 8601 date (2026-10-01) or time with its zone (2026-10-01T08:00:00Z), not ${JSON.stringify(value)}`);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a real date`);
  return ms;
}

function rate(count: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `${Math.round(count / Math.max(seconds, 1e-3)).toLocaleString('en-GB')} records/s`;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
