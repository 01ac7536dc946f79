import type { AuditStorage } from './contenders/gateway-messages.js';
import { formatNumber, formatRatio, formatVerdict, markdownTable, pairedRatio, type VerdictStatus } from './report.js';

// What Concord's audit trail costs on workload (b) (issue 11): Concord against the same code with
// the trail off, in the same run and the same rounds, and the Redis memory each record takes. Pure,
// so test/unit/bench/audit-cost.test.ts checks it without running a benchmark.

/** The trail may cost at most this share of (b)'s requests per second. */
export const AUDIT_COST_LIMIT = 0.05;

export interface AuditCost {
  /** Concord's req/s over Concord's with the trail off: the median of the rounds' ratios. */
  ratio: number | null;
  status: VerdictStatus;
  /** The trail's stream in Redis after the main workloads; null without Redis. */
  storage: AuditStorage | null;
}

/** The requests per second of each round on (b), with and without the trail. */
export function auditCostOf(withTrail: readonly number[], withoutTrail: readonly number[], storage: AuditStorage | null): AuditCost {
  const ratio = pairedRatio(withTrail, withoutTrail);
  const status: VerdictStatus = ratio === null ? 'not measured' : ratio >= 1 - AUDIT_COST_LIMIT ? 'met' : 'missed';
  return { ratio, status, storage };
}

/** "4.2%" of throughput lost (negative when the run measured the trail as free, within noise). */
export function costPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${formatNumber((1 - ratio) * 100, 1)}%`;
}

export function auditCostVerdict(cost: AuditCost): { target: string; measured: string; status: VerdictStatus } {
  return {
    target: `(b) the audit trail costs at most ${AUDIT_COST_LIMIT * 100}% of Concord's req/s (on against off, same run)`,
    measured: cost.ratio === null ? 'not measured (run workload (b))' : `${formatRatio(cost.ratio)} of audit off: costs ${costPercent(cost.ratio)}`,
    status: cost.status,
  };
}

export function storageLine(storage: AuditStorage | null): string {
  if (!storage) return 'Redis memory per record: not measured (no Redis, or no record written).';
  return `Redis memory per record: ${formatNumber(storage.streamBytes / storage.records, 0)} bytes (the stream's MEMORY USAGE, ${formatNumber(storage.streamBytes / 1024 / 1024, 1)} MiB, over its ${storage.records} records, mostly (b)'s); a stored record (its canonical form) is ${formatNumber(storage.recordBytes, 0)} bytes on average.`;
}

/** The results.md section: the verdict, then the memory each record takes in Redis. */
export function auditCostMarkdown(cost: AuditCost): string {
  const verdict = auditCostVerdict(cost);
  return [
    '## Audit trail',
    '',
    'Concord writes every operation that touched a guarded field to its audit trail in Redis before answering (ARCHITECTURE.md "Audit"). "Concord, audit off" is the same gateway with a log that keeps nothing, measured on (b) in the same rounds; the ratio is the median of the rounds\' ratios between the two.',
    '',
    markdownTable(['target', 'measured', 'verdict'], [[verdict.target, verdict.measured, formatVerdict(verdict.status)]]),
    '',
    storageLine(cost.storage),
    '',
  ].join('\n');
}
