import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../../runtime/audit/audit-record.js';
import { InMemoryAuditLog } from '../../../../../runtime/audit/in-memory-audit-log.js';
import { decodeCursor, encodeCursor, eventsOf, matchesFilter, pageEvents, type AuditEvent } from '../../../../../subgraphs/governance/audit/audit-events.js';
import { entry } from '../../../runtime/audit/audit-fixtures.js';

// The audit views' pure parts (ARCHITECTURE.md "Audit"): records as events, the filter, the cursor,
// and paging back through a trail.

const HASHES = { seq: 7, hash: 'a'.repeat(64), previousHash: 'b'.repeat(64) };
const record = (overrides: Partial<AuditRecord>): AuditRecord => ({ ...entry(), ...HASHES, ...overrides });

describe('eventsOf', () => {
  it.each([
    {
      name: 'a read: one event per field and dataset, a static decision once with no dataset',
      record: record({ fields: [
        { field: 'A.x', datasetIds: ['p:1', 'p:2'], outcome: 'allow' },
        { field: 'A.y', datasetIds: [], outcome: 'deny', reason: 'UNAUTHENTICATED' },
      ] }),
      events: [['read', 'p:1', 'A.x', 'allow', null], ['read', 'p:2', 'A.x', 'allow', null], ['read', null, 'A.y', 'deny', 'UNAUTHENTICATED']],
    },
    {
      name: 'an act on datasets: one event per dataset, its decision outcome as reason',
      record: record({ action: 'decision', fields: [], datasetIds: ['p:1', 'p:2'], detail: { outcome: 'DENY' } }),
      events: [['decision', 'p:1', null, 'done', 'DENY'], ['decision', 'p:2', null, 'done', 'DENY']],
    },
    {
      name: 'an act on no dataset: one event',
      record: record({ action: 'suspension', fields: [], datasetIds: [], detail: { grantee: 'x' } }),
      events: [['suspension', null, null, 'done', null]],
    },
  ])('$name', ({ record: r, events }) => {
    const got = eventsOf(r);
    expect(got.map((e) => [e.action, e.datasetId, e.field, e.outcome, e.reason])).toEqual(events);
    expect(got.every((e) => e.seq === 7 && e.hash === HASHES.hash && e.previousHash === HASHES.previousHash)).toBe(true);
  });
});

describe('matchesFilter', () => {
  const event = eventsOf(record({ at: '2026-03-01T10:00:00.000Z', subject: 'ada', organisation: 'uni', fields: [{ field: 'A.x', datasetIds: ['p:1'], outcome: 'deny', reason: 'NO_GRANT' }] }))[0]!;
  it.each([
    { filter: {}, passes: true },
    { filter: { datasetId: 'p:1' }, passes: true },
    { filter: { datasetId: 'p:2' }, passes: false },
    { filter: { subject: 'ada', organisation: 'uni' }, passes: true },
    { filter: { subject: 'bob' }, passes: false },
    { filter: { organisation: 'other' }, passes: false },
    { filter: { action: 'read' as const, outcome: 'deny' as const }, passes: true },
    { filter: { outcome: 'allow' as const }, passes: false },
    { filter: { action: 'decision' as const }, passes: false },
    { filter: { fromMs: Date.parse('2026-03-01T10:00:00Z') }, passes: true },
    { filter: { fromMs: Date.parse('2026-03-01T10:00:01Z') }, passes: false },
    { filter: { toMs: Date.parse('2026-03-01T10:00:00Z') }, passes: false },
    { filter: { toMs: Date.parse('2026-03-01T10:00:01Z') }, passes: true },
  ])('$filter: $passes', ({ filter, passes }) => {
    expect(matchesFilter(event, filter)).toBe(passes);
  });
});

describe('cursor', () => {
  it.each([{ seq: 1, index: 0 }, { seq: 123456, index: 42 }, { seq: 9, index: 999_999_999 }])('round-trips $seq:$index', (cursor) => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  it.each(['', 'garbage', Buffer.from('0:1').toString('base64url'), Buffer.from('-1:1').toString('base64url'), Buffer.from('1:x').toString('base64url')])('refuses %j', (text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

describe('pageEvents', () => {
  async function trail(n: number) {
    const log = new InMemoryAuditLog();
    await log.append(Array.from({ length: n }, (_, i) => entry({
      at: `2026-03-01T10:00:${String(i).padStart(2, '0')}.000Z`, subject: i % 2 === 0 ? 'even' : 'odd',
      fields: [{ field: 'A.x', datasetIds: ['p:1', 'p:2'], outcome: 'allow' }],
    })));
    return log;
  }
  const all = () => true;

  it.each([
    { name: 'newest first, a page at a time', first: 3, accept: all, budget: 1000, pages: [['10/0', '10/1', '9/0'], ['9/1', '8/0', '8/1'], ['7/0', '7/1', '6/0']] },
    { name: 'a filter across records', first: 2, accept: (e: AuditEvent) => e.subject === 'odd' && e.datasetId === 'p:2', budget: 1000, pages: [['10/1', '8/1'], ['6/1', '4/1'], ['2/1']] },
    { name: 'a spent budget ends the page early, losing nothing', first: 5, accept: (e: AuditEvent) => e.seq <= 2, budget: 4, pages: [[], [], ['2/0', '2/1', '1/0', '1/1']] },
  ])('$name', async ({ first, accept, budget, pages }) => {
    const log = await trail(10);
    const got: string[][] = [];
    let after = null;
    for (let i = 0; i < pages.length; i++) {
      const page = await pageEvents(log, { accept, first, after, scanBudget: budget });
      got.push(page.items.map((e) => `${e.seq}/${e.datasetId === 'p:1' ? 0 : 1}`));
      after = page.endCursor ? decodeCursor(page.endCursor) : null;
      if (!page.hasNextPage) break;
    }
    expect(got).toEqual(pages);
  });

  it('finds a record filed long after its time, behind newer ones, when filtering by time', async () => {
    const log = new InMemoryAuditLog();
    const at = (time: string, datasetId: string) => entry({ at: `2026-03-01T${time}:00.000Z`, fields: [{ field: 'A.x', datasetIds: [datasetId], outcome: 'allow' }] });
    await log.append([at('10:00', 'p:a'), at('10:05', 'p:b'), at('09:00', 'p:late'), at('10:15', 'p:c')]);
    const from = Date.parse('2026-03-01T09:30:00Z');
    const page = await pageEvents(log, { accept: (e) => matchesFilter(e, { fromMs: from }), first: 100, after: null });
    expect(page.items.map((e) => e.datasetId)).toEqual(['p:c', 'p:b', 'p:a']);
    expect(page.hasNextPage).toBe(false);
  });
});
