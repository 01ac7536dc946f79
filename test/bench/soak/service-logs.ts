import { readFileSync } from 'node:fs';
import { isGcTraceLine } from './gc-trace.js';
import { countsOf } from './timeline.js';

// What the services said during the soak: they run with LOG_LEVEL=warn, so every line is a warning
// or worse (pino JSON lines, ARCHITECTURE.md "Operations"); the report lists them by message, with
// when each was first and last said, so a fault shows as what an operator would have read, and when.
// The gateways' --trace-gc lines are not log lines.

const LEVELS: Readonly<Record<number, string>> = { 40: 'warn', 50: 'error', 60: 'fatal' };

export interface LoggedMessage {
  message: string;
  count: number;
  /** Seconds from the start of the load of its first and last line; null for lines without a time. */
  firstS: number | null;
  lastS: number | null;
}

export interface LogSummary {
  service: string;
  lines: number;
  /** Lines by level name ("warn", "error", "fatal", "other" for lines that are not pino JSON). */
  levels: [string, number][];
  /** Messages, most frequent first. */
  messages: LoggedMessage[];
}

interface PinoLine {
  level?: unknown;
  time?: unknown;
  msg?: unknown;
  subgraph?: unknown;
}

/** `loadStartedAtMs`: the wall-clock time the load started, which pino's `time` is compared with. */
export function summariseLog(service: string, lines: readonly string[], loadStartedAtMs: number): LogSummary {
  const levels: string[] = [];
  const messages = new Map<string, LoggedMessage>();
  const note = (message: string, timeMs: number | null) => {
    const atS = timeMs === null ? null : (timeMs - loadStartedAtMs) / 1000;
    const seen = messages.get(message);
    if (!seen) {
      messages.set(message, { message, count: 1, firstS: atS, lastS: atS });
      return;
    }
    seen.count += 1;
    if (atS !== null) {
      seen.firstS = seen.firstS === null ? atS : Math.min(seen.firstS, atS);
      seen.lastS = seen.lastS === null ? atS : Math.max(seen.lastS, atS);
    }
  };
  for (const line of lines) {
    if (line.trim() === '' || isGcTraceLine(line)) continue;
    let record: PinoLine | null = null;
    try {
      record = JSON.parse(line) as PinoLine;
    } catch {
      // Not a pino line: a runtime's own output (a warning from Node, a crash report).
    }
    if (record && typeof record === 'object' && typeof record.msg === 'string') {
      levels.push(LEVELS[Number(record.level)] ?? 'other');
      // The gateway's lines about one subgraph name it: which circuit opened matters.
      note(typeof record.subgraph === 'string' ? `${record.msg} [${record.subgraph}]` : record.msg, typeof record.time === 'number' ? record.time : null);
    } else {
      levels.push('other');
      note(line.length > 160 ? `${line.slice(0, 157)}...` : line, null);
    }
  }
  const ordered = [...messages.values()].sort((a, b) => b.count - a.count || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { service, lines: levels.length, levels: countsOf(levels), messages: ordered };
}

/** A service's logs (every start's file) summarised as one. */
export function summariseLogFiles(service: string, files: readonly string[], loadStartedAtMs: number): LogSummary {
  const lines = files.flatMap((file) => {
    try {
      return readFileSync(file, 'utf8').split('\n');
    } catch {
      return [];
    }
  });
  return summariseLog(service, lines, loadStartedAtMs);
}
