import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditRecord } from '../../../../runtime/audit/audit-record.js';
import { canonicalForm, chain, hashOf } from '../../../../runtime/audit/canonical-form.js';
import { chainFieldsOf } from '../../../../runtime/audit/verify.js';
import { entry } from './audit-fixtures.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonical form', () => {
  const [record] = chain([entry()], null) as [AuditRecord];

  it('is JSON without whitespace: seq and previousHash first, then every other field in code-unit order, hash left out', () => {
    const text = canonicalForm(record);
    expect(text.startsWith(`{"seq":1,"previousHash":"${GENESIS_HASH}","action":"read","at":`)).toBe(true);
    expect(text).not.toMatch(/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(text).not.toContain('"hash"');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['seq', 'previousHash', ...Object.keys(parsed).slice(2).sort()]);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(record).filter((k) => k !== 'hash').sort());
    expect(parsed.fields).toEqual([
      { datasetIds: ['helix:ds-1'], field: 'HelixDataset.sampleRecords', outcome: 'allow' },
      { datasetIds: ['helix:ds-1'], field: 'HelixDataset.contact', outcome: 'deny', reason: 'NO_GRANT' },
    ]);
  });

  it('does not depend on the order keys were written in, at any depth', () => {
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as unknown as AuditRecord;
    (shuffled as { detail: unknown }).detail = { b: 1, a: 'x' };
    const ordered = { ...record, detail: { a: 'x', b: 1 } };
    expect(canonicalForm(shuffled)).toBe(canonicalForm(ordered));
  });

  it('is read back unchanged from its own JSON', () => {
    const odd = chain([entry({ detail: { note: 'quote " backslash \\ newline \n é 😀', n: -0.5, yes: true, none: null } })], null)[0]!;
    const text = canonicalForm(odd);
    expect(canonicalForm(JSON.parse(text) as AuditRecord)).toBe(text);
  });

  it.each([
    ['a changed field', { subject: 'eve' }],
    ['a changed nested field', { fields: [{ field: 'HelixDataset.sampleRecords', datasetIds: ['helix:ds-1'], outcome: 'deny' as const }] }],
    ['a changed seq', { seq: 2 }],
    ['a changed previousHash', { previousHash: 'f'.repeat(64) }],
    ['a field added', { extra: 'x' } as Partial<AuditRecord>],
  ])('changes with %s', (_what, change) => {
    expect(canonicalForm({ ...record, ...change })).not.toBe(canonicalForm(record));
  });

  it.each([
    ['a seq that is not a positive integer', { seq: 0 }],
    ['a previousHash that is not 64 hex digits', { previousHash: 'abc' }],
    ['a number JSON cannot hold', { detail: { n: Number.NaN } }],
  ])('refuses %s', (_what, change) => {
    expect(() => canonicalForm({ ...record, ...change } as AuditRecord)).toThrow(TypeError);
  });

  it('hashOf is the SHA-256 (hex) of the canonical form, whatever hash the record carries', () => {
    expect(hashOf(record)).toBe(sha256(canonicalForm(record)));
    expect(hashOf({ ...record, hash: 'anything' })).toBe(record.hash);
  });

  it('opens with chain fields a verifier reads without parsing', () => {
    expect(chainFieldsOf(canonicalForm(record))).toEqual({ seq: 1, previousHash: GENESIS_HASH });
    expect(chainFieldsOf('{"seq":01,"previousHash":"' + GENESIS_HASH + '"}')).toBeNull();
    expect(chainFieldsOf('{"previousHash":"' + GENESIS_HASH + '","seq":1}')).toBeNull();
    expect(chainFieldsOf('{"seq":1,"previousHash":"' + GENESIS_HASH.slice(1) + 'g"}')).toBeNull();
  });
});

describe('chain', () => {
  it('numbers records after the position given and links each to the hash of the one before', () => {
    const first = chain([entry(), entry({ action: 'request' })], null);
    expect(first.map((r) => r.seq)).toEqual([1, 2]);
    expect(first[0]!.previousHash).toBe(GENESIS_HASH);
    expect(first[1]!.previousHash).toBe(first[0]!.hash);
    for (const r of first) expect(r.hash).toBe(hashOf(r));
    const next = chain([entry({ action: 'decision' })], { seq: 2, hash: first[1]!.hash });
    expect(next[0]).toMatchObject({ seq: 3, previousHash: first[1]!.hash, action: 'decision' });
  });

  it('is pure: the same entries after the same position give the same records, and the entries are not changed', () => {
    const entries = [entry(), entry({ subject: 'bo' })];
    const before = structuredClone(entries);
    expect(chain(entries, { seq: 9, hash: 'a'.repeat(64) })).toEqual(chain(entries, { seq: 9, hash: 'a'.repeat(64) }));
    expect(entries).toEqual(before);
    expect(entries[0]).not.toHaveProperty('seq');
  });

  it('refuses an entry without a time it can order by', () => {
    expect(() => chain([entry({ at: 'yesterday' })], null)).toThrow(/ISO 8601/);
  });
});
