import { describe, expect, it } from 'vitest';
import { InMemoryAuditLog } from '../../../../runtime/audit/in-memory-audit-log.js';
import type { AuditEntry } from '../../../../runtime/audit/audit-record.js';

// A process without Redis keeps only the newest records, dropped as a trim drops them, so what it
// keeps still verifies from its checkpoint (ARCHITECTURE.md "Audit").

const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 30, 0, 0, i)).toISOString(), action: 'read', subject: `s${i}`, organisation: null, purpose: null,
  partnerIds: [], datasetIds: [], fields: [], policyVersion: '1', mode: 'filter', clientName: null, requestId: null, detail: {},
});

describe('in-memory audit log with a bound', () => {
  it.each([[1, 5], [3, 10], [10, 10], [4, 25]])('keeps the newest %i of %i records, and they verify', async (max, total) => {
    const log = new InMemoryAuditLog(max);
    for (let i = 0; i < total; i += 2) await log.append([entry(i), ...(i + 1 < total ? [entry(i + 1)] : [])]);
    const kept = await log.read(1, total);
    expect(kept.map((r) => r.seq)).toEqual(Array.from({ length: Math.min(max, total) }, (_, k) => total - Math.min(max, total) + k + 1));
    expect((await log.verify()).ok).toBe(true);
    if (total > max) expect((await log.checkpoint())?.seq).toBe(total - max);
  });

  it('refuses a bound below one', () => {
    expect(() => new InMemoryAuditLog(0)).toThrow(/at least 1/);
  });
});
