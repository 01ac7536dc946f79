import type { AuditEntry, AuditedField } from '../../runtime/audit/audit-record.js';
import type { Principal } from '../../schema/policy/principal.js';
import type { EntityDecision } from '../authz/entity-decisions.js';
import type { OperationAnalysis } from '../authz/operation-analysis.js';

export interface OperationAuditInput {
  principal: Principal;
  analysis: OperationAnalysis;
  /** The per-entity decisions of the second pass, when it ran. */
  decisions: readonly EntityDecision[];
  /** The partner of each dataset decided per entity. */
  partnerOf: ReadonlyMap<string, string>;
  policyVersion: string;
  mode: string;
  clientName: string | null;
  requestId: string | null;
  now: Date;
}

/**
 * What the audit trail records of one operation that touched a guarded field (ARCHITECTURE.md
 * "Audit"): who, for which purpose, every guarded field with its outcome and reason, and the
 * datasets it was so decided for where it was decided per dataset. Never the token or anything from it beyond the principal's
 * subject, organisation and purpose category.
 */
export function operationAuditEntry(input: OperationAuditInput): AuditEntry | null {
  const { analysis, principal } = input;
  if (analysis.guarded.size === 0) return null;
  const fields: AuditedField[] = [];
  for (const [node, coordinate] of analysis.guarded) {
    const denial = analysis.denials.get(node);
    if (denial) fields.push({ field: coordinate, datasetIds: [], outcome: 'deny', reason: denial.reason });
    else if (!analysis.perEntity.has(node)) fields.push({ field: coordinate, datasetIds: [], outcome: 'allow' });
  }
  // One entry per (field, outcome, reason), naming its datasets once each: a dataset's two
  // distributions asking for the same URL field, or a field under two aliases, say nothing more to
  // an auditor, and a page of fifty datasets is one entry per field rather than fifty (issue 11).
  // Grouped by coordinate, then outcome, then reason: Maps keyed by the decisions' own strings, so
  // that the hundreds of decisions of a page build no key of their own (issue 11's cost target).
  const groups = new Map<string, Map<string, Map<string | undefined, { datasetIds: string[]; seen: Set<string> }>>>();
  const datasets = new Set<string>();
  for (const decision of input.decisions) {
    const { coordinate, outcome, reason } = decision;
    let byOutcome = groups.get(coordinate);
    if (!byOutcome) groups.set(coordinate, (byOutcome = new Map()));
    let byReason = byOutcome.get(outcome);
    if (!byReason) byOutcome.set(outcome, (byReason = new Map()));
    let group = byReason.get(reason || undefined);
    if (!group) {
      group = { datasetIds: [], seen: new Set() };
      byReason.set(reason || undefined, group);
      fields.push({ field: coordinate, datasetIds: group.datasetIds, outcome, ...(reason ? { reason } : {}) });
    }
    const { datasetId } = decision;
    if (datasetId === null || group.seen.has(datasetId)) continue;
    group.seen.add(datasetId);
    group.datasetIds.push(datasetId);
    datasets.add(datasetId);
  }
  const datasetIds = [...datasets];
  const partnerIds = [...new Set(datasetIds.flatMap((id) => input.partnerOf.get(id) ?? []))];
  return {
    at: input.now.toISOString(),
    action: 'read',
    subject: principal.subject,
    organisation: principal.organisation,
    purpose: principal.purpose?.category ?? null,
    partnerIds,
    datasetIds,
    fields,
    policyVersion: input.policyVersion,
    mode: input.mode,
    clientName: input.clientName,
    requestId: input.requestId,
    detail: {},
  };
}
