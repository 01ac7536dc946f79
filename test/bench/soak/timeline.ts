import type { FaultKind } from './soak-plan.js';

// What the soak's clients saw, over time: latency percentiles per bucket, and what was answered in
// each stretch of the run between the faults. Pure: the chart and the report are drawn from these.

/** One request as a client saw it. */
export interface RequestSample {
  /** Seconds from the start of the load when it was sent and when its answer (or failure) came. */
  startedS: number;
  endedS: number;
  latencyMs: number;
  /** HTTP status; 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  /** Which gateway replica it was sent to (0 or 1). */
  replica: number;
  persona: string;
  workload: string;
  /**
   * The distinct errors of the answer, each as its extensions.code with the subgraph it names
   * (`SUBGRAPH_UNAVAILABLE@helix-therapeutics`) or the reason of a denial
   * (`UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT`); for no answer, `NO_ANSWER:<cause>`.
   */
  errorCodes: readonly string[];
}

const DENIAL = 'UNAUTHORIZED_FIELD_OR_TYPE:';

/**
 * Denial reasons that say something could not be decided (ARCHITECTURE.md "Audit", "Stores"): the
 * grants or the trail could not be reached, facts were missing, a rule failed. The others are the
 * policies' answers: a field withheld from a caller who may not see it is the gateway working.
 */
export const FAILURE_REASONS: readonly string[] = ['POLICY_NOT_ENFORCEABLE', 'NO_GOVERNANCE_FACTS', 'POLICY_ERROR', 'GRANTS_UNAVAILABLE', 'AUDIT_UNAVAILABLE'];

/** An error that says something failed, as opposed to a policy's denial. */
export function isFailure(code: string): boolean {
  return !code.startsWith(DENIAL) || FAILURE_REASONS.includes(code.slice(DENIAL.length));
}

/** A policy's denial, by its reason; null for any other error. */
export function denialReason(code: string): string | null {
  return isFailure(code) ? null : code.slice(DENIAL.length);
}

const hasFailure = (s: RequestSample) => s.errorCodes.some(isFailure);

/** A fault as it happened: from when it was made until the service answered again. */
export interface FaultWindow {
  kind: FaultKind;
  /** What was down, e.g. "helix-therapeutics" or "Redis". */
  target: string;
  fromS: number;
  toS: number;
  /** Why it could not be undone (the service did not come back), if so. */
  error?: string;
}

/** Nearest-rank percentile of values sorted ascending; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile is above 0 and at most 100, not ${p}`);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export interface LatencyBucket {
  fromS: number;
  toS: number;
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Answers other than HTTP 200, and requests that got no answer. */
  notOk: number;
  /** HTTP 200 answers that carried at least one failure (partial data, fields withheld for a fault). */
  withErrors: number;
}

/**
 * Requests grouped by when their answer came, in buckets of `bucketSeconds` from 0 to
 * `totalSeconds`; an answer that came after the end (a request in flight when the load stopped)
 * counts in the last bucket.
 */
export function latencyBuckets(samples: readonly RequestSample[], bucketSeconds: number, totalSeconds: number): LatencyBucket[] {
  if (!(bucketSeconds > 0) || !(totalSeconds > 0)) throw new RangeError('buckets need a positive width and length');
  const count = Math.ceil(totalSeconds / bucketSeconds);
  const groups: RequestSample[][] = Array.from({ length: count }, () => []);
  for (const sample of samples) {
    const index = Math.min(count - 1, Math.max(0, Math.floor(sample.endedS / bucketSeconds)));
    groups[index]!.push(sample);
  }
  return groups.map((group, index) => ({
    fromS: index * bucketSeconds,
    toS: Math.min(totalSeconds, (index + 1) * bucketSeconds),
    ...latencyFigures(group),
  }));
}

function latencyFigures(group: readonly RequestSample[]): Omit<LatencyBucket, 'fromS' | 'toS'> {
  const sorted = group.map((s) => s.latencyMs).sort((a, b) => a - b);
  return {
    requests: group.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    notOk: group.filter((s) => s.status !== 200).length,
    withErrors: group.filter((s) => s.status === 200 && hasFailure(s)).length,
  };
}

export interface Stretch {
  fromS: number;
  toS: number;
  /** "before the faults", "helix-therapeutics down", "Redis down", "after Redis down"... */
  label: string;
}

/**
 * The run cut at every fault's start and end: the stretches before, during, between and after the
 * faults, in order. Where two faults overlap (a partner slow to come back while Redis restarts),
 * the overlap is a stretch of its own, named after both.
 */
export function stretches(faults: readonly FaultWindow[], totalSeconds: number): Stretch[] {
  const clamp = (s: number) => Math.min(totalSeconds, Math.max(0, s));
  const cuts = [...new Set([0, totalSeconds, ...faults.flatMap((f) => [clamp(f.fromS), clamp(f.toS)])])].sort((a, b) => a - b);
  const result: Stretch[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [fromS, toS] = [cuts[i]!, cuts[i + 1]!];
    const down = faults.filter((f) => f.fromS <= fromS && f.toS >= toS).sort((a, b) => a.fromS - b.fromS);
    const over = faults.filter((f) => f.toS <= fromS).sort((a, b) => a.toS - b.toS);
    const label = down.length > 0
      ? `${down.map((f) => f.target).join(' and ')} down`
      : over.length > 0 ? `after ${over.at(-1)!.target} down` : faults.length > 0 ? 'before the faults' : 'whole run';
    result.push({ fromS, toS, label });
  }
  return result;
}

