// The soak's timetable (issue 12, item 7): when the warm-up ends, when a partner is killed and
// restarted, when Redis is stopped and started again, and over which windows memory is compared.
// All times are seconds from the start of the load. The reference run is two minutes; a shorter or
// longer run keeps the same shape, every time scaled to its length.

export const REFERENCE_LOAD_SECONDS = 120;
export const MIN_LOAD_SECONDS = 30;
export const MAX_LOAD_SECONDS = 600;

export type FaultKind = 'partner-down' | 'redis-down';

export interface PlannedFault {
  kind: FaultKind;
  /** When the fault is made: the partner is killed (SIGKILL), Redis is stopped. */
  atS: number;
  /** When it is undone: the partner is started again, Redis is started again on the same port and folder. */
  untilS: number;
}

export interface TimeWindow {
  fromS: number;
  toS: number;
}

export interface SoakPlan {
  loadSeconds: number;
  /** Latency percentiles are computed per bucket of this many seconds. */
  bucketSeconds: number;
  warmUpSeconds: number;
  faults: readonly PlannedFault[];
  /** Memory at the end of the warm-up: the median of the samples in this window. */
  memoryBaseline: TimeWindow;
  /** Memory at the end of the run: the median of the samples in this window. */
  memoryEnd: TimeWindow;
}

/**
 * The reference timetable, for 120 s of load: 20 s of warm-up; the partner killed at 25 s and
 * started again 15 s later; Redis down from 70 to 75 s, which leaves 45 s for the circuits that
 * opened meanwhile (open for CIRCUIT_OPEN_SECONDS, 30 by default) to close again before the end.
 */
const REFERENCE = {
  warmUp: 20,
  partnerKill: 25,
  partnerRestart: 40,
  redisStop: 70,
  redisStart: 75,
  baselineWindow: 10,
  endWindow: 15,
} as const;

export function soakPlan(loadSeconds = REFERENCE_LOAD_SECONDS): SoakPlan {
  if (!Number.isInteger(loadSeconds) || loadSeconds < MIN_LOAD_SECONDS || loadSeconds > MAX_LOAD_SECONDS) {
    throw new RangeError(`the load must last a whole number of seconds from ${MIN_LOAD_SECONDS} to ${MAX_LOAD_SECONDS}, not ${loadSeconds}`);
  }
  const scale = loadSeconds / REFERENCE_LOAD_SECONDS;
  const at = (seconds: number) => Math.round(seconds * scale * 10) / 10;
  const warmUpSeconds = at(REFERENCE.warmUp);
  return {
    loadSeconds,
    bucketSeconds: loadSeconds >= REFERENCE_LOAD_SECONDS ? 5 : Math.max(1, Math.round(5 * scale)),
    warmUpSeconds,
    faults: [
      { kind: 'partner-down', atS: at(REFERENCE.partnerKill), untilS: at(REFERENCE.partnerRestart) },
      { kind: 'redis-down', atS: at(REFERENCE.redisStop), untilS: at(REFERENCE.redisStart) },
    ],
    memoryBaseline: { fromS: warmUpSeconds - at(REFERENCE.baselineWindow), toS: warmUpSeconds },
    memoryEnd: { fromS: loadSeconds - at(REFERENCE.endWindow), toS: loadSeconds },
  };
}

/** How Redis flushes its append-only file: on every write (the soak's default) or once a second (the compose file's). */
export const APPEND_FSYNC_POLICIES = ['always', 'everysec'] as const;
export type AppendFsync = (typeof APPEND_FSYNC_POLICIES)[number];

export interface SoakArguments {
  loadSeconds: number;
  appendFsync: AppendFsync;
}

/** Reads `--seconds N` and `--appendfsync always|everysec`; anything else is refused, naming it. */
export function readSoakArguments(argv: readonly string[]): SoakArguments | { help: true } {
  const parsed: SoakArguments = { loadSeconds: REFERENCE_LOAD_SECONDS, appendFsync: 'always' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const raw = flag === '--seconds' || flag === '--appendfsync' ? inline ?? argv[++i] : undefined;
    if (flag === '--seconds') {
      const value = Number(raw);
      if (raw === undefined || !Number.isInteger(value) || value < MIN_LOAD_SECONDS || value > MAX_LOAD_SECONDS) {
        throw new RangeError(`--seconds must be a whole number from ${MIN_LOAD_SECONDS} to ${MAX_LOAD_SECONDS}, not "${raw ?? ''}"`);
      }
      parsed.loadSeconds = value;
    } else if (flag === '--appendfsync') {
      if (!(APPEND_FSYNC_POLICIES as readonly string[]).includes(raw ?? '')) {
        throw new RangeError(`--appendfsync must be one of ${APPEND_FSYNC_POLICIES.join(', ')}, not "${raw ?? ''}"`);
      }
      parsed.appendFsync = raw as AppendFsync;
    } else {
      throw new RangeError(`unknown argument "${arg}"`);
    }
  }
  return parsed;
}

/**
 * The results' file name without extension: `soak` for the reference run, which the repository
 * keeps; another length or fsync policy gets its own (`soak-45s`, `soak-everysec`), so that a trial
 * run never overwrites the figures of record.
 */
export function resultsName({ loadSeconds, appendFsync }: SoakArguments): string {
  return ['soak', ...(loadSeconds !== REFERENCE_LOAD_SECONDS ? [`${loadSeconds}s`] : []), ...(appendFsync !== 'always' ? [appendFsync] : [])].join('-');
}

export const SOAK_USAGE = `usage: npm run soak [-- --seconds N] [--appendfsync always|everysec]

Starts Redis, three partners, the catalog index, the governance subgraph and two gateways on
loopback, runs 100 clients against both gateways for N seconds (default ${REFERENCE_LOAD_SECONDS}, from
${MIN_LOAD_SECONDS} to ${MAX_LOAD_SECONDS}) while a partner is killed and restarted and Redis is restarted, and
writes test/bench/results/soak.md with soak.json, soak-latency.svg and soak-memory.svg (another
length or fsync policy: soak-<N>s-everysec.md and so on). Exits 1 when an oracle fails.
Redis flushes its append-only file on every write (always, the default) or once a second
(everysec, as docker-compose.yml runs it).`;
