import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { GOVERNANCE_MAX_PAGE_SIZE, MAX_DATASETS_PER_REQUEST } from '../../schema/governance-contract.js';
import { DAY_MS, grantLength, MAX_GRANT_DAYS } from '../../schema/policy/grant-length.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';
import type { Principal } from '../../schema/policy/principal.js';
import { isMemberOf, verifiedOrganisation } from '../../schema/policy/verified-organisation.js';
import type { DataClass } from '../../schema/vocabulary.js';
import type { Grantee } from '../../runtime/governance/grant-keys.js';
import type { Logger } from '../../runtime/logger.js';
import type { AuditOutbox } from './audit/audit-outbox.js';
import { governanceActEntry, type GovernanceAct } from './audit/governance-act-entries.js';
import type { DatasetFactsTable, GovernedDataset } from './dataset-facts.js';
import { badInput, changeRefused, conflictError, forbidden, notFound, requestRefused, storeUnavailable, unauthenticated } from './errors.js';
import { granteesOf } from './grants-endpoint.js';
import { acceptedDutyCodes, accessOnceGranted, checkRequestedDataset, type Refusal } from './request-checks.js';
import { isBoardMember, isMember, isStewardOf } from './roles.js';
import {
  AUTO_TRUSTED, type AccessRequest, type Decision, type DecisionOutcome, type GovernanceStore, type Page, type PartStatus, type RequestPart, type StoredGrant,
  type Suspension, type TrustMark,
} from './store/governance-store.js';

// The governance workflow's resolvers (issue "Governance", items 2 to 6): who may do what is
// decided here from the gateway-signed principal, the request checks are the pure ones of
// request-checks.ts, and every state change is one call of the store, which refuses (rather than
// half-writes) a change that meets a conflicting state.

export interface GovernanceContext {
  principal: Principal;
}

export interface GovernanceResolverOptions {
  store: GovernanceStore;
  facts: DatasetFactsTable;
  logger: Logger;
  now: () => Date;
  decisionDeadlineDays: number;
  /** The entity type of each partner's datasets, for references. */
  datasetTypeNames: ReadonlyMap<string, string>;
  newId?: () => string;
  /** Where every act is recorded once the store has made it (ARCHITECTURE.md "Audit"). */
  audit: AuditOutbox;
}

/** A part as the API shows it: with its request, whose parts are those the viewer may see. */
interface PartView {
  request: AccessRequest;
  part: RequestPart;
}

const MAX_TEXT = { projectTitle: 300, justification: 10_000, reason: 5_000, statement: 10_000, identifier: 500 } as const;