export interface StretchTally extends Stretch {
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests by HTTP status ("0" for no answer), most frequent first. */
  statuses: readonly (readonly [string, number])[];
  /** Answers carrying each failure (with the subgraph named), most frequent first. */
  errors: readonly (readonly [string, number])[];
}

/** What was answered in each stretch, requests counted by when they were sent. */
export function stretchTallies(samples: readonly RequestSample[], parts: readonly Stretch[]): StretchTally[] {
  return parts.map((part, index) => {
    const last = index === parts.length - 1;
    const group = samples.filter((s) => s.startedS >= part.fromS && (s.startedS < part.toS || (last && s.startedS >= part.toS)));
    const figures = latencyFigures(group);
    return {
      ...part,
      requests: group.length,
      p50Ms: figures.p50Ms,
      p99Ms: figures.p99Ms,
      statuses: countsOf(group.map((s) => String(s.status))),
      errors: countsOf(group.flatMap((s) => s.errorCodes.filter(isFailure))),
    };
  });
}

/** Occurrences of each value, most frequent first, then by value. */
export function countsOf(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export interface RequestTotals {
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  statuses: [string, number][];
  byReplica: [string, number][];
  byPersona: [string, number][];
  byWorkload: [string, number][];
  /** Answers carrying each failure, most frequent first. */
  errors: [string, number][];
  /** Answers carrying each denial reason of a policy, most frequent first. */
  denials: [string, number][];
  /** Requests that got no answer, a status other than 200, or an answer carrying a failure. */
  notClean: number;
}

export function requestTotals(samples: readonly RequestSample[]): RequestTotals {
  const figures = latencyFigures(samples);
  return {
    requests: samples.length,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    statuses: countsOf(samples.map((s) => String(s.status))),
    byReplica: countsOf(samples.map((s) => `gateway ${s.replica + 1}`)),
    byPersona: countsOf(samples.map((s) => s.persona)),
    byWorkload: countsOf(samples.map((s) => s.workload)),
    errors: countsOf(samples.flatMap((s) => s.errorCodes.filter(isFailure))),
    denials: countsOf(samples.flatMap((s) => s.errorCodes.flatMap((c) => denialReason(c) ?? []))),
    notClean: samples.filter((s) => s.status !== 200 || hasFailure(s)).length,
  };
}

export interface FaultEffect {
  fault: FaultWindow;
  /** Answers from the fault's start until the next fault (or the end) that carried a failure it explains. */
  affected: number;
  /** When the first and last of them came, seconds; null when none did. */
  firstS: number | null;
  lastS: number | null;
  /** How long after the service was back failures still came (0 when they stopped while it was down). */
  lingeredS: number | null;
  /**
   * Such answers per second in the BEFORE_S seconds before the fault, while it lasted, and from its
   * end until the next fault (or the end): failures that were there anyway show in the first.
   */
  perSecond: { before: number | null; during: number | null; after: number | null };
}

/** The stretch before a fault that its failure rate is compared with. */
export const BEFORE_S = 10;

/**
 * What each fault did to the answers: a partner's, failures naming it; Redis's, any failure or
 * status other than 200 (the grants, the trail, the nonces of every subgraph are in Redis). Each
 * fault is followed until the next one starts, so that failures still coming after the service was
 * back (an open circuit) count.
 */
export function faultEffects(samples: readonly RequestSample[], faults: readonly FaultWindow[], totalSeconds: number): FaultEffect[] {
  const ordered = [...faults].sort((a, b) => a.fromS - b.fromS);
  return ordered.map((fault, index) => {
    const untilS = Math.min(totalSeconds, ordered[index + 1]?.fromS ?? totalSeconds);
    const explained = fault.kind === 'partner-down'
      ? (s: RequestSample) => s.errorCodes.some((code) => isFailure(code) && code.includes(fault.target))
      : (s: RequestSample) => s.status !== 200 || hasFailure(s);
    const times = samples.filter(explained).map((s) => s.endedS);
    const rate = (fromS: number, toS: number) => (toS > fromS ? times.filter((t) => t >= fromS && t < toS).length / (toS - fromS) : null);
    const ended = times.filter((t) => t >= fault.fromS && t < (ordered[index + 1]?.fromS ?? Number.POSITIVE_INFINITY));
    const lastS = ended.length > 0 ? Math.min(totalSeconds, ended.reduce((a, b) => Math.max(a, b))) : null;
    const faultEnd = Math.min(fault.toS, totalSeconds);
    return {
      fault,
      affected: ended.length,
      firstS: ended.length > 0 ? ended.reduce((a, b) => Math.min(a, b)) : null,
      lastS,
      lingeredS: lastS === null ? null : Math.max(0, lastS - fault.toS),
      perSecond: {
        before: rate(Math.max(0, fault.fromS - BEFORE_S), fault.fromS),
        during: rate(fault.fromS, faultEnd),
        after: rate(faultEnd, untilS),
      },
    };
  });
}
