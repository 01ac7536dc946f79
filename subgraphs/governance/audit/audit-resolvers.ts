import { GraphQLError } from 'graphql';
import { AUDIT_ACTION_ENUM, AUDIT_MAX_PAGE_SIZE, AUDIT_OUTCOME_ENUM } from '../../../schema/audit-contract.js';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { Principal } from '../../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../../schema/policy/verified-organisation.js';
import type { AuditLog } from '../../../runtime/audit/audit-log.js';
import type { AuditAction, AuditOutcome, AuditRecord } from '../../../runtime/audit/audit-record.js';
import { partnerOfDataset } from '../../../runtime/audit/reports/period.js';
import type { Logger } from '../../../runtime/logger.js';
import { badInput, forbidden, unauthenticated } from '../errors.js';
import { isBoardMember, isStewardOf } from '../roles.js';
import { decodeCursor, matchesFilter, pageEvents, type AuditEvent, type AuditEventFilter, type EventPage } from './audit-events.js';

// The audit views (issue "Audit", item 2; ARCHITECTURE.md "Audit"): a partner's stewards see the
// events of their own partner's datasets, the board every event, a researcher their own history.
// Scope is decided per event: the filter can narrow it, never widen it.

export interface AuditResolverOptions {
  audit: Pick<AuditLog, 'readBackward'>;
  logger: Logger;
  /** Each partner's dataset type, to place a field decided for no dataset (Type.field) with its partner. */
  datasetTypeNames: ReadonlyMap<string, string>;
  /** Most records one page reads (default 50,000). */
  scanBudget?: number;
}

interface EventFilterInput {
  partnerId?: string | null;
  datasetId?: string | null;
  subject?: string | null;
  organisation?: string | null;
  action?: AuditAction | null;
  outcome?: AuditOutcome | null;
  from?: string | null;
  to?: string | null;
}

interface PageArgs {
  first: number;
  after?: string | null;
}

export function auditResolvers(options: AuditResolverOptions) {
  const partnerOfType = new Map([...options.datasetTypeNames].map(([partner, type]) => [type, partner]));

  /** The partner an event belongs to: its dataset's, else its field's type's; null for none. */
  function partnerOfEvent(event: AuditEvent): string | null {
    if (event.datasetId !== null) return partnerOfDataset(event.datasetId);
    if (event.field !== null) return partnerOfType.get(event.field.slice(0, event.field.indexOf('.'))) ?? null;
    return null;
  }

  function inPartners(event: AuditEvent, record: AuditRecord, partners: ReadonlySet<string>): boolean {
    const partner = partnerOfEvent(event);
    if (partner !== null) return partners.has(partner);
    // A governance act on no dataset (a trust mark) belongs to the partners it names.
    return event.field === null && record.partnerIds.some((p) => partners.has(p));
  }

  async function page(accept: (event: AuditEvent, record: AuditRecord) => boolean, args: PageArgs): Promise<EventPage> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > AUDIT_MAX_PAGE_SIZE) {
      throw badInput(`"first" must be from 1 to ${AUDIT_MAX_PAGE_SIZE}, got ${args.first}`, 'first');
    }
    const after = args.after ? decodeCursor(args.after) : null;
    if (args.after && !after) throw badInput('"after" is not a cursor this API gave out: pass a page\'s endCursor', 'after');
    try {
      return await pageEvents(options.audit, { accept, first: args.first, after, scanBudget: options.scanBudget });
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      options.logger.error({ err: error }, 'the audit trail could not be read');
      throw new GraphQLError('The audit trail cannot be read now; try again shortly', { extensions: { code: ErrorCode.StoreUnavailable } });
    }
  }

  const Query = {
    auditEvents: async (_root: unknown, args: PageArgs & { filter?: EventFilterInput | null }, { principal }: { principal: Principal }) => {
      if (!principal.authenticated || principal.subject === null) throw unauthenticated('see the audit trail');
      const input = args.filter ?? {};
      const filter = eventFilter(input);
      const board = isBoardMember(principal);
      let partners: ReadonlySet<string> | null;
      if (board) {
        partners = input.partnerId ? new Set([input.partnerId]) : null;
      } else {
        const own = [...options.datasetTypeNames.keys()].filter((p) => isStewardOf(principal, p));
        if (own.length === 0) throw forbidden('Only a partner\'s stewards (org <partner>, scopes partner:<partner> and steward:<partner>) or the board (scope consortium:board) may see the audit trail');
        if (input.partnerId && !own.includes(input.partnerId)) throw forbidden(`You are not a steward of ${input.partnerId}: you may see the events of ${own.join(', ')} only`);
        partners = new Set(input.partnerId ? [input.partnerId] : own);
      }
      const accept = (event: AuditEvent, record: AuditRecord) => (partners === null || inPartners(event, record, partners)) && matchesFilter(event, filter);
      return page(accept, args);
    },
    myAccessHistory: async (_root: unknown, args: PageArgs, { principal }: { principal: Principal }) => {
      if (!principal.authenticated || principal.subject === null) throw unauthenticated('see your access history');
      const me = principal.subject;
      // The acts on grants to the caller's verified organisation concern them too, as myGrants lists
      // those grants: a revocation or suspension of the organisation ends the member's access.
      const organisation = verifiedOrganisation(principal)?.id ?? null;
      const concernsMe = (event: AuditEvent) => (event.detail.granteeKind === 'person' && event.detail.grantee === me)
        || (organisation !== null && event.detail.granteeKind === 'organisation' && event.detail.grantee === organisation);
      const accept = (event: AuditEvent) => event.subject === me || event.detail.requester === me || concernsMe(event);
      return page(accept, args);
    },
  };

  return {
    Query,
    AuditAction: AUDIT_ACTION_ENUM,
    AuditOutcome: AUDIT_OUTCOME_ENUM,
    AuditEvent: {
      detail: (event: AuditEvent) => Object.entries(event.detail).map(([key, value]) => ({ key, value: value === null ? null : String(value) })),
    },
  };
}

function eventFilter(input: EventFilterInput): AuditEventFilter {
  const fromMs = input.from ? Date.parse(input.from) : null;
  const toMs = input.to ? Date.parse(input.to) : null;
  if (fromMs !== null && toMs !== null && toMs < fromMs) throw badInput(`The filter ends (${input.to}) before it starts (${input.from})`, 'filter');
  return {
    datasetId: input.datasetId?.trim() || null,
    subject: input.subject?.trim() || null,
    organisation: input.organisation?.trim() || null,
    action: input.action ?? null,
    outcome: input.outcome ?? null,
    fromMs,
    toMs,
  };
}