export function governanceResolvers(options: GovernanceResolverOptions) {
  const { store, facts, logger, now, decisionDeadlineDays, datasetTypeNames } = options;
  const newId = options.newId ?? randomUUID;

  /** Records an act the store has made; the actor is the signed principal, or the automatic approver. */
  function recordAct(act: GovernanceAct, actor: Principal | typeof AUTO_TRUSTED, at: Date): Promise<void> {
    const who = actor === AUTO_TRUSTED
      ? { subject: AUTO_TRUSTED, organisation: null }
      : { subject: actor.subject!, organisation: verifiedOrganisation(actor)?.id ?? null };
    return options.audit.record(governanceActEntry(act, who, at, POLICY_SET.version));
  }

  /** Every store call: a store that cannot be reached is a clear STORE_UNAVAILABLE, never a half-written change. */
  async function stored<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (error instanceof TypeError || error instanceof RangeError) throw error;
      logger.error({ err: error, operation: what }, 'governance store call failed');
      throw storeUnavailable();
    }
  }

  const reference = (datasetId: string) => {
    const typeName = datasetTypeNames.get(datasetId.slice(0, datasetId.indexOf(':')));
    return typeName ? { __typename: typeName, id: datasetId } : null;
  };
  const dueAt = (request: AccessRequest) => Date.parse(request.createdAt) + decisionDeadlineDays * DAY_MS;
  const granteeView = (grantee: Grantee) =>
    grantee.kind === 'person' ? { kind: 'PERSON', id: grantee.subject } : { kind: 'ORGANISATION', id: grantee.organisation };

  function page(result: Page<PartView>, limitTo?: string) {
    return {
      items: result.items.map((item) => (limitTo ? onlyPart(item) : item)),
      endCursor: result.endCursor,
      hasNextPage: result.endCursor !== null,
    };
  }

  async function grantsOfPart({ request, part }: PartView): Promise<StoredGrant[]> {
    const grants = await stored('grantsOf', () => store.grantsOf({ kind: 'person', subject: request.requester.subject }));
    return grants.filter((g) => g.requestId === request.id && g.partnerId === part.partnerId);
  }

  /**
   * One grant per dataset of the part, each as long as asked (DEFAULT_GRANT_DAYS when not) and
   * cut to that dataset's own caps. A dataset no longer in the catalog, or one that can be granted
   * for no time, stops the approval: nothing is granted that its facts cannot bound.
   */
  function grantsFor(request: AccessRequest, part: RequestPart, requestedDays: number | null, at: Date): { grants: StoredGrant[]; days: number } {
    const grants: StoredGrant[] = [];
    for (const datasetId of part.datasetIds) {
      const dataset = facts.get(datasetId);
      if (!dataset) throw conflictError(`Dataset ${datasetId} is no longer in the catalog (or its partner could not be harvested): it cannot be granted now; nothing was changed`);
      const length = grantLength(requestedDays, dataset, at);
      if (length.days <= 0) throw conflictError(`Dataset ${datasetId} cannot be granted for any time under its DUO TS term or licence; nothing was changed`);
      grants.push({
        id: `grant-${newId()}`,
        datasetId,
        partnerId: part.partnerId,
        grantee: { kind: 'person', subject: request.requester.subject },
        requestId: request.id,
        grantedAt: at.toISOString(),
        expiresAt: length.expiresAt,
        acceptedTerms: [...request.acceptedTerms],
        acceptedDuties: [...request.acceptedDuties],
      });
    }
    const days = Math.max(...grants.map((g) => Math.round((g.expiresAt - at.getTime()) / DAY_MS)));
    return { grants, days };
  }

  /** A trusted organisation's request that the policy allows is approved at once (issue item 5). */
  async function approveIfTrusted(request: AccessRequest, requester: Principal, at: Date): Promise<AccessRequest> {
    const organisation = verifiedOrganisation(requester);
    if (!organisation) return request;
    // Membership as every rule reads it: an institution:<partner> scope never stands for a partner
    // (schema/policy/verified-organisation.ts isMemberOf).
    const partners = new Set(datasetTypeNames.keys());
    let current = request;
    for (const part of request.parts) {
      const datasets = part.datasetIds.map((id) => facts.get(id)).filter((d): d is GovernedDataset => d !== undefined);
      if (datasets.length !== part.datasetIds.length) continue;
      const classes = [...new Set(datasets.map((d) => d.dataClass))];
      // Nobody decides their own request, not through a trust mark either: a mark its own
      // requester set approves nothing for them.
      let allMarks: Awaited<ReturnType<GovernanceStore['trustMarksOf']>>;
      try {
        allMarks = await stored('trustMarksOf', () => store.trustMarksOf(part.partnerId));
      } catch (error) {
        logger.warn({ err: error, requestId: request.id, partnerId: part.partnerId }, 'trusted organisation: trust marks unreadable; the part stays pending');
        continue;
      }
      const marks = allMarks
        .filter((m) => m.organisation === organisation.id && m.by !== requester.subject && isMemberOf(requester, m.organisation, partners));
      if (!classes.every((c) => marks.some((m) => m.dataClass === c))) continue;
      const terms = new Set(request.acceptedTerms);
      const duties = new Set(request.acceptedDuties);
      let approval: { grants: StoredGrant[]; days: number };
      try {
        approval = grantsFor(request, part, null, at);
      } catch {
        continue;
      }
      const allowed = approval.grants.every((grant) => {
        const decision = accessOnceGranted(requester, facts.get(grant.datasetId)!, terms, duties, grant.expiresAt, at);
        return decision.allow;
      });
      if (!allowed) continue;
      const decision: Decision = {
        by: AUTO_TRUSTED,
        at: at.toISOString(),
        outcome: 'APPROVE',
        reason: `${organisation.id} is trusted by ${part.partnerId} for ${classes.join(', ')} data, and the policy allows this use`,
        policyVersion: POLICY_SET.version,
        grantDays: approval.days,
      };
      // The request is stored already: if the store fails now, the part stays pending for a
      // steward rather than the caller being told that nothing was changed.
      let result: Awaited<ReturnType<GovernanceStore['decide']>>;
      try {
        result = await stored('decide', () => store.decide(request.id, part.partnerId, decision, approval.grants));
      } catch (error) {
        logger.warn({ err: error, requestId: request.id, partnerId: part.partnerId }, 'trusted organisation: automatic approval failed; the part stays pending');
        continue;
      }
      if (result.ok) {
        current = result.value;
        await recordAct({ action: 'decision', request: current, partnerId: part.partnerId, decision, grants: approval.grants }, AUTO_TRUSTED, at);
        logger.info({ requestId: request.id, partnerId: part.partnerId, organisation: organisation.id }, 'access request part approved for a trusted organisation');
      }
    }
    return current;
  }

  const Query = {
    myAccessRequests: async (_root: unknown, _args: unknown, { principal }: GovernanceContext) => {
      const subject = requireSignedIn(principal, 'see your access requests');
      return stored('requestsOf', () => store.requestsOf(subject));
    },
    accessRequests: async (_root: unknown, args: { partnerId: string; status: PartStatus; first: number; after?: string | null }, { principal }: GovernanceContext) => {
      requireSteward(principal, args.partnerId, 'see its access requests');
      const result = await stored('partsOf', () => store.partsOf(args.partnerId, args.status, pageSize(args.first), args.after));
      return page(result, args.partnerId);
    },
    overdueAccessRequests: async (_root: unknown, args: { first: number; after?: string | null }, { principal }: GovernanceContext) => {
      requireBoard(principal, 'list overdue access requests');
      const createdBefore = new Date(now().getTime() - decisionDeadlineDays * DAY_MS).toISOString();
      return page(await stored('overdueParts', () => store.overdueParts(createdBefore, pageSize(args.first), args.after)));
    },
    appeals: async (_root: unknown, args: { first: number; after?: string | null }, { principal }: GovernanceContext) => {
      requireBoard(principal, 'list appeals');
      return page(await stored('pendingAppeals', () => store.pendingAppeals(pageSize(args.first), args.after)));
    },
    trustedOrganisations: async (_root: unknown, args: { partnerId: string }, { principal }: GovernanceContext) => {
      requireSteward(principal, args.partnerId, 'see the organisations it trusts');
      return stored('trustMarksOf', () => store.trustMarksOf(args.partnerId));
    },
    myGrants: async (_root: unknown, _args: unknown, { principal }: GovernanceContext) => {
      requireSignedIn(principal, 'see your grants');
      const lists = await Promise.all(granteesOf(principal).map((grantee) => stored('grantsOf', () => store.grantsOf(grantee))));
      return lists.flat().sort((a, b) => a.grantedAt.localeCompare(b.grantedAt) || a.id.localeCompare(b.id));
    },
  };

  const Mutation = {
    requestAccess: async (_root: unknown, { input }: { input: RequestAccessInput }, { principal }: GovernanceContext) => {
      const subject = requireSignedIn(principal, 'request access');
      if (!isMember(principal)) throw forbidden('Only consortium members (scope consortium:member) may request access');
      if (principal.purpose === null) {
        throw forbidden('Requesting access needs a research purpose declared in your token (claim purpose): the request is for that purpose');
      }
      const projectTitle = requiredText(input.projectTitle, 'projectTitle', MAX_TEXT.projectTitle);
      const justification = requiredText(input.justification, 'justification', MAX_TEXT.justification);
      const datasetIds = [...new Set(input.datasetIds.map((id) => id.trim()))];
      if (datasetIds.length === 0 || datasetIds.includes('')) throw badInput('Name at least one dataset, and no empty id, in datasetIds', 'datasetIds');
      if (datasetIds.length > MAX_DATASETS_PER_REQUEST) throw badInput(`One request may name at most ${MAX_DATASETS_PER_REQUEST} datasets, got ${datasetIds.length}`, 'datasetIds');
      const acceptedTerms = new Set((input.acceptedTerms ?? []).map((t) => t.trim()).filter(Boolean));
      const duties = acceptedDutyCodes((input.acceptedDuties ?? []).map((d) => d.trim()).filter(Boolean), principal.acceptedTerms);
      if ('unknown' in duties) {
        throw badInput(`"${duties.unknown}" is not a DUO duty: accept duties by shorthand (PUB, COL, RTN, MOR) or term id (e.g. DUO:0000020)`, 'acceptedDuties');
      }
      const at = now();
      const pending = new Map<string, string>();
      for (const request of await stored('requestsOf', () => store.requestsOf(subject))) {
        for (const part of request.parts) if (part.status === 'PENDING') for (const id of part.datasetIds) pending.set(id, request.id);
      }
      const refusals: Refusal[] = [];
      for (const datasetId of datasetIds) {
        const refusal = checkRequestedDataset({ datasetId, facts: facts.get(datasetId), requester: principal, acceptedDuties: duties.codes, acceptedTerms, pending, now: at });
        if (refusal) refusals.push(refusal);
      }
      if (refusals.length > 0) throw requestRefused(refusals);

      const byPartner = new Map<string, string[]>();
      for (const datasetId of datasetIds) {
        const partnerId = facts.get(datasetId)!.partnerId;
        byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), datasetId]);
      }
      const request: AccessRequest = {
        id: `request-${newId()}`,
        requester: { subject, organisation: verifiedOrganisation(principal)?.id ?? null },
        purpose: principal.purpose,
        projectTitle,
        justification,
        acceptedDuties: [...duties.codes].sort(),
        acceptedTerms: [...acceptedTerms].sort(),
        createdAt: at.toISOString(),
        parts: [...byPartner].map(([partnerId, ids]) => ({ partnerId, datasetIds: ids, status: 'PENDING' as const })),
      };
      const created = await stored('createRequest', () => store.createRequest(request));
      if (!created.ok) {
        // Another request of the same requester won the race for a dataset: the store names it.
        throw badInput(`Access request refused: ${created.detail}`, 'input', { reason: 'DUPLICATE_PENDING' });
      }
      logger.info({ requestId: request.id, partners: [...byPartner.keys()], datasets: datasetIds.length }, 'access requested');
      await recordAct({ action: 'request', request: created.value }, principal, at);
      return approveIfTrusted(created.value, principal, at);
    },

    withdrawAccessRequest: async (_root: unknown, { requestId }: { requestId: string }, { principal }: GovernanceContext) => {
      const subject = requireSignedIn(principal, 'withdraw an access request');
      const before = await ownRequest(subject, requestId);
      const at = now();
      const result = await stored('withdraw', () => store.withdraw(requestId, at.toISOString()));
      if (!result.ok) throw changeRefused(result);
      const withdrawn = before.parts.filter((p) => p.status === 'PENDING').map((p) => p.partnerId);
      await recordAct({ action: 'withdrawal', request: result.value, partnerIds: withdrawn }, principal, at);
      return result.value;
    },

    decideAccessRequest: async (_root: unknown, args: DecideArgs, { principal }: GovernanceContext) => {
      const subject = requireSteward(principal, args.partnerId, 'decide its access requests');
      const { reason, grantDays } = decisionInput(args);
      const request = await stored('getRequest', () => store.getRequest(args.requestId));
      const part = request?.parts.find((p) => p.partnerId === args.partnerId);
      if (!request || !part) throw notFound(`No access request ${args.requestId} has a part for ${args.partnerId}`);
      if (request.requester.subject === subject) throw forbidden('Nobody decides a part of their own access request: another steward of the partner must');
      if (part.status !== 'PENDING') throw conflictError(`Part ${args.partnerId} of access request ${args.requestId} is ${part.status}, not PENDING: nothing was changed`, 'NOT_PENDING');
      const at = now();
      const approval = args.decision === 'APPROVE' ? grantsFor(request, part, grantDays, at) : { grants: [], days: undefined };
      const decision: Decision = {
        by: subject, at: at.toISOString(), outcome: args.decision, reason, policyVersion: POLICY_SET.version,
        ...(approval.days !== undefined ? { grantDays: approval.days } : {}),
      };
      const result = await stored('decide', () => store.decide(args.requestId, args.partnerId, decision, approval.grants));
      if (!result.ok) throw changeRefused(result);
      logger.info({ requestId: args.requestId, partnerId: args.partnerId, outcome: args.decision, by: subject, policyVersion: decision.policyVersion }, 'access request part decided');
      await recordAct({ action: 'decision', request: result.value, partnerId: args.partnerId, decision, grants: approval.grants }, principal, at);
      return onlyPart(viewOf(result.value, args.partnerId));
    },

    appeal: async (_root: unknown, args: { requestId: string; partnerId: string; statement: string }, { principal }: GovernanceContext) => {
      const subject = requireSignedIn(principal, 'appeal a decision');
      const statement = requiredText(args.statement, 'statement', MAX_TEXT.statement);
      const request = await ownRequest(subject, args.requestId);
      if (!request.parts.some((p) => p.partnerId === args.partnerId)) throw notFound(`Your access request ${args.requestId} has no part for ${args.partnerId}`);
      const at = now();
      const result = await stored('appeal', () => store.appeal(args.requestId, args.partnerId, statement, at.toISOString()));
      if (!result.ok) throw changeRefused(result);
      await recordAct({ action: 'appeal', request: result.value, partnerId: args.partnerId }, principal, at);
      logger.info({ requestId: args.requestId, partnerId: args.partnerId }, 'denial appealed to the board');
      return viewOf(result.value, args.partnerId);
    },

    decideAppeal: async (_root: unknown, args: DecideArgs, { principal }: GovernanceContext) => {
      const subject = requireBoard(principal, 'decide appeals');
      if (args.decision === 'NEEDS_CHANGES') throw badInput('The board\'s decision on an appeal is final: APPROVE or DENY', 'decision');
      const { reason, grantDays } = decisionInput(args);
      const request = await stored('getRequest', () => store.getRequest(args.requestId));
      const part = request?.parts.find((p) => p.partnerId === args.partnerId);
      if (!request || !part) throw notFound(`No access request ${args.requestId} has a part for ${args.partnerId}`);
      if (request.requester.subject === subject) throw forbidden('Nobody decides an appeal against a decision on their own access request: another board member must');
      if (!part.appeal || part.appeal.decision) {
        throw conflictError(`Part ${args.partnerId} of access request ${args.requestId} has ${part.appeal ? 'an appeal decided already (final)' : 'no appeal'}: nothing was changed`, 'NO_PENDING_APPEAL');
      }
      const at = now();
      const approval = args.decision === 'APPROVE' ? grantsFor(request, part, grantDays, at) : { grants: [], days: undefined };
      const decision: Decision = {
        by: subject, at: at.toISOString(), outcome: args.decision, reason, policyVersion: POLICY_SET.version,
        ...(approval.days !== undefined ? { grantDays: approval.days } : {}),
      };
      const result = await stored('decideAppeal', () => store.decideAppeal(args.requestId, args.partnerId, decision, approval.grants));
      if (!result.ok) throw changeRefused(result);
      logger.info({ requestId: args.requestId, partnerId: args.partnerId, outcome: args.decision, by: subject, policyVersion: decision.policyVersion }, 'appeal decided by the board');
      await recordAct({ action: 'appeal-decision', request: result.value, partnerId: args.partnerId, decision, grants: approval.grants }, principal, at);
      return viewOf(result.value, args.partnerId);
    },

    trustOrganisation: async (_root: unknown, args: TrustArgs, { principal }: GovernanceContext) => {
      const subject = requireSteward(principal, args.partnerId, 'trust organisations');
      const organisation = requiredText(args.organisation, 'organisation', MAX_TEXT.identifier);
      if (args.dataClass === 'PUBLIC') throw badInput('PUBLIC data needs no request, so trust for it would change nothing', 'dataClass');
      const at = now();
      const mark: TrustMark = { partnerId: args.partnerId, organisation, dataClass: args.dataClass, by: subject, at: at.toISOString() };
      await stored('setTrust', () => store.setTrust(mark));
      await recordAct({ action: 'trust-change', mark, trusted: true }, principal, at);
      logger.info({ partnerId: args.partnerId, organisation, dataClass: args.dataClass, by: subject }, 'organisation trusted');
      return mark;
    },

    untrustOrganisation: async (_root: unknown, args: TrustArgs, { principal }: GovernanceContext) => {
      const subject = requireSteward(principal, args.partnerId, 'remove trust');
      const removed = await stored('removeTrust', () => store.removeTrust(args.partnerId, args.organisation, args.dataClass));
      if (removed) {
        logger.info({ partnerId: args.partnerId, organisation: args.organisation, dataClass: args.dataClass, by: subject }, 'organisation no longer trusted');
        await recordAct({ action: 'trust-change', mark: { partnerId: args.partnerId, organisation: args.organisation, dataClass: args.dataClass }, trusted: false }, principal, now());
      }
      return removed;
    },

    revokeGrant: async (_root: unknown, args: { grantId: string; reason: string }, { principal }: GovernanceContext) => {
      const subject = requireSignedIn(principal, 'revoke a grant');
      const reason = requiredText(args.reason, 'reason', MAX_TEXT.reason);
      const grant = await stored('getGrant', () => store.getGrant(args.grantId));
      if (!grant) throw notFound(`No grant ${args.grantId}`);
      if (!isStewardOf(principal, grant.partnerId) && !isBoardMember(principal)) {
        throw forbidden(`Only stewards of ${grant.partnerId} (org ${grant.partnerId}, scopes partner:${grant.partnerId} and steward:${grant.partnerId}) or the board may revoke this grant`);
      }
      // The board's decision on an appeal is final: a grant it made is the board's to revoke.
      if (!isBoardMember(principal)) {
        const request = await stored('getRequest', () => store.getRequest(grant.requestId));
        const part = request?.parts.find((p) => p.partnerId === grant.partnerId);
        if (part?.appeal?.decision?.outcome === 'APPROVE') {
          throw forbidden(`Grant ${args.grantId} was made by the board on appeal: only the board may revoke it`);
        }
      }
      const at = now();
      const result = await stored('revokeGrant', () => store.revokeGrant(args.grantId, { by: subject, at: at.toISOString(), reason }));
      if (!result.ok) throw changeRefused(result);
      await recordAct({ action: 'revocation', grant: result.value, reason }, principal, at);
      logger.info({ grantId: args.grantId, datasetId: grant.datasetId, by: subject }, 'grant revoked');
      return result.value;
    },

    suspendAccess: async (_root: unknown, args: { subject?: string | null; organisation?: string | null; reason: string }, { principal }: GovernanceContext) => {
      const by = requireBoard(principal, 'suspend access');
      const grantee = oneGrantee(args);
      const reason = requiredText(args.reason, 'reason', MAX_TEXT.reason);
      const at = now();
      const suspension: Suspension = { grantee, reason, by, at: at.toISOString() };
      await stored('suspend', () => store.suspend(suspension));
      await recordAct({ action: 'suspension', suspension }, principal, at);
      logger.warn({ grantee, by }, 'access suspended');
      return suspension;
    },

    reinstateAccess: async (_root: unknown, args: { subject?: string | null; organisation?: string | null }, { principal }: GovernanceContext) => {
      const by = requireBoard(principal, 'reinstate access');
      const grantee = oneGrantee(args);
      const reinstated = await stored('reinstate', () => store.reinstate(grantee));
      if (reinstated) {
        logger.warn({ grantee, by }, 'access reinstated');
        await recordAct({ action: 'reinstatement', grantee }, principal, now());
      }
      return reinstated;
    },
  };

  async function ownRequest(subject: string, requestId: string): Promise<AccessRequest> {
    const request = await stored('getRequest', () => store.getRequest(requestId));
    // Another person's request is reported as absent: its existence is not the caller's business.
    if (!request || request.requester.subject !== subject) throw notFound(`You have no access request ${requestId}`);
    return request;
  }

  return {
    Query,
    Mutation,
    Dataset: { __resolveType: (ref: { __typename: string }) => ref.__typename },
    AccessRequest: {
      parts: (request: AccessRequest): PartView[] => request.parts.map((part) => ({ request, part })),
    },
    AccessRequestPart: {
      requestId: ({ request }: PartView) => request.id,
      partnerId: ({ part }: PartView) => part.partnerId,
      datasetIds: ({ part }: PartView) => part.datasetIds,
      datasets: ({ part }: PartView) => part.datasetIds.map(reference).filter((r) => r !== null),
      status: ({ part }: PartView) => part.status,
      decision: ({ part }: PartView) => part.decision ?? null,
      appeal: ({ part }: PartView) => part.appeal ?? null,
      withdrawnAt: ({ part }: PartView) => part.withdrawnAt ?? null,
      decisionDueAt: ({ request }: PartView) => new Date(dueAt(request)).toISOString(),
      overdue: ({ request, part }: PartView) => part.status === 'PENDING' && now().getTime() >= dueAt(request),
      grants: (view: PartView) => grantsOfPart(view),
      request: ({ request }: PartView) => request,
    },
    AccessGrant: {
      dataset: (grant: StoredGrant) => reference(grant.datasetId),
      grantee: (grant: StoredGrant) => granteeView(grant.grantee),
      expiresAt: (grant: StoredGrant) => new Date(grant.expiresAt).toISOString(),
      revoked: (grant: StoredGrant) => grant.revoked !== undefined,
      revocation: (grant: StoredGrant) => grant.revoked ?? null,
      active: (grant: StoredGrant) => grant.revoked === undefined && grant.expiresAt > now().getTime(),
    },
    Suspension: {
      grantee: (suspension: Suspension) => granteeView(suspension.grantee),
    },
  };
}

