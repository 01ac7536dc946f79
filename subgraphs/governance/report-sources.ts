import type { AuditLog, TimeRange } from '../../runtime/audit/audit-log.js';
import type { AuditRecord } from '../../runtime/audit/audit-record.js';
import { parsePeriod, type Period } from '../../runtime/audit/reports/period.js';
import { grantActiveAt, type ReportRecord } from '../../runtime/audit/reports/report-inputs.js';
import type { AccessRequest, GovernanceStore, Page, StoredGrant } from './store/governance-store.js';

// What the compliance and provider reports and the compliance sample read (ARCHITECTURE.md "Audit"):
// every access request and grant from the governance store, and the audit trail's records of a
// time range. The report functions are pure and take arrays, so everything is read here, a page at
// a time; a record is kept only with the fields the reports read (no hashes, no detail), since a
// quarter of reads is held in memory whole.

/** Requests, grants and records per store or trail call: one round trip each. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface ReportSources {
  requests: AccessRequest[];
  grants: StoredGrant[];
  /** The audit trail's records whose `at` lies in the period, oldest first. */
  records: ReportRecord[];
}

interface Reading {
  store: GovernanceStore;
  audit: AuditLog;
  /** Called after each page of the audit trail with the number of records read so far. */
  onRecords?: (read: number) => void;
  pageSize?: number;
}

export interface ReportSourcesOptions extends Reading {
  /** 2026, 2026-Q4, 2026-11 or a parsed period; a bad one throws PeriodError. */
  period: string | Period;
}

/** Everything the compliance report and a partner's provider report read for one period. */
export async function loadReportSources(options: ReportSourcesOptions): Promise<ReportSources> {
  const period = typeof options.period === 'string' ? parsePeriod(options.period) : options.period;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const requests = await allRequests(options.store, pageSize);
  const grants = await allGrants(options.store, pageSize);
  const range = { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() };
  const records = await recordsIn(options.audit, range, pageSize, options.onRecords);
  return { requests, grants, records };
}

export interface SampleSources extends ReportSources {
  /** When each organisation was first seen: its first request, grant or read on record. */
  organisationsFirstSeen: Map<string, string>;
}

export interface SampleSourcesOptions extends Reading {
  /** The instant the sample is drawn at (complianceSample's `now`). */
  now: Date;
}

/**
 * What complianceSample reads but the data classes, which the caller knows from the partners'
 * harvested facts: every request and grant, and the records from the day the oldest grant still
 * active at `now` was given up to `now` (the reads its volume weight counts). An organisation
 * first seen in a read before that day counts as first seen in its first request, grant or later
 * read, which can only make it look newer and so raise its chance of review, never lower it.
 */
export async function loadSampleSources(options: SampleSourcesOptions): Promise<SampleSources> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const at = options.now.getTime();
  const requests = await allRequests(options.store, pageSize);
  const grants = await allGrants(options.store, pageSize);
  const since = Math.min(...grants.filter((grant) => grantActiveAt(grant, at)).map((grant) => Date.parse(grant.grantedAt)));
  // countReads counts reads up to and including `now`; a time range ends before its `to`.
  const records = Number.isFinite(since)
    ? await recordsIn(options.audit, { from: new Date(since).toISOString(), to: new Date(at + 1).toISOString() }, pageSize, options.onRecords)
    : [];
  return { requests, grants, records, organisationsFirstSeen: organisationsFirstSeen(requests, grants, records) };
}

/** The earliest time each organisation appears as a requester's, a grantee or a reader's. */
export function organisationsFirstSeen(
  requests: readonly AccessRequest[], grants: readonly StoredGrant[], records: readonly ReportRecord[],
): Map<string, string> {
  const first = new Map<string, number>();
  const seen = (organisation: string | null, at: string) => {
    const ms = Date.parse(at);
    if (organisation === null || Number.isNaN(ms)) return;
    const known = first.get(organisation);
    if (known === undefined || ms < known) first.set(organisation, ms);
  };
  for (const request of requests) seen(request.requester.organisation, request.createdAt);
  for (const grant of grants) if (grant.grantee.kind === 'organisation') seen(grant.grantee.organisation, grant.grantedAt);
  for (const record of records) seen(record.organisation, record.at);
  return new Map([...first].map(([organisation, ms]) => [organisation, new Date(ms).toISOString()]));
}

export async function allRequests(store: GovernanceStore, pageSize = DEFAULT_PAGE_SIZE): Promise<AccessRequest[]> {
  return everyPage((after) => store.allRequests(pageSize, after));
}

export async function allGrants(store: GovernanceStore, pageSize = DEFAULT_PAGE_SIZE): Promise<StoredGrant[]> {
  return everyPage((after) => store.allGrants(pageSize, after));
}

async function everyPage<T>(page: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const next: Page<T> = await page(after);
    items.push(...next.items);
    after = next.endCursor;
  } while (after !== null);
  return items;
}

async function recordsIn(audit: AuditLog, range: TimeRange, pageSize: number, onRecords?: (read: number) => void): Promise<ReportRecord[]> {
  const records: ReportRecord[] = [];
  for await (const page of audit.readRange(range, { pageSize })) {
    for (const record of page) records.push(reportRecord(record));
    onRecords?.(records.length);
  }
  return records;
}

/** The record without what no report reads (hashes, policy version, client, detail). */
export function reportRecord(record: AuditRecord): ReportRecord {
  const { seq, at, action, subject, organisation, purpose, partnerIds, datasetIds, fields } = record;
  return { seq, at, action, subject, organisation, purpose, partnerIds, datasetIds, fields };
}
