// One audit event in plain words (README "Audit"): a person's own history, or the board's list of
// suspensions. The trail keeps a governance act's words in `detail` (reason, grantee, request), and
// a read's field and reason code on the event itself.

export interface HistoryEvent {
  action: string;
  outcome: string;
  subject: string | null;
  datasetId: string | null;
  field: string | null;
  reason: string | null;
  detail: readonly { key: string; value: string | null }[];
}

export interface HistoryWords {
  /** What happened, in a sentence without its final full stop. */
  what: string;
  /** The reason given, when the act had one. */
  why: string | null;
}

const OUTCOME_VERB: Record<string, string> = { APPROVE: 'approved', DENY: 'denied', NEEDS_CHANGES: 'asked for changes to' };

export function detailOf(event: Pick<HistoryEvent, 'detail'>, key: string): string | null {
  return event.detail.find((d) => d.key === key)?.value ?? null;
}

/**
 * The reason column of one event: a read's reason code; for a governance act, the words it was given
 * (kept in `detail`), after its code when it has one (a decision's outcome).
 */
export function eventReason(event: Pick<HistoryEvent, 'reason' | 'detail'>): string {
  const words = detailOf(event, 'reason');
  if (event.reason && words) return `${event.reason}: ${words}`;
  return event.reason ?? words ?? '';
}

/** "the person demo-analyst" or "the organisation acme-analytics", from an act's grantee detail. */
export function granteeWords(event: Pick<HistoryEvent, 'detail'>): string {
  const kind = detailOf(event, 'granteeKind');
  const id = detailOf(event, 'grantee') ?? 'unknown';
  return kind === 'organisation' ? `the organisation ${id}` : `the person ${id}`;
}

export function historyWords(event: HistoryEvent): HistoryWords {
  const who = event.subject ?? 'someone';
  // Request ids read as words already (request-<uuid>).
  const request = detailOf(event, 'accessRequest') ?? 'a request';
  const why = detailOf(event, 'reason');
  switch (event.action) {
    case 'READ': {
      const field = event.field ?? 'a guarded field';
      if (event.outcome === 'ALLOW') return { what: `${who} read ${field}`, why: null };
      if (event.outcome === 'WOULD_DENY') return { what: `${who} read ${field}, which the policy would have refused`, why: event.reason };
      return { what: `${who} was refused ${field}`, why: event.reason };
    }
    case 'REQUEST':
      return { what: `${who} requested access (${request})`, why: null };
    case 'WITHDRAWAL':
      return { what: `${who} withdrew ${request}`, why: null };
    case 'DECISION':
      return { what: `${who} ${OUTCOME_VERB[event.reason ?? ''] ?? 'decided'} ${request}`, why };
    case 'APPEAL':
      return { what: `${who} appealed the decision on ${request} to the board`, why: null };
    case 'APPEAL_DECISION':
      return { what: `The board (${who}) ${OUTCOME_VERB[event.reason ?? ''] ?? 'decided'} the appeal on ${request}`, why };
    case 'REVOCATION':
      return { what: `${who} revoked ${detailOf(event, 'grant') ?? 'a grant'} of ${granteeWords(event)}`, why };
    case 'SUSPENSION':
      return { what: `${who} suspended every grant of ${granteeWords(event)}`, why };
    case 'REINSTATEMENT':
      return { what: `${who} reinstated ${granteeWords(event)}`, why: null };
    case 'TRUST_CHANGE': {
      const trusted = detailOf(event, 'trusted') === 'true';
      const mark = `${detailOf(event, 'organisation') ?? 'an organisation'} for ${detailOf(event, 'dataClass') ?? 'a data class'} data`;
      return { what: `${who} ${trusted ? 'trusted' : 'removed the trust mark of'} ${mark}`, why: null };
    }
    default:
      return { what: `${who}: ${event.action.toLowerCase().replace(/_/g, ' ')}`, why: event.reason };
  }
}