interface RequestAccessInput {
  datasetIds: string[];
  projectTitle: string;
  justification: string;
  acceptedDuties?: string[] | null;
  acceptedTerms?: string[] | null;
}

interface DecideArgs {
  requestId: string;
  partnerId: string;
  decision: DecisionOutcome;
  reason: string;
  grantDays?: number | null;
}

interface TrustArgs {
  partnerId: string;
  organisation: string;
  dataClass: DataClass;
}

function viewOf(request: AccessRequest, partnerId: string): PartView {
  return { request, part: request.parts.find((p) => p.partnerId === partnerId)! };
}

/** A steward's view of a request: only their partner's part (issue "Decisions": a steward sees only their partner's parts). */
function onlyPart({ request, part }: PartView): PartView {
  return { request: { ...request, parts: [part] }, part };
}

function requireSignedIn(principal: Principal, what: string): string {
  if (!principal.authenticated || principal.subject === null) throw unauthenticated(what);
  return principal.subject;
}

function requireSteward(principal: Principal, partnerId: string, what: string): string {
  const subject = requireSignedIn(principal, what);
  if (!isStewardOf(principal, partnerId)) {
    throw forbidden(`Only stewards of ${partnerId} (org ${partnerId}, scopes partner:${partnerId} and steward:${partnerId}) may ${what}`);
  }
  return subject;
}

