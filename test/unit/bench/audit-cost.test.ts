import { describe, expect, it } from 'vitest';
import { auditCostMarkdown, auditCostOf, auditCostVerdict, storageLine } from '../../bench/audit-cost.js';
import type { VerdictStatus } from '../../bench/report.js';

// What the audit trail costs on (b) (issue 11): Concord with it against Concord without, round by
// round, against a limit of 5%; and its Redis memory per record.

describe('audit cost', () => {
  it.each<[string, number[], number[], number | null, VerdictStatus, string]>([
    ['free', [100, 100, 100], [100, 100, 100], 1, 'met', '1.00x of audit off: costs 0.0%'],
    ['just within 5%', [95, 95, 95], [100, 100, 100], 0.95, 'met', '0.95x of audit off: costs 5.0%'],
    ['over 5%', [89, 90, 91], [100, 100, 100], 0.9, 'missed', '0.90x of audit off: costs 10.0%'],
    ['judged round by round, not on medians of each', [50, 100, 200], [50, 105, 200], 1, 'met', '1.00x of audit off: costs 0.0%'],
    ['faster with it, within noise', [102, 102], [100, 100], 1.02, 'met', '1.02x of audit off: costs -2.0%'],
    ['not measured without rounds of both', [100], [], null, 'not measured', 'not measured (run workload (b))'],
  ])('%s', (_name, on, off, ratio, status, measured) => {
    const cost = auditCostOf(on, off, null);
    if (ratio === null) expect(cost.ratio).toBeNull();
    else expect(cost.ratio).toBeCloseTo(ratio, 10);
    expect([cost.status, auditCostVerdict(cost).measured]).toEqual([status, measured]);
  });

  it.each<[string, Parameters<typeof storageLine>[0], string]>([
    ['no Redis', null, 'not measured'],
    ['bytes per record from the stream\'s memory', { records: 1000, streamBytes: 2_000_000, recordBytes: 1800.4 }, '2000 bytes'],
  ])('memory per record: %s', (_name, storage, expected) => {
    expect(storageLine(storage)).toContain(expected);
  });

  it('renders a section with the verdict and the memory per record', () => {
    const markdown = auditCostMarkdown(auditCostOf([90], [100], { records: 10, streamBytes: 10_240, recordBytes: 900 }));
    expect(markdown).toMatch(/^## Audit trail\n/);
    expect(markdown).toContain('| 0.90x of audit off: costs 10.0% | **missed** |');
    expect(markdown).toContain('1024 bytes');
  });
});
