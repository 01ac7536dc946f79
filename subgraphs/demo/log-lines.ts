import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'service', 'msg']);

/** One pino JSON line as "level message key=value ...", so several services read well in one terminal. */
export function formatLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || !('msg' in record)) return line;
  const level = LEVELS[Number(record.level)] ?? String(record.level ?? '');
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [level.padEnd(5), String(record.msg), ...fields].join(' ');
}

export function prefixLines(stream: Readable, prefix: string, write: (line: string) => void): void {
  createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${formatLogLine(line)}`));
}
