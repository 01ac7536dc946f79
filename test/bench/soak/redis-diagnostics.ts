import { createClient } from 'redis';

// What Redis itself says about the run: how many commands of each kind it served and what each
// cost it, and the slowest events its latency monitor saw (with `--appendfsync always` a write is
// answered only once it is on disk, and `aof-fsync-always` events are those flushes). Read before
// the restart and at the end, since a restart starts the counts afresh.

export interface CommandStat {
  command: string;
  calls: number;
  usecPerCall: number;
}

export interface LatencyEvent {
  event: string;
  latestMs: number;
  maxMs: number;
}

export interface RedisDiagnostics {
  /** "before the restart", "at the end". */
  when: string;
  commands: CommandStat[];
  latency: LatencyEvent[];
}

/** INFO commandstats: `cmdstat_set:calls=12,usec=48,usec_per_call=4.00,...`, most called first. */
export function parseCommandStats(info: string): CommandStat[] {
  const stats: CommandStat[] = [];
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):(.*)$/.exec(line.trim());
    if (!match) continue;
    const fields = new Map(match[2]!.split(',').map((pair) => pair.split('=') as [string, string]));
    const calls = Number(fields.get('calls'));
    const usecPerCall = Number(fields.get('usec_per_call'));
    if (Number.isFinite(calls) && Number.isFinite(usecPerCall)) stats.push({ command: match[1]!, calls, usecPerCall });
  }
  return stats.sort((a, b) => b.calls - a.calls || a.command.localeCompare(b.command));
}

/** LATENCY LATEST: one `[event, unix time, latest ms, max ms, ...]` per event, slowest first. */
export function parseLatencyLatest(reply: unknown): LatencyEvent[] {
  if (!Array.isArray(reply)) return [];
  const events: LatencyEvent[] = [];
  for (const entry of reply) {
    if (!Array.isArray(entry) || entry.length < 4) continue;
    const [event, , latest, max] = entry as unknown[];
    if (typeof event !== 'string') continue;
    events.push({ event, latestMs: Number(latest), maxMs: Number(max) });
  }
  return events.sort((a, b) => b.maxMs - a.maxMs);
}

/** Reads both from the Redis at `url`; null when it does not answer (the report then says so). */
export async function readRedisDiagnostics(url: string, when: string): Promise<RedisDiagnostics | null> {
  const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('commandstats');
    const latency = await client.sendCommand(['LATENCY', 'LATEST']);
    return { when, commands: parseCommandStats(info), latency: parseLatencyLatest(latency) };
  } catch {
    return null;
  } finally {
    if (client.isOpen) client.destroy();
  }
}
