import { describe, expect, it } from 'vitest';
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  grantSortKey,
  idOfSortKey,
  isRecordSortKey,
  pageOf,
  parsePartSortKey,
  partSortKey,
  requestSortKey,
  timeKey,
} from '../../../../subgraphs/governance/store/order.js';

// The sort keys and cursors both governance stores list by (ARCHITECTURE.md "Stores").

describe('sort keys', () => {
  it('turn ISO times into fixed-width epoch milliseconds, so string order is time order', () => {
    expect(timeKey('1970-01-01T00:00:00.000Z')).toBe('000000000000000');
    expect(timeKey('2026-01-01T00:00:00Z')).toBe(String(Date.parse('2026-01-01T00:00:00Z')).padStart(15, '0'));
    // Different spellings of one instant give one key.
    expect(timeKey('2026-01-01T01:00:00+01:00')).toBe(timeKey('2026-01-01T00:00:00.000Z'));
    const times = ['2026-03-01T00:00:00Z', '1999-12-31T23:59:59.999Z', '2026-02-28T23:59:59.999Z', '2100-01-01T00:00:00Z'];
    expect(times.map(timeKey).sort()).toEqual(times.map((t) => Date.parse(t)).sort((a, b) => a - b).map((ms) => String(ms).padStart(15, '0')));
  });

  it('refuse what is not a time after 1970', () => {
    expect(() => timeKey('yesterday')).toThrow(TypeError);
    expect(() => timeKey('1960-01-01T00:00:00Z')).toThrow(TypeError);
  });

  it('order entries of one time by request id, an id before its own continuations, then by partner', () => {
    const at = '2026-01-01T00:00:00Z';
    const keys = [partSortKey(at, 'r-1-b', 'a'), partSortKey(at, 'r-1', 'z'), partSortKey(at, 'r-1', 'b'), partSortKey('2025-12-31T00:00:00Z', 'r-9', 'a')];
    expect(keys.sort().map(parsePartSortKey)).toEqual([
      { requestId: 'r-9', partnerId: 'a' },
      { requestId: 'r-1', partnerId: 'b' },
      { requestId: 'r-1', partnerId: 'z' },
      { requestId: 'r-1-b', partnerId: 'a' },
    ]);
  });

  it('give back the ids they were made of', () => {
    expect(parsePartSortKey(partSortKey('2026-01-01T00:00:00Z', 'req:1', 'partner-2'))).toEqual({ requestId: 'req:1', partnerId: 'partner-2' });
    expect(idOfSortKey(requestSortKey({ id: 'req:1', createdAt: '2026-01-01T00:00:00Z' }))).toBe('req:1');
    expect(idOfSortKey(grantSortKey({ id: 'g:7', grantedAt: '2026-01-01T00:00:00Z' }))).toBe('g:7');
    expect(parsePartSortKey('000000000000001\u0000only-one')).toBeNull();
    expect(parsePartSortKey('12\u0000r\u0000p')).toBeNull();
  });
});

describe('cursors', () => {
  const key = partSortKey('2026-01-01T00:00:00Z', 'r-1', 'helix');

  it('round-trip a sort key and are opaque URL-safe text', () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('r-1');
    expect(decodeCursor(cursor)).toBe(key);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['empty', ''],
    ['another API\'s cursor', Buffer.from('ds:helix:ds-1').toString('base64url')],
    ['a cursor of ours with a damaged key', encodeCursor('123\u0000r-1\u0000helix')],
    ['a cursor of ours in another spelling', `${encodeCursor(key)}=`],
  ])('refuse %s as a BAD_USER_INPUT on "after"', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } }));
  });
});

describe('cursors of the listings of every request and grant', () => {
  const requestKey = requestSortKey({ id: 'r-1', createdAt: '2026-01-01T00:00:00Z' });
  const partKey = partSortKey('2026-01-01T00:00:00Z', 'r-1', 'helix');

  it.each([
    ['a request sort key', requestKey, true],
    ['a grant sort key', grantSortKey({ id: 'g:7', grantedAt: '2026-01-01T00:00:00Z' }), true],
    ['a part sort key', partKey, false],
    ['a key without an id', '000000000000001\u0000', false],
    ['a key with a short time', '12\u0000r-1', false],
    ['no separator', '000000000000001r-1', false],
  ])('tell %s apart (%#)', (_name, key, expected) => {
    expect(isRecordSortKey(key)).toBe(expected);
  });

  it('round-trip a request or grant sort key, and refuse a part listing\'s cursor and the reverse', () => {
    expect(decodeCursor(encodeCursor(requestKey), 'records')).toBe(requestKey);
    const refused = expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
    expect(() => decodeCursor(encodeCursor(partKey), 'records')).toThrow(refused);
    expect(() => decodeCursor(encodeCursor(requestKey))).toThrow(refused);
    expect(() => decodeCursor('garbage', 'records')).toThrow(refused);
  });
});

describe('pages', () => {
  const entries = ['a', 'b', 'c'].map((item, i) => ({ key: partSortKey(`2026-01-0${i + 1}T00:00:00Z`, item, 'p'), item }));

  it('end with a cursor to the last item when more follow, and with null when none do', () => {
    expect(pageOf(entries, 2)).toEqual({ items: ['a', 'b'], endCursor: encodeCursor(entries[1]!.key) });
    expect(pageOf(entries, 3)).toEqual({ items: ['a', 'b', 'c'], endCursor: null });
    expect(pageOf([], 3)).toEqual({ items: [], endCursor: null });
  });

  it('hold at least one item', () => {
    expect(() => checkPageSize(0)).toThrow(RangeError);
    expect(() => checkPageSize(1.5)).toThrow(RangeError);
    expect(() => checkPageSize(1)).not.toThrow();
  });
});
