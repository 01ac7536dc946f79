import { describe, expect, it } from 'vitest';
import type { ReplicaGrowth } from '../../../bench/soak/memory-growth.js';
import { auditFigures, oracleVerdicts, soakPassed, type AuditFigures, type VisibilityFigures } from '../../../bench/soak/soak-results.js';

const VISIBLE: VisibilityFigures = { answersChecked: 1000, guardedValuesChecked: 5000, violations: 0, examples: [] };
const coverage = (missing: string[] = [], incomplete = 0) => ({
  expectedRequests: 400, recorded: 400 - missing.length, missing,
  incomplete: Array.from({ length: incomplete }, (_, i) => ({ requestId: `r${i}`, read: { datasetId: 'd', field: 'sampleRecords' as const } })),
});
const AUDITED: AuditFigures = auditFigures(coverage(), { total: 900, reads: 880, acts: 20 }, { exitCode: 0, message: 'audit: the trail verifies' }, 0);
const growth = (replica: number, share: number): ReplicaGrowth => ({
  replica,
  rss: { baseline: 200 * 2 ** 20, end: 300 * 2 ** 20, growth: 0.5 },
  heapUsed: { baseline: null, end: null, growth: null },
  liveHeap: { baseline: 100 * 2 ** 20, end: (1 + share) * 100 * 2 ** 20, growth: share, collections: 6, compared: 3 },
  withinLimit: share < 0.1,
});
const MEMORY = [growth(0, 0.03), growth(1, -0.01)];

describe('oracleVerdicts', () => {
  it('passes a run with no violation, no record missing, a verified chain and memory within the limit', () => {
    const verdicts = oracleVerdicts(VISIBLE, AUDITED, MEMORY, 0.1);
    expect(verdicts.map((v) => v.status)).toEqual(['passed', 'passed', 'passed']);
    expect(verdicts[0]!.measured).toBe('0 violations in 5,000 guarded values of 1,000 answers');
    expect(verdicts[1]!.measured).toContain('400 of 400 answers');
    expect(verdicts[2]!.measured).toBe('gateway 1: 100 MB to 103 MB (+3.0%); RSS 200 MB to 300 MB; gateway 2: 100 MB to 99 MB (-1.0%); RSS 200 MB to 300 MB');
    expect(soakPassed(verdicts)).toBe(true);
  });

  it.each<[string, VisibilityFigures, AuditFigures, ReplicaGrowth[], number]>([
    ['a violation', { ...VISIBLE, violations: 1 }, AUDITED, MEMORY, 0],
    ['no answer checked', { ...VISIBLE, answersChecked: 0 }, AUDITED, MEMORY, 0],
    ['a missing record', VISIBLE, auditFigures(coverage(['soak-1-2']), AUDITED.trail, AUDITED.verify, 0), MEMORY, 1],
    ['a read its record does not list', VISIBLE, auditFigures(coverage([], 1), AUDITED.trail, AUDITED.verify, 0), MEMORY, 1],
    ['a chain that does not verify', VISIBLE, { ...AUDITED, verify: { exitCode: 1, message: 'does not verify at record 7' } }, MEMORY, 1],
    ['request ids not echoed', VISIBLE, { ...AUDITED, requestIdMismatches: 3 }, MEMORY, 1],
    ['nothing guarded served to look for', VISIBLE, auditFigures({ expectedRequests: 0, recorded: 0, missing: [], incomplete: [] }, AUDITED.trail, AUDITED.verify, 0), MEMORY, 1],
    ['a gateway grown by 12%', VISIBLE, AUDITED, [growth(0, 0.03), growth(1, 0.12)], 2],
    ['no gateway measured', VISIBLE, AUDITED, [], 2],
    ['a live heap not measured', VISIBLE, AUDITED, [{ ...growth(0, 0), liveHeap: { baseline: null, end: null, growth: null, collections: 1, compared: 0 }, withinLimit: false }], 2],
  ])('fails on %s, only that oracle', (_, visibility, audit, memory, failing) => {
    const verdicts = oracleVerdicts(visibility, audit, memory, 0.1);
    expect(verdicts.map((v) => v.status)).toEqual([0, 1, 2].map((i) => (i === failing ? 'failed' : 'passed')));
    expect(soakPassed(verdicts)).toBe(false);
  });
});

describe('auditFigures', () => {
  it('keeps counts, and at most 20 examples of what is missing', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `soak-0-${i}`);
    const figures = auditFigures(coverage(ids, 25), AUDITED.trail, AUDITED.verify, 0);
    expect(figures.coverage).toMatchObject({ expectedRequests: 400, recorded: 375, missing: 25, incomplete: 25 });
    expect(figures.coverage.missingExamples).toHaveLength(20);
    expect(figures.coverage.incompleteExamples).toHaveLength(20);
  });
});

describe('the memory verdict\'s wording', () => {
  it('says why a live heap was not measured', () => {
    const memory = [{ ...growth(0, 0), liveHeap: { baseline: null, end: null, growth: null, collections: 1, compared: 0 }, withinLimit: false }];
    expect(oracleVerdicts(VISIBLE, AUDITED, memory, 0.1)[2]!.measured).toBe('gateway 1: not measured (1 full collection after the warm-up); RSS 200 MB to 300 MB');
  });
});
