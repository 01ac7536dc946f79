import { DENIAL_REASONS } from '../../../schema/policy/decision.js';
import { fieldEvents } from '../audit-record.js';
import { DAY_MS, inPeriod, median, parsePeriod, partnerOfDataset, type Period } from './period.js';
import { grantActiveAt, type ReportGrant, type ReportPart, type ReportRecord, type ReportRequest } from './report-inputs.js';

// The board's published compliance findings (ARCHITECTURE.md "Audit"): aggregate figures per
// partner for one period, fit to publish. Nothing personal goes in: no subject, no e-mail address,
// no organisation's name (organisations are only ever counted), no token claim, and no free text
// written by a person (a decision's reason is sorted into a fixed category, never quoted).

/** Days a partner has to decide a part: the governance subgraph's default DECISION_DEADLINE_DAYS. */
export const DEFAULT_DECISION_DEADLINE_DAYS = 60;

/**
 * Categories a steward's denial is published under. A reason that starts with one of these codes
 * ("PURPOSE_INCOMPATIBLE: ...") counts under it; any other reason counts as UNCODED, its text unread.
 */
export const REQUEST_DENIAL_CATEGORIES = [
  ...DENIAL_REASONS,
  'INSUFFICIENT_JUSTIFICATION', 'ETHICS_APPROVAL_MISSING', 'OUT_OF_SCOPE', 'CAPACITY', 'UNCODED',
] as const;
export type RequestDenialCategory = (typeof REQUEST_DENIAL_CATEGORIES)[number];

/** Reasons a read was denied, as the audit trail records them: the policies' codes and the log's own. */
export const ACCESS_DENIAL_CATEGORIES = [...DENIAL_REASONS, 'AUDIT_UNAVAILABLE', 'OTHER'] as const;

export interface AppealFindings {
  /** Appeals lodged in the period. */
  lodged: number;
  /** The board's decisions in the period, by outcome: APPROVE overturns the denial, DENY upholds it. */
  approved: number;
  denied: number;
  needsChanges: number;
  /** Lodged by the end of the period and not yet decided then. */
  pendingAtEnd: number;
}

export interface PartnerFindings {
  partnerId: string;
  /** Parts of requests made in the period. */
  received: number;
  /** The partner's own decisions made in the period (appeals excluded), by outcome. */
  decided: number;
  approved: number;
  denied: number;
  needsChanges: number;
  /** Decisions made without a steward, through a trust mark. */
  approvedByTrust: number;
  withdrawn: number;
  /** Parts whose decision deadline fell in the period (and had passed) and which were neither decided nor withdrawn by it. */
  overdue: number;
  /** Median days from request to the partner's decision, over the decisions of the period; null for none. */
  medianDecisionDays: number | null;
  /** The partner's denials in the period, by category. */
  denialsByReason: Record<string, number>;
  /** Denied reads of the partner's datasets in the period, by reason code (one per operation and reason). */
  accessDenialsByReason: Record<string, number>;
  appeals: AppealFindings;
  /** Grants of the partner's datasets revoked in the period. */
  revocations: number;
  /** Grants of the partner's datasets active at the last instant of the period. */
  activeGrantsAtEnd: number;
  /** Distinct organisations holding those grants or requesting through them: a count, never names. */
  organisationsWithActiveGrants: number;
}

export interface ComplianceReport {
  period: { label: string; from: string; to: string };
  deadlineDays: number;
  partners: PartnerFindings[];
  /** The same figures over every partner (the median over every decision, not a median of medians). */
  total: Omit<PartnerFindings, 'partnerId'>;
}

export interface ComplianceReportInput {
  requests: readonly ReportRequest[];
  records: readonly ReportRecord[];
  grants: readonly ReportGrant[];
  /** 2026, 2026-Q4 or 2026-11. */
  period: string | Period;
  /** Partners listed even when nothing happened to them. */
  partnerIds?: readonly string[];
  /** Deadlines after this instant have not passed yet; default: the end of the period. */
  now?: Date;
  decisionDeadlineDays?: number;
}