function requireBoard(principal: Principal, what: string): string {
  const subject = requireSignedIn(principal, what);
  if (!isBoardMember(principal)) throw forbidden(`Only the consortium's governance board (scope consortium:board) may ${what}`);
  return subject;
}

function requiredText(value: string, argumentName: string, max: number): string {
  const text = value.trim();
  if (text === '') throw badInput(`"${argumentName}" must not be empty`, argumentName);
  if (text.length > max) throw badInput(`"${argumentName}" must be at most ${max} characters, got ${text.length}`, argumentName);
  return text;
}

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > GOVERNANCE_MAX_PAGE_SIZE) {
    throw badInput(`"first" must be from 1 to ${GOVERNANCE_MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return first;
}

function decisionInput(args: DecideArgs): { reason: string; grantDays: number | null } {
  const reason = requiredText(args.reason, 'reason', MAX_TEXT.reason);
  const grantDays = args.grantDays ?? null;
  if (grantDays !== null && args.decision !== 'APPROVE') throw badInput('"grantDays" belongs to an approval only', 'grantDays');
  if (grantDays !== null && (!Number.isInteger(grantDays) || grantDays < 1 || grantDays > MAX_GRANT_DAYS)) {
    throw badInput(`"grantDays" must be from 1 to ${MAX_GRANT_DAYS}, got ${grantDays}; it is then cut to each dataset's DUO TS months and licence duration`, 'grantDays');
  }
  return { reason, grantDays };
}

function oneGrantee(args: { subject?: string | null; organisation?: string | null }): Grantee {
  const subject = args.subject?.trim() || null;
  const organisation = args.organisation?.trim() || null;
  if ((subject === null) === (organisation === null)) throw badInput('Name exactly one of "subject" and "organisation"');
  return subject !== null ? { kind: 'person', subject } : { kind: 'organisation', organisation: organisation! };
}
