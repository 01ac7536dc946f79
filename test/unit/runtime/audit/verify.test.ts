import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../runtime/audit/audit-record.js';
import { chain, hashOf } from '../../../../runtime/audit/canonical-form.js';
import { verifyChain, type ChainProblem } from '../../../../runtime/audit/verify.js';
import { entry } from './audit-fixtures.js';

const records = (): AuditRecord[] => chain(Array.from({ length: 6 }, (_, i) => entry({ requestId: `req-${i + 1}` })), null);

type Case = [what: string, change: (rs: AuditRecord[]) => AuditRecord[], seq: number, problem: ChainProblem];

describe('verifyChain', () => {
  it('passes an untouched chain and says where it ends', async () => {
    const rs = records();
    expect(await verifyChain(rs, null)).toEqual({ ok: true, count: 6, last: { seq: 6, hash: rs[5]!.hash } });
    expect(await verifyChain([], null)).toEqual({ ok: true, count: 0, last: null });
  });

  it.each<Case>([
    ['a field changed, hash left', (rs) => { rs[2]!.subject = 'eve'; return rs; }, 3, 'hash-mismatch'],
    ['a nested field changed', (rs) => { (rs[3]!.fields[0] as { outcome: string }).outcome = 'deny'; return rs; }, 4, 'hash-mismatch'],
    ['a field changed and its hash recomputed', (rs) => { rs[2]!.subject = 'eve'; rs[2]!.hash = hashOf(rs[2]!); return rs; }, 4, 'previous-hash-mismatch'],
    ['a record removed', (rs) => rs.filter((r) => r.seq !== 4), 5, 'sequence-gap'],
    ['two records swapped', (rs) => [rs[0]!, rs[2]!, rs[1]!, ...rs.slice(3)], 3, 'sequence-gap'],
    ['a record duplicated', (rs) => [...rs.slice(0, 3), rs[2]!, ...rs.slice(3)], 3, 'sequence-gap'],
    ['the first record removed', (rs) => rs.slice(1), 2, 'sequence-gap'],
    ['a record re-chained to another', (rs) => { rs[4]!.previousHash = rs[2]!.hash; rs[4]!.hash = hashOf(rs[4]!); return rs; }, 5, 'previous-hash-mismatch'],
    ['a seq that is not a whole number', (rs) => { rs[1]!.seq = 1.5; return rs; }, 1.5, 'malformed'],
    ['a hash that is not hex', (rs) => { rs[1]!.previousHash = 'zz'; return rs; }, 2, 'malformed'],
  ])('names the first record that does not verify: %s', async (_what, change, seq, problem) => {
    const verdict = await verifyChain(change(records()), null);
    expect(verdict).toMatchObject({ ok: false, seq, problem });
    if (!verdict.ok) expect(verdict.message).toContain(`record ${seq}`);
  });

  it('continues from a checkpoint: the records after a trim verify, and only against it', async () => {
    const rs = records();
    const rest = rs.slice(3);
    expect(await verifyChain(rest, { seq: 3, hash: rs[2]!.hash })).toMatchObject({ ok: true, count: 3 });
    expect(await verifyChain(rest, null)).toMatchObject({ ok: false, seq: 4, problem: 'sequence-gap' });
    expect(await verifyChain(rest, { seq: 3, hash: rs[1]!.hash })).toMatchObject({ ok: false, seq: 4, problem: 'previous-hash-mismatch' });
    expect(await verifyChain(rest, { seq: 2, hash: rs[1]!.hash })).toMatchObject({ ok: false, seq: 4, problem: 'sequence-gap' });
  });

  it('compares the end of the chain with the head the log recorded: lost last records are named', async () => {
    const rs = records();
    expect(await verifyChain(rs, null, { seq: 6, hash: rs[5]!.hash })).toMatchObject({ ok: true });
    expect(await verifyChain(rs.slice(0, 4), null, { seq: 6, hash: rs[5]!.hash })).toMatchObject({ ok: false, seq: 5, problem: 'sequence-gap' });
    expect(await verifyChain(rs, null, { seq: 6, hash: rs[4]!.hash })).toMatchObject({ ok: false, seq: 6, problem: 'hash-mismatch' });
  });

  it('walks pages from an async source and stops at the first failure', async () => {
    const rs = records();
    rs[1]!.subject = 'eve';
    let pagesRead = 0;
    async function* pages() {
      for (let i = 0; i < rs.length; i += 2) {
        pagesRead += 1;
        yield rs.slice(i, i + 2);
      }
    }
    expect(await verifyChain(pages(), null)).toMatchObject({ ok: false, seq: 2, count: 1 });
    expect(pagesRead).toBe(1);
  });
});