export function complianceReport(input: ComplianceReportInput): ComplianceReport {
  const period = typeof input.period === 'string' ? parsePeriod(input.period) : input.period;
  const deadlineDays = input.decisionDeadlineDays ?? DEFAULT_DECISION_DEADLINE_DAYS;
  const now = input.now?.getTime() ?? period.to;
  const end = period.to - 1;

  const partnerIds = new Set(input.partnerIds ?? []);
  for (const request of input.requests) for (const part of request.parts) partnerIds.add(part.partnerId);
  for (const grant of input.grants) partnerIds.add(grant.partnerId);

  const tallies = new Map<string, Tally>([...partnerIds].sort().map((id) => [id, newTally()]));
  const total = newTally();
  const both = (partnerId: string) => [tallies.get(partnerId)!, total];

  for (const request of input.requests) {
    const created = Date.parse(request.createdAt);
    const due = created + deadlineDays * DAY_MS;
    for (const part of request.parts) {
      for (const tally of both(part.partnerId)) countPart(tally, request, part, created, due, period, now);
    }
  }

  for (const record of input.records) {
    const when = Date.parse(record.at);
    if (record.action !== 'read' || !inPeriod(period, when)) continue;
    const seen = new Set<string>();
    for (const field of fieldEvents(record)) {
      if (field.outcome !== 'deny') continue;
      const reason = (ACCESS_DENIAL_CATEGORIES as readonly string[]).includes(field.reason ?? '') ? field.reason! : 'OTHER';
      const owners = field.datasetId === null ? record.partnerIds : [partnerOfDataset(field.datasetId) ?? ''];
      for (const partnerId of owners.filter((id) => id !== '')) {
        const key = `${partnerId}\u0000${reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const tally = tallies.get(partnerId) ?? addPartner(tallies, partnerId);
        increment(tally.accessDenialsByReason, reason);
        increment(total.accessDenialsByReason, reason);
      }
    }
  }

  const requestsById = new Map(input.requests.map((r) => [r.id, r]));
  const organisations = new Map<string, Set<string>>();
  for (const grant of input.grants) {
    const tallyList = both(grant.partnerId);
    if (grant.revoked && inPeriod(period, Date.parse(grant.revoked.at))) for (const tally of tallyList) tally.revocations += 1;
    if (grantActiveAt(grant, end)) {
      for (const tally of tallyList) tally.activeGrantsAtEnd += 1;
      const organisation = grant.grantee.kind === 'organisation' ? grant.grantee.organisation : requestsById.get(grant.requestId)?.requester.organisation ?? null;
      if (organisation !== null) {
        for (const key of [grant.partnerId, '\u0000total']) {
          if (!organisations.has(key)) organisations.set(key, new Set());
          organisations.get(key)!.add(organisation);
        }
      }
    }
  }

  const findings = (tally: Tally, key: string): Omit<PartnerFindings, 'partnerId'> => {
    const { decisionDays, ...rest } = tally;
    const days = median(decisionDays);
    return { ...rest, medianDecisionDays: days === null ? null : Math.round(days * 10) / 10, organisationsWithActiveGrants: organisations.get(key)?.size ?? 0 };
  };
  return {
    period: { label: period.label, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    deadlineDays,
    partners: [...tallies].map(([partnerId, tally]) => ({ partnerId, ...findings(tally, partnerId) })),
    total: findings(total, '\u0000total'),
  };
}

type Tally = Omit<PartnerFindings, 'partnerId' | 'medianDecisionDays' | 'organisationsWithActiveGrants'> & { decisionDays: number[] };

function newTally(): Tally {
  return {
    received: 0, decided: 0, approved: 0, denied: 0, needsChanges: 0, approvedByTrust: 0, withdrawn: 0, overdue: 0,
    denialsByReason: {}, accessDenialsByReason: {},
    appeals: { lodged: 0, approved: 0, denied: 0, needsChanges: 0, pendingAtEnd: 0 },
    revocations: 0, activeGrantsAtEnd: 0, decisionDays: [],
  };
}

function addPartner(tallies: Map<string, Tally>, partnerId: string): Tally {
  const tally = newTally();
  tallies.set(partnerId, tally);
  return tally;
}

function countPart(tally: Tally, request: ReportRequest, part: ReportPart, created: number, due: number, period: Period, now: number): void {
  if (inPeriod(period, created)) tally.received += 1;
  const decision = part.decision;
  const decidedAt = decision ? Date.parse(decision.at) : null;
  const withdrawnAt = part.withdrawnAt ? Date.parse(part.withdrawnAt) : null;
  if (decision && decidedAt !== null && inPeriod(period, decidedAt)) {
    tally.decided += 1;
    tally.decisionDays.push((decidedAt - created) / DAY_MS);
    if (decision.outcome === 'APPROVE') {
      tally.approved += 1;
      if (decision.by.startsWith('auto:')) tally.approvedByTrust += 1;
    } else if (decision.outcome === 'DENY') {
      tally.denied += 1;
      increment(tally.denialsByReason, denialCategory(decision.reason));
    } else {
      tally.needsChanges += 1;
    }
  }
  if (withdrawnAt !== null && inPeriod(period, withdrawnAt)) tally.withdrawn += 1;
  // Overdue once, in the period its deadline fell in, if nothing closed it by then.
  const closedAt = Math.min(decidedAt ?? Infinity, withdrawnAt ?? Infinity);
  if (inPeriod(period, due) && due <= now && closedAt > due) tally.overdue += 1;

  const appeal = part.appeal;
  if (appeal) {
    const lodged = Date.parse(appeal.at);
    if (inPeriod(period, lodged)) tally.appeals.lodged += 1;
    const ruled = appeal.decision ? Date.parse(appeal.decision.at) : null;
    if (appeal.decision && ruled !== null && inPeriod(period, ruled)) {
      const outcome = appeal.decision.outcome;
      if (outcome === 'APPROVE') tally.appeals.approved += 1;
      else if (outcome === 'DENY') tally.appeals.denied += 1;
      else tally.appeals.needsChanges += 1;
    }
    if (lodged < period.to && (ruled === null || ruled >= period.to)) tally.appeals.pendingAtEnd += 1;
  }
}

/** The code a reason starts with, when it is one of the published categories; otherwise UNCODED. */
export function denialCategory(reason: string): RequestDenialCategory {
  const code = /^\s*([A-Z][A-Z0-9_]*)(?![A-Za-z0-9_])/.exec(reason)?.[1];
  return code !== undefined && (REQUEST_DENIAL_CATEGORIES as readonly string[]).includes(code) ? (code as RequestDenialCategory) : 'UNCODED';
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
