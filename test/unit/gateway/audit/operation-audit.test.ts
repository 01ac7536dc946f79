import { describe, expect, it } from 'vitest';
import { parse, type FieldNode } from 'graphql';
import { operationAuditEntry } from '../../../../gateway/audit/operation-audit.js';
import type { EntityDecision } from '../../../../gateway/authz/entity-decisions.js';
import type { OperationAnalysis } from '../../../../gateway/authz/operation-analysis.js';
import { ANONYMOUS } from '../../../../schema/policy/principal.js';

// What the audit trail records of one operation (ARCHITECTURE.md "Audit"): every guarded field once
// per dataset and outcome, static decisions without a dataset, nothing for an unguarded operation.

const document = parse('{ a b c }');
const [a, b, c] = (document.definitions[0] as unknown as { selectionSet: { selections: FieldNode[] } }).selectionSet.selections;

function analysis(guarded: [FieldNode, string][], denied: FieldNode[] = [], perEntity: FieldNode[] = []): OperationAnalysis {
  return {
    document, operation: undefined, fragments: new Map(), guarded: new Map(guarded),
    denials: new Map(denied.map((n) => [n, { policy: 'requiresScopes', reason: 'MISSING_SCOPES' as const }])),
    perEntity: new Set(perEntity), walked: new Set(), conditionVariables: [], rejectOperation: false, planned: null,
  };
}

const decision = (coordinate: string, datasetId: string, outcome: EntityDecision['outcome'], reason?: string): EntityDecision =>
  ({ coordinate, datasetId, outcome, ...(reason ? { reason } : {}) });

const entryOf = (a: OperationAnalysis, decisions: EntityDecision[] = []) => operationAuditEntry({
  principal: ANONYMOUS, analysis: a, decisions, partnerOf: new Map([['p:ds-1', 'p'], ['p:ds-2', 'p']]), policyVersion: '1.1.1', mode: 'filter',
  clientName: null, requestId: null, now: new Date('2026-11-30T00:00:00Z'),
});

describe('operation audit entry', () => {
  it.each([
    { name: 'nothing guarded: no entry', a: analysis([]), decisions: [], fields: null },
    { name: 'a static allow and a static denial', a: analysis([[a!, 'Q.a'], [b!, 'Q.b']], [b!]), decisions: [],
      fields: [{ field: 'Q.a', datasetIds: [], outcome: 'allow' }, { field: 'Q.b', datasetIds: [], outcome: 'deny', reason: 'MISSING_SCOPES' }] },
    { name: 'per-entity decisions once per field, outcome and reason, each dataset named once', a: analysis([[c!, 'Q.c']], [], [c!]),
      decisions: [decision('D.url', 'p:ds-1', 'deny', 'NO_ACTIVE_GRANT'), decision('D.url', 'p:ds-1', 'deny', 'NO_ACTIVE_GRANT'), decision('D.url', 'p:ds-2', 'allow')],
      fields: [{ field: 'D.url', datasetIds: ['p:ds-1'], outcome: 'deny', reason: 'NO_ACTIVE_GRANT' }, { field: 'D.url', datasetIds: ['p:ds-2'], outcome: 'allow' }] },
    { name: 'datasets decided alike share one entry, in order of first appearance', a: analysis([[c!, 'Q.c']], [], [c!]),
      decisions: [decision('D.url', 'p:ds-2', 'allow'), decision('D.title', 'p:ds-2', 'allow'), decision('D.url', 'p:ds-1', 'allow'), decision('D.url', 'p:ds-2', 'allow'),
        decision('D.url', 'p:ds-1', 'deny', 'NO_ACTIVE_GRANT'), decision('D.url', 'p:ds-2', 'deny', 'LICENCE_NOT_ACCEPTED')],
      fields: [{ field: 'D.url', datasetIds: ['p:ds-2', 'p:ds-1'], outcome: 'allow' }, { field: 'D.title', datasetIds: ['p:ds-2'], outcome: 'allow' },
        { field: 'D.url', datasetIds: ['p:ds-1'], outcome: 'deny', reason: 'NO_ACTIVE_GRANT' }, { field: 'D.url', datasetIds: ['p:ds-2'], outcome: 'deny', reason: 'LICENCE_NOT_ACCEPTED' }] },
  ])('$name', ({ a: op, decisions, fields }) => {
    const entry = entryOf(op, decisions);
    expect(entry?.fields ?? null).toEqual(fields);
    if (entry && decisions.length > 0) expect([[...entry.datasetIds].sort(), entry.partnerIds]).toEqual([['p:ds-1', 'p:ds-2'], ['p']]);
  });
});
