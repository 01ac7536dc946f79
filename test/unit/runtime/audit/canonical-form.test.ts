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

// The canonical form as the rule states it (ARCHITECTURE.md "Audit"), written the slow way: the
// fast writer for records of an entry's shape must give exactly these bytes for any record.
function reference(record: Record<string, unknown>): string {
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : value(x))).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${value(o[k])}`).join(',')}}`;
    }
    return JSON.stringify(v);
  };
  const rest = Object.keys(record).sort().filter((k) => !['seq', 'previousHash', 'hash'].includes(k) && record[k] !== undefined);
  return `{"seq":${String(record.seq)},"previousHash":"${String(record.previousHash)}"${rest.map((k) => `,${JSON.stringify(k)}:${value(record[k])}`).join('')}}`;
}

describe('canonical form of any record', () => {
  const [base] = chain([entry()], null) as [AuditRecord];
  const field = base.fields[0]!;
  it.each<[string, Record<string, unknown>]>([
    ['an entry as the gateway writes it', {}],
    ['a field decided for many datasets, and one for none', { fields: [{ ...field, datasetIds: ['a:1', 'b:2', 'c:3'] }, { field: 'Q.x', datasetIds: [], outcome: 'deny', reason: 'MISSING_SCOPES' }] }],
    ['a governance act: no fields, detail with keys out of order', { action: 'decision', fields: [], detail: { z: 1, a: 'x', m: true, n: null } }],
    ['strings JSON must escape', { subject: 'quote " backslash \\ newline \n tab \t é 😀 \u0001', datasetIds: ['\ud800 lone', '"'] }],
    ['nulls where strings may be', { subject: null, organisation: null, purpose: null, clientName: null, requestId: null, mode: null }],
    ['a key left undefined', { purpose: undefined, fields: [{ ...field, reason: undefined }] }],
    ['a key no entry has', { extra: { b: [1, 2], a: 'x' } }],
    ['a field with a key no field has', { fields: [{ ...field, note: 'x' }] }],
    ['a list holding a number', { datasetIds: ['a', 7] }],
    ['a list holding an object with keys out of order', { partnerIds: [{ b: 1, a: 2 }], fields: [{ ...field, datasetIds: [{ z: 1, y: 2 }] }] }],
    ['fields that are not a list', { fields: { a: 1 } }],
    ['a field that is a list', { fields: [['x']] }],
    ['a number where a string goes', { policyVersion: 7, at: 1.5 }],
    ['an empty record but for the chain', Object.fromEntries(Object.keys(base).filter((k) => !['seq', 'previousHash', 'hash'].includes(k)).map((k) => [k, undefined]))],
  ])('%s', (_name, change) => {
    const record = { ...base, ...change } as unknown as AuditRecord;
    expect(canonicalForm(record)).toBe(reference(record as unknown as Record<string, unknown>));
  });

  it('does not read keys a record inherits', () => {
    const inherited = Object.assign(Object.create({ extra: 'x' }) as Record<string, unknown>, base);
    expect(canonicalForm(inherited as unknown as AuditRecord)).toBe(canonicalForm(base));
  });
});

describe('chain fields read from stored bytes', () => {
  const h = GENESIS_HASH.replace(/0/g, 'a');
  it.each<[string, string]>([
    ['a record', `{"seq":1,"previousHash":"${h}","action":"read"}`],
    ['a record with nothing after its chain fields', `{"seq":42,"previousHash":"${h}"}`],
    ['the largest safe seq', `{"seq":9007199254740991,"previousHash":"${h}","a":1}`],
    ['a seq past the largest safe one', `{"seq":9007199254740993,"previousHash":"${h}","a":1}`],
    ['a seq of too many digits', `{"seq":123456789012345678,"previousHash":"${h}","a":1}`],
    ['a seq with a leading zero', `{"seq":01,"previousHash":"${h}","a":1}`],
    ['no seq', `{"seq":,"previousHash":"${h}","a":1}`],
    ['a negative seq', `{"seq":-1,"previousHash":"${h}","a":1}`],
    ['the chain fields in another order', `{"previousHash":"${h}","seq":1}`],
    ['upper-case hex', `{"seq":1,"previousHash":"${h.toUpperCase()}","a":1}`],
    ['a hash one digit short', `{"seq":1,"previousHash":"${h.slice(1)}","a":1}`],
    ['a hash one digit long', `{"seq":1,"previousHash":"${h}a","a":1}`],
    ['a hash not closed', `{"seq":1,"previousHash":"${h}`],
    ['something after the hash that is not JSON', `{"seq":1,"previousHash":"${h}"x`],
    ['not a record at all', 'hello'],
    ['nothing', ''],
  ])('%s: as from its text, whichever hash the verifier expects', (_name, text) => {
    for (const expected of [undefined, h, 'b'.repeat(64)]) expect(chainFieldsOf(Buffer.from(text), expected)).toEqual(chainFieldsOf(text));
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
