import { fieldEvents, type AuditAction, type AuditOutcome, type AuditRecord } from '../../../runtime/audit/audit-record.js';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';

// The audit views (ARCHITECTURE.md "Audit"): the trail's records seen as events, one per guarded
// field and dataset of a read, one per dataset of a governance act, newest first. Who sees which
// event is decided per event, so a read that touched two partners' datasets shows each steward only
// the events of their own.

export interface AuditEvent {
  seq: number;
  at: string;
  subject: string | null;
  organisation: string | null;
  purpose: string | null;
  action: AuditAction;
  datasetId: string | null;
  field: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  policyVersion: string;
  mode: string | null;
  clientName: string | null;
  requestId: string | null;
  detail: AuditRecord['detail'];
  hash: string;
  previousHash: string;
}

/** One record's events, in the record's order. */
export function eventsOf(record: AuditRecord): AuditEvent[] {
  const base = {
    seq: record.seq, at: record.at, subject: record.subject, organisation: record.organisation, purpose: record.purpose, action: record.action,
    policyVersion: record.policyVersion, mode: record.mode, clientName: record.clientName, requestId: record.requestId, detail: record.detail,
    hash: record.hash, previousHash: record.previousHash,
  };
  const fields = fieldEvents(record);
  if (fields.length > 0) {
    return fields.map((f) => ({ ...base, datasetId: f.datasetId, field: f.field, outcome: f.outcome, reason: f.reason ?? null }));
  }
  // A governance act: done, per dataset it concerned (or once), with the decision's words as reason.
  const reason = typeof record.detail.outcome === 'string' ? record.detail.outcome : null;
  const datasets = record.datasetIds.length > 0 ? record.datasetIds : [null];
  return datasets.map((datasetId) => ({ ...base, datasetId, field: null, outcome: 'done' as const, reason }));
}

export interface AuditEventFilter {
  partnerIds?: ReadonlySet<string>;
  datasetId?: string | null;
  subject?: string | null;
  organisation?: string | null;
  action?: AuditAction | null;
  outcome?: AuditOutcome | null;
  /** Epoch ms, inclusive. */
  fromMs?: number | null;
  /** Epoch ms, exclusive. */
  toMs?: number | null;
}

/** Whether an event passes the caller's filter (the scope is checked separately). */
export function matchesFilter(event: AuditEvent, filter: AuditEventFilter): boolean {
  if (filter.datasetId && event.datasetId !== filter.datasetId) return false;
  if (filter.subject && event.subject !== filter.subject) return false;
  if (filter.organisation && event.organisation !== filter.organisation) return false;
  if (filter.action && event.action !== filter.action) return false;
  if (filter.outcome && event.outcome !== filter.outcome) return false;
  const at = Date.parse(event.at);
  if (filter.fromMs != null && at < filter.fromMs) return false;
  if (filter.toMs != null && at >= filter.toMs) return false;
  return true;
}

/** Where a page ended: the last event returned, as its record's seq and its index among the record's events. */
export interface EventCursor {
  seq: number;
  index: number;
}

export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.seq}:${cursor.index}`, 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one this API gave out. */
export function decodeCursor(text: string): EventCursor | null {
  const match = /^(\d{1,15}):(\d{1,9})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, index: Number(match[2]) } : null;
}

export interface EventPage {
  items: AuditEvent[];
  endCursor: string | null;
  hasNextPage: boolean;
  /** Records read to fill this page. */
  scannedRecords: number;
}

export interface EventPageRequest {
  /** The caller's scope and filter together: whether they may and want to see this event. */
  accept: (event: AuditEvent, record: AuditRecord) => boolean;
  first: number;
  after: EventCursor | null;
  /** Most records read for one page; the page then ends early, with a cursor to go on from. */
  scanBudget?: number;
}

/** A cursor's index when every event of its record was seen: the next page starts at the record before. */
const ALL_SEEN = 999_999_999;

/** Records read from the trail per round trip. */
const READ_BATCH = 500;
export const DEFAULT_SCAN_BUDGET = 50_000;

/**
 * One page of events, newest first. The trail is read backward from the cursor; a filter that few
 * events pass may end a page early (hasNextPage, with a cursor where the scan stopped) rather than
 * read the whole trail in one call.
 */
export async function pageEvents(log: Pick<AuditLog, 'readBackward'>, request: EventPageRequest): Promise<EventPage> {
  const budget = request.scanBudget ?? DEFAULT_SCAN_BUDGET;
  const items: AuditEvent[] = [];
  let last: EventCursor | null = null;
  let scanned = 0;
  const { after } = request;
  let before: number | null = after ? (after.index === ALL_SEEN ? after.seq : after.seq + 1) : null;
  // No early stop at a time filter's start: a record may be filed any time after its `at` (an act
  // kept through a trail outage, a gateway's clock behind), so only the scan budget bounds a page.
  for (;;) {
    const records = await log.readBackward(before, Math.min(READ_BATCH, budget - scanned));
    if (records.length === 0) return { items, endCursor: null, hasNextPage: false, scannedRecords: scanned };
    for (const record of records) {
      scanned += 1;
      const events = eventsOf(record);
      const skipThrough = after && record.seq === after.seq ? after.index : -1;
      for (let index = skipThrough + 1; index < events.length; index++) {
        if (!request.accept(events[index]!, record)) continue;
        if (items.length === request.first) {
          return { items, endCursor: encodeCursor(last!), hasNextPage: true, scannedRecords: scanned };
        }
        items.push(events[index]!);
        last = { seq: record.seq, index };
      }
      before = record.seq;
      if (scanned >= budget) {
        // Nothing more was read: go on after the last record scanned, all of its events seen.
        return { items, endCursor: encodeCursor({ seq: record.seq, index: ALL_SEEN }), hasNextPage: true, scannedRecords: scanned };
      }
    }
  }
}
