import type { MachineInfo } from '../machine.js';
import type { AuditCoverage } from './audit-coverage.js';
import type { ChainCheck } from './audit-trail-read.js';
import type { MemorySample, ReplicaGrowth } from './memory-growth.js';
import type { MajorCollection } from './gc-trace.js';
import type { SeenViolation } from './soak-clients.js';
import type { SoakPlan } from './soak-plan.js';
import type { FaultEffect, FaultWindow, LatencyBucket, RequestTotals, StretchTally } from './timeline.js';
import type { LogSummary } from './service-logs.js';
import type { RedisDiagnostics } from './redis-diagnostics.js';

// What `npm run soak` measured and decided, as soak.json keeps it and soak.md reports it.

export type OracleStatus = 'passed' | 'failed';

export interface OracleVerdict {
  oracle: string;
  measured: string;
  status: OracleStatus;
}

export interface SoakSettings {
  clients: number;
  replicas: number;
  seed: string;
  requestTimeoutMs: number;
  /** How Redis flushed its append-only file. */
  appendFsync: string;
  partners: readonly string[];
  partnerKilled: string;
  gatewaySettings: Readonly<Record<string, string>>;
  personas: readonly { name: string; weight: number }[];
  workloads: readonly (readonly [string, number])[];
}

export interface VisibilityFigures {
  answersChecked: number;
  guardedValuesChecked: number;
  violations: number;
  /** The first violations, with their request ids. */
  examples: readonly SeenViolation[];
}

export interface AuditFigures {
  trail: { total: number; reads: number; acts: number };
  /** Counts, with at most 20 of the missing request ids and incomplete reads. */
  coverage: Omit<AuditCoverage, 'missing' | 'incomplete'> & { missing: number; incomplete: number; missingExamples: string[]; incompleteExamples: AuditCoverage['incomplete'] };
  verify: ChainCheck;
  /** Answers whose x-request-id was not the one the client sent. */
  requestIdMismatches: number;
}

export interface SoakResults {
  generatedAt: string;
  /** From start-up to the end of the checks, seconds. */
  durationSeconds: number;
  machine: MachineInfo;
  loadAverageAtEnd: number;
  settings: SoakSettings;
  plan: SoakPlan;
  faults: readonly FaultWindow[];
  faultEffects: readonly FaultEffect[];
  totals: RequestTotals;
  buckets: readonly LatencyBucket[];
  stretches: readonly StretchTally[];
  visibility: VisibilityFigures;
  audit: AuditFigures;
  memory: readonly ReplicaGrowth[];
  /** Every memory sample of both gateways, in the order taken. */
  memorySamples: readonly MemorySample[];
  /** Each gateway's full collections (--trace-gc), timed from the start of the load. */
  collections: readonly { replica: number; collections: readonly MajorCollection[] }[];
  logs: readonly LogSummary[];
  redis: readonly RedisDiagnostics[];
  verdicts: readonly OracleVerdict[];
}

const EXAMPLES = 20;

export function auditFigures(coverage: AuditCoverage, trail: AuditFigures['trail'], verify: ChainCheck, requestIdMismatches: number): AuditFigures {
  return {
    trail,
    coverage: {
      expectedRequests: coverage.expectedRequests,
      recorded: coverage.recorded,
      missing: coverage.missing.length,
      incomplete: coverage.incomplete.length,
      missingExamples: coverage.missing.slice(0, EXAMPLES),
      incompleteExamples: coverage.incomplete.slice(0, EXAMPLES),
    },
    verify,
    requestIdMismatches,
  };
}

const mb = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
const signedPercent = (share: number | null) => (share === null ? '–' : `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`);

/** The three oracles' verdicts; the run passes only when all three pass. */
export function oracleVerdicts(visibility: VisibilityFigures, audit: AuditFigures, memory: readonly ReplicaGrowth[], memoryLimit: number): OracleVerdict[] {
  const visibilityPassed = visibility.answersChecked > 0 && visibility.violations === 0;
  const { coverage } = audit;
  const auditPassed = coverage.expectedRequests > 0 && coverage.missing === 0 && coverage.incomplete === 0
    && audit.verify.exitCode === 0 && audit.requestIdMismatches === 0;
  const memoryPassed = memory.length > 0 && memory.every((m) => m.withinLimit);
  return [
    {
      oracle: 'no guarded value served to a caller who may not see it',
      measured: `${visibility.violations} violations in ${visibility.guardedValuesChecked.toLocaleString('en-US')} guarded values of ${visibility.answersChecked.toLocaleString('en-US')} answers`,
      status: visibilityPassed ? 'passed' : 'failed',
    },
    {
      oracle: 'no audit record lost for an allowed guarded read; the chain verifies',
      measured: `${coverage.recorded.toLocaleString('en-US')} of ${coverage.expectedRequests.toLocaleString('en-US')} answers with an allowed guarded value recorded, ${coverage.missing} missing, ${coverage.incomplete} reads not listed; verify exit ${audit.verify.exitCode}${audit.requestIdMismatches > 0 ? `; ${audit.requestIdMismatches} request ids not echoed` : ''}`,
      status: auditPassed ? 'passed' : 'failed',
    },
    {
      oracle: `memory growth after warm-up under ${Math.round(memoryLimit * 100)}% (live heap after full collections, each gateway)`,
      measured: memory.length === 0
        ? 'no gateway measured'
        : memory.map((m) => `gateway ${m.replica + 1}: ${m.liveHeap.growth === null
          ? `not measured (${m.liveHeap.collections} full collection${m.liveHeap.collections === 1 ? '' : 's'} after the warm-up)`
          : `${mb(m.liveHeap.baseline)} to ${mb(m.liveHeap.end)} (${signedPercent(m.liveHeap.growth)})`}; RSS ${mb(m.rss.baseline)} to ${mb(m.rss.end)}`).join('; '),
      status: memoryPassed ? 'passed' : 'failed',
    },
  ];
}

export const soakPassed = (verdicts: readonly OracleVerdict[]): boolean => verdicts.every((v) => v.status === 'passed');
