import { readFileSync } from 'node:fs';
import { isGcTraceLine } from './gc-trace.js';
import { countsOf } from './timeline.js';

// What the services said during the soak: they run with LOG_LEVEL=warn, so every line is a warning
// or worse (pino JSON lines, ARCHITECTURE.md "Operations"); the report lists them by message, so a
// fault shows as what an operator would have read. The gateways' --trace-gc lines are not log lines.

const LEVELS: Readonly<Record<number, string>> = { 40: 'warn', 50: 'error', 60: 'fatal' };

export interface LogSummary {
  service: string;
  lines: number;
  /** Lines by level name ("warn", "error", "fatal", "other" for lines that are not pino JSON). */
  levels: [string, number][];
  /** Messages with their count, most frequent first. */
  messages: [string, number][];
}

export function summariseLog(service: string, lines: readonly string[]): LogSummary {
  const levels: string[] = [];
  const messages: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' || isGcTraceLine(line)) continue;
    let record: { level?: unknown; msg?: unknown; subgraph?: unknown } | null = null;
    try {
      record = JSON.parse(line) as { level?: unknown; msg?: unknown; subgraph?: unknown };
    } catch {
      // Not a pino line: a runtime's own output (a warning from Node, a crash report).
    }
    if (record && typeof record === 'object' && typeof record.msg === 'string') {
      levels.push(LEVELS[Number(record.level)] ?? 'other');
      // The gateway's lines about one subgraph name it: which circuit opened matters.
      messages.push(typeof record.subgraph === 'string' ? `${record.msg} [${record.subgraph}]` : record.msg);
    } else {
      levels.push('other');
      messages.push(line.length > 160 ? `${line.slice(0, 157)}...` : line);
    }
  }
  return { service, lines: levels.length, levels: countsOf(levels), messages: countsOf(messages) };
}

/** A service's logs (every start's file) summarised as one. */
export function summariseLogFiles(service: string, files: readonly string[]): LogSummary {
  const lines = files.flatMap((file) => {
    try {
      return readFileSync(file, 'utf8').split('\n');
    } catch {
      return [];
    }
  });
  return summariseLog(service, lines);
}
