import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../runtime/logger.js';
import { InMemoryGovernanceStore } from '../../../../subgraphs/governance/store/in-memory-governance-store.js';
import { AUTO_TRUSTED, type GovernanceStore } from '../../../../subgraphs/governance/store/governance-store.js';
import { POLICY_SET } from '../../../../schema/policy/policy-set.js';
import { DAY_MS } from '../../../../schema/policy/grant-length.js';
import { signRequestBody } from '../../../../runtime/subgraph-protocol/request-signing.js';
import { PRINCIPAL_HEADER } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { ACME, ACME_LICENCE, BETA, firstError, GOVERNANCE_KEY, person, PEOPLE, START, startGovernanceWorld, type GovernanceWorld } from './governance-world.js';
import { institutionScope, MEMBER_SCOPE } from '../../../../schema/policy/principal.js';

// Every operation of the governance subgraph, alone over HTTP, and each refusal: who may do what
// (issue "Governance"), the request checks of item 2, decisions and their grants, appeals, trust,
// revocation, suspension, and POST /grants. Each test starts from an empty store.

const REQUEST = `mutation R($input: RequestAccessInput!) {
  requestAccess(input: $input) {
    id requester { subject organisation } purpose { category commercial } projectTitle acceptedDuties acceptedTerms createdAt
    parts { requestId partnerId datasetIds datasets { __typename id } status decision { by outcome reason policyVersion grantDays } overdue decisionDueAt }
  }
}`;
const DECIDE = `mutation D($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!, $reason: String!, $grantDays: Int) {
  decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: $reason, grantDays: $grantDays) {
    partnerId status decision { by at outcome reason policyVersion grantDays }
    grants { id datasetId partnerId grantee { kind id } expiresAt acceptedTerms acceptedDuties revoked active }
    request { id parts { partnerId } }
  }
}`;
const LIST = `query L($partnerId: ID!, $status: PartStatus, $first: Int, $after: String) {
  accessRequests(partnerId: $partnerId, status: $status, first: $first, after: $after) {
    items { requestId partnerId datasetIds status request { id projectTitle requester { subject } parts { partnerId } } }
    endCursor hasNextPage
  }
}`;
const MY_REQUESTS = '{ myAccessRequests { id parts { partnerId status withdrawnAt } } }';
const MY_GRANTS = '{ myGrants { id datasetId dataset { __typename id } expiresAt revoked active revocation { by reason } } }';
const APPEAL = `mutation A($requestId: ID!, $partnerId: ID!, $statement: String!) {
  appeal(requestId: $requestId, partnerId: $partnerId, statement: $statement) { partnerId status appeal { statement at decision { outcome } } }
}`;
const DECIDE_APPEAL = `mutation DA($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!, $reason: String!, $grantDays: Int) {
  decideAppeal(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: $reason, grantDays: $grantDays) {
    partnerId status decision { outcome by } appeal { decision { by outcome reason policyVersion grantDays } } grants { id datasetId active }
  }
}`;
const REVOKE = 'mutation V($grantId: ID!, $reason: String!) { revokeGrant(grantId: $grantId, reason: $reason) { id revoked active revocation { by reason at } } }';
const TRUST = `mutation T($partnerId: ID!, $organisation: ID!, $dataClass: DataClass!) {
  trustOrganisation(partnerId: $partnerId, organisation: $organisation, dataClass: $dataClass) { partnerId organisation dataClass by at }
}`;
const UNTRUST = 'mutation U($partnerId: ID!, $organisation: ID!, $dataClass: DataClass!) { untrustOrganisation(partnerId: $partnerId, organisation: $organisation, dataClass: $dataClass) }';

const input = (datasetIds: string[], extra: Record<string, unknown> = {}) => ({
  input: { datasetIds, projectTitle: 'Sleep and shift work', justification: 'A cohort study of sleep among shift workers.', ...extra },
});
/** What ds-3 needs: its COL duty and its LicenseRef licence. */
const DS3_ACCEPTS = { acceptedDuties: ['COL'], acceptedTerms: [ACME_LICENCE] };

describe('governance subgraph', () => {
  let world: GovernanceWorld;
  beforeEach(async () => { world = await startGovernanceWorld(); });
  afterEach(async () => { await world?.close(); });

  async function request(datasetIds: string[], extra: Record<string, unknown> = {}, who = PEOPLE.researcher) {
    const answer = await world.call(who, REQUEST, input(datasetIds, extra));
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data!.requestAccess;
  }

  async function decide(requestId: string, partnerId: string, decision: string, who = partnerId === ACME ? PEOPLE.acmeSteward : PEOPLE.betaSteward, grantDays?: number) {
    return world.call(who, DECIDE, { requestId, partnerId, decision, reason: `${decision} after review`, grantDays });
  }

  describe('requestAccess', () => {
    it('splits a request over two partners into one pending part each, for the declared purpose', async () => {
      const created = await request([`${ACME}:ds-3`, `${BETA}:ds-1`, `${ACME}:ds-1`, `${ACME}:ds-3`], DS3_ACCEPTS);
      expect(created).toMatchObject({
        requester: { subject: 'researcher-1', organisation: 'uni-leiden' },
        purpose: { category: 'general', commercial: false },
        acceptedDuties: ['COL'],
        acceptedTerms: [ACME_LICENCE],
        createdAt: START.toISOString(),
      });
      expect(created.parts).toEqual([
        expect.objectContaining({ partnerId: ACME, datasetIds: [`${ACME}:ds-3`, `${ACME}:ds-1`], status: 'PENDING', decision: null, overdue: false }),
        expect.objectContaining({ partnerId: BETA, datasetIds: [`${BETA}:ds-1`], status: 'PENDING', decision: null }),
      ]);
      expect(created.parts[0].datasets).toEqual([{ __typename: 'AcmeLabsDataset', id: `${ACME}:ds-3` }, { __typename: 'AcmeLabsDataset', id: `${ACME}:ds-1` }]);
      expect(created.parts[0].decisionDueAt).toBe(new Date(START.getTime() + 60 * DAY_MS).toISOString());
    });

    it.each([
      ['an unknown dataset', [`${ACME}:ds-99`], {}, 'UNKNOWN_DATASET', /acme-labs:ds-99 is not in the catalog/],
      ['a dataset past its deletion date', [`${ACME}:ds-5`], {}, 'UNKNOWN_DATASET', /acme-labs:ds-5 is not in the catalog: .*past its deletion date/],
      ['a public dataset', [`${ACME}:ds-2`], {}, 'PUBLIC_DATASET', /acme-labs:ds-2 is PUBLIC: .*nothing to request/],
      ['a duty not accepted', [`${ACME}:ds-3`], { acceptedTerms: [ACME_LICENCE] }, 'DUTY_NOT_ACCEPTED', /acme-labs:ds-3 comes with the DUO duties COL \(DUO:0000020\)/],
      ['licence terms not accepted', [`${ACME}:ds-3`], { acceptedDuties: ['DUO:0000020'] }, 'LICENCE_NOT_ACCEPTED', /acme-labs:ds-3 is under the licence LicenseRef-Acme-Data-1.0/],
      ['a purpose the use conditions never allow', [`${ACME}:ds-4`], {}, 'PURPOSE_INCOMPATIBLE', /acme-labs:ds-4 can never be used for the purpose declared in your token.*HMB/],
    ])('refuses %s at once, naming the dataset and the reason', async (_name, datasetIds, extra, reason, message) => {
      const answer = await world.call(PEOPLE.researcher, REQUEST, input(datasetIds, extra));
      expect(answer.data).toBeNull();
      expect(firstError(answer)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { datasetId: datasetIds[0], reason } });
      expect(firstError(answer)!.message).toMatch(message);
      expect(await world.store.requestsOf('researcher-1')).toEqual([]);
    });

    it('refuses a dataset already in a pending request of the caller, but not of someone else', async () => {
      const first = await request([`${ACME}:ds-1`]);
      const again = await world.call(PEOPLE.researcher, REQUEST, input([`${BETA}:ds-1`, `${ACME}:ds-1`]));
      expect(firstError(again)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { datasetId: `${ACME}:ds-1`, reason: 'DUPLICATE_PENDING' } });
      expect(firstError(again)!.message).toContain(`already in your pending access request ${first.id}`);
      await request([`${ACME}:ds-1`], {}, PEOPLE.otherResearcher);
    });

    it('names every refused dataset in one error', async () => {
      const answer = await world.call(PEOPLE.researcher, REQUEST, input([`${ACME}:ds-2`, `${ACME}:ds-1`, `${ACME}:ds-99`]));
      expect(firstError(answer)!.extensions.refusals.map((r: { datasetId: string; reason: string }) => [r.datasetId, r.reason])).toEqual([
        [`${ACME}:ds-2`, 'PUBLIC_DATASET'], [`${ACME}:ds-99`, 'UNKNOWN_DATASET'],
      ]);
    });

    it('refuses a partner\'s own staff their own datasets: they use them without a grant', async () => {
      const answer = await world.call(PEOPLE.acmeStaff, REQUEST, input([`${ACME}:ds-7`]));
      expect(firstError(answer)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { reason: 'OWN_DATASET' } });
    });

    it.each([
      ['anonymous callers', null, 'UNAUTHENTICATED'],
      ['people who are not consortium members', PEOPLE.nonMember, 'FORBIDDEN'],
      ['members without a declared purpose', PEOPLE.noPurpose, 'FORBIDDEN'],
    ])('refuses %s', async (_name, who, code) => {
      expect(firstError(await world.call(who, REQUEST, input([`${ACME}:ds-1`])))?.code).toBe(code);
    });

    it.each([
      ['an empty project title', { projectTitle: '  ' }, 'projectTitle'],
      ['an empty justification', { justification: '' }, 'justification'],
      ['no dataset', { datasetIds: [] }, 'datasetIds'],
      ['a duty that is not a DUO duty', { acceptedDuties: ['GRU'] }, 'acceptedDuties'],
    ])('refuses %s', async (_name, extra, argumentName) => {
      const answer = await world.call(PEOPLE.researcher, REQUEST, { input: { ...input([`${ACME}:ds-1`]).input, ...extra } });
      expect(firstError(answer)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argumentName } });
    });

    it('counts duties and licences the token accepted already', async () => {
      const accepted = person('researcher-9', { acceptedTerms: ['DUO:0000020', ACME_LICENCE] });
      const created = await request([`${ACME}:ds-3`], {}, accepted);
      expect(created.acceptedDuties).toEqual(['COL']);
    });
  });

  describe('who sees which requests', () => {
    it('shows requesters only their own requests, and stewards only their partner\'s parts', async () => {
      const created = await request([`${ACME}:ds-1`, `${BETA}:ds-1`]);
      const mine = await world.call(PEOPLE.researcher, MY_REQUESTS);
      expect(mine.data!.myAccessRequests.map((r: { id: string }) => r.id)).toEqual([created.id]);
      expect((await world.call(PEOPLE.otherResearcher, MY_REQUESTS)).data!.myAccessRequests).toEqual([]);

      const acme = await world.call(PEOPLE.acmeSteward, LIST, { partnerId: ACME });
      expect(acme.data!.accessRequests.items).toEqual([{
        requestId: created.id, partnerId: ACME, datasetIds: [`${ACME}:ds-1`], status: 'PENDING',
        request: { id: created.id, projectTitle: 'Sleep and shift work', requester: { subject: 'researcher-1' }, parts: [{ partnerId: ACME }] },
      }]);
      const beta = await world.call(PEOPLE.betaSteward, LIST, { partnerId: BETA });
      expect(beta.data!.accessRequests.items.map((i: { partnerId: string }) => i.partnerId)).toEqual([BETA]);
    });

    it.each([
      ['a steward of another partner', PEOPLE.betaSteward],
      ['the partner\'s staff without the steward scope', PEOPLE.acmeStaff],
      ['a steward scope beside an org claim nobody vouches for', PEOPLE.forgedSteward],
      ['a requester', PEOPLE.researcher],
      ['the board', PEOPLE.board],
    ])('refuses the partner\'s parts to %s', async (_name, who) => {
      await request([`${ACME}:ds-1`]);
      const answer = await world.call(who, LIST, { partnerId: ACME });
      expect(firstError(answer)).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(answer)!.message).toContain('Only stewards of acme-labs');
    });

    it('refuses anonymous callers their requests and grants', async () => {
      expect(firstError(await world.call(null, MY_REQUESTS))?.code).toBe('UNAUTHENTICATED');
      expect(firstError(await world.call(null, MY_GRANTS))?.code).toBe('UNAUTHENTICATED');
    });

    it('pages through a partner\'s parts, oldest first', async () => {
      const ids: string[] = [];
      for (const [n, who] of [PEOPLE.researcher, PEOPLE.otherResearcher, person('researcher-4')].entries()) {
        world.clock.now = new Date(START.getTime() + n * 60_000);
        ids.push((await request([`${ACME}:ds-1`], {}, who)).id);
      }
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const answer = await world.call(PEOPLE.acmeSteward, LIST, { partnerId: ACME, first: 2, after });
        const page: { items: { requestId: string }[]; endCursor: string | null; hasNextPage: boolean } = answer.data!.accessRequests;
        seen.push(...page.items.map((i) => i.requestId));
        expect(page.hasNextPage).toBe(page.endCursor !== null);
        after = page.endCursor;
      } while (after !== null);
      expect(seen).toEqual(ids);
      expect(firstError(await world.call(PEOPLE.acmeSteward, LIST, { partnerId: ACME, first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argumentName: 'first' } });
      expect(firstError(await world.call(PEOPLE.acmeSteward, LIST, { partnerId: ACME, after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('decideAccessRequest', () => {
    it('approves with one grant per dataset, capped by DUO TS and the licence, recording who, when, why and the policy version', async () => {
      const created = await request([`${ACME}:ds-3`, `${ACME}:ds-7`], DS3_ACCEPTS);
      world.clock.now = new Date(START.getTime() + DAY_MS);
      const answer = await decide(created.id, ACME, 'APPROVE', PEOPLE.acmeSteward, 400);
      expect(answer.errors).toBeUndefined();
      const part = answer.data!.decideAccessRequest;
      const decidedAt = world.clock.now;
      expect(part).toMatchObject({
        partnerId: ACME, status: 'APPROVED',
        decision: { by: 'steward-acme', at: decidedAt.toISOString(), outcome: 'APPROVE', reason: 'APPROVE after review', policyVersion: POLICY_SET.version, grantDays: 400 },
      });
      const byDataset = new Map(part.grants.map((g: { datasetId: string }) => [g.datasetId, g]));
      // ds-3: the licence's 6 months (25 Nov 2026 12:00 to 25 May 2027 00:00) is tighter than TS 12 and the 400 asked.
      expect(byDataset.get(`${ACME}:ds-3`)).toMatchObject({
        partnerId: ACME, grantee: { kind: 'PERSON', id: 'researcher-1' }, acceptedTerms: [ACME_LICENCE], acceptedDuties: ['COL'], revoked: false, active: true,
        expiresAt: new Date(decidedAt.getTime() + 180 * DAY_MS).toISOString(),
      });
      expect(byDataset.get(`${ACME}:ds-7`)).toMatchObject({ expiresAt: new Date(decidedAt.getTime() + 400 * DAY_MS).toISOString() });

      const grants = await world.call(PEOPLE.researcher, MY_GRANTS);
      expect(grants.data!.myGrants.map((g: { dataset: unknown }) => g.dataset)).toEqual(
        expect.arrayContaining([{ __typename: 'AcmeLabsDataset', id: `${ACME}:ds-3` }, { __typename: 'AcmeLabsDataset', id: `${ACME}:ds-7` }]),
      );
    });

    it('gives a year when the steward names no length', async () => {
      const created = await request([`${ACME}:ds-7`]);
      const part = (await decide(created.id, ACME, 'APPROVE')).data!.decideAccessRequest;
      expect(part.decision.grantDays).toBe(365);
      expect(part.grants[0].expiresAt).toBe(new Date(START.getTime() + 365 * DAY_MS).toISOString());
    });

    it.each(['DENY', 'NEEDS_CHANGES'])('records %s without grants', async (outcome) => {
      const created = await request([`${ACME}:ds-7`]);
      const part = (await decide(created.id, ACME, outcome)).data!.decideAccessRequest;
      expect(part).toMatchObject({ status: outcome === 'DENY' ? 'DENIED' : 'NEEDS_CHANGES', decision: { outcome, by: 'steward-acme', grantDays: null }, grants: [] });
    });

    it('lets a steward decide only their partner\'s part, and shows them only that part', async () => {
      const created = await request([`${ACME}:ds-7`, `${BETA}:ds-1`]);
      expect(firstError(await decide(created.id, ACME, 'APPROVE', PEOPLE.betaSteward))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await decide(created.id, ACME, 'APPROVE', PEOPLE.forgedSteward))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await decide(created.id, ACME, 'APPROVE', PEOPLE.researcher))).toMatchObject({ code: 'FORBIDDEN' });
      const part = (await decide(created.id, BETA, 'APPROVE')).data!.decideAccessRequest;
      expect(part.request.parts).toEqual([{ partnerId: BETA }]);
      const parts = (await world.store.getRequest(created.id))!.parts;
      expect(parts.map((p) => [p.partnerId, p.status])).toEqual([[ACME, 'PENDING'], [BETA, 'APPROVED']]);
    });

    it('refuses a decision on one\'s own request, even by a steward of its partner', async () => {
      // The requester joined the partner's staff after asking: they still may not decide their own request.
      const created = await request([`${ACME}:ds-7`], {}, person('mover-1', { org: 'uni-leiden' }));
      const nowSteward = person('mover-1', { org: ACME, scopes: ['consortium:member', `partner:${ACME}`, `steward:${ACME}`] });
      const answer = await decide(created.id, ACME, 'APPROVE', nowSteward);
      expect(firstError(answer)).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(answer)!.message).toMatch(/own access request/);
      expect((await world.store.getRequest(created.id))!.parts[0]!.status).toBe('PENDING');
    });

    it('refuses a second decision, and a decision on a part that does not exist', async () => {
      const created = await request([`${ACME}:ds-7`]);
      await decide(created.id, ACME, 'DENY');
      expect(firstError(await decide(created.id, ACME, 'APPROVE'))).toMatchObject({ code: 'CONFLICT' });
      expect(firstError(await decide('request-nope', ACME, 'APPROVE'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(firstError(await decide(created.id, BETA, 'APPROVE'))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets exactly one of several concurrent decisions on one part win', async () => {
      const created = await request([`${ACME}:ds-7`]);
      const outcomes = ['APPROVE', 'DENY', 'NEEDS_CHANGES'];
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => decide(created.id, ACME, outcomes[i % 3]!)));
      expect(answers.filter((a) => !a.errors)).toHaveLength(1);
      expect(answers.filter((a) => a.errors).map((a) => firstError(a)!.code)).toEqual(Array(11).fill('CONFLICT'));
      expect((await world.store.grantsOf({ kind: 'person', subject: 'researcher-1' })).length).toBeLessThanOrEqual(1);
    });

    it.each([
      ['an empty reason', { reason: ' ' }, 'reason'],
      ['grant days of zero', { grantDays: 0 }, 'grantDays'],
      ['grant days beyond five years', { grantDays: 5000 }, 'grantDays'],
      ['grant days on a denial', { decision: 'DENY', grantDays: 30 }, 'grantDays'],
    ])('refuses %s', async (_name, change, argumentName) => {
      const created = await request([`${ACME}:ds-7`]);
      const answer = await world.call(PEOPLE.acmeSteward, DECIDE, { requestId: created.id, partnerId: ACME, decision: 'APPROVE', reason: 'ok', ...change });
      expect(firstError(answer)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argumentName } });
    });
  });

  describe('withdrawAccessRequest', () => {
    const WITHDRAW = 'mutation W($requestId: ID!) { withdrawAccessRequest(requestId: $requestId) { id parts { partnerId status withdrawnAt } } }';

    it('withdraws the caller\'s pending parts only, once', async () => {
      const created = await request([`${ACME}:ds-7`, `${BETA}:ds-1`]);
      await decide(created.id, BETA, 'DENY');
      expect(firstError(await world.call(PEOPLE.otherResearcher, WITHDRAW, { requestId: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
      const withdrawn = await world.call(PEOPLE.researcher, WITHDRAW, { requestId: created.id });
      expect(withdrawn.data!.withdrawAccessRequest.parts).toEqual([
        { partnerId: ACME, status: 'WITHDRAWN', withdrawnAt: START.toISOString() },
        { partnerId: BETA, status: 'DENIED', withdrawnAt: null },
      ]);
      expect(firstError(await world.call(PEOPLE.researcher, WITHDRAW, { requestId: created.id }))).toMatchObject({ code: 'CONFLICT' });
      // Once withdrawn, the dataset may be requested again.
      await request([`${ACME}:ds-7`]);
    });
  });

  describe('escalation and appeal', () => {
    const OVERDUE = '{ overdueAccessRequests { items { requestId partnerId overdue decisionDueAt } hasNextPage } }';
    const APPEALS = '{ appeals { items { requestId partnerId status appeal { statement } } } }';

    it('lists parts undecided after the deadline for the board only', async () => {
      const late = await request([`${ACME}:ds-7`, `${BETA}:ds-1`]);
      await decide(late.id, BETA, 'DENY');
      world.clock.now = new Date(START.getTime() + 30 * DAY_MS);
      const recent = await request([`${ACME}:ds-1`]);
      world.clock.now = new Date(START.getTime() + 60 * DAY_MS + 1);
      const answer = await world.call(PEOPLE.board, OVERDUE);
      expect(answer.data!.overdueAccessRequests.items).toEqual([
        { requestId: late.id, partnerId: ACME, overdue: true, decisionDueAt: new Date(START.getTime() + 60 * DAY_MS).toISOString() },
      ]);
      expect(recent.parts[0].overdue).toBe(false);
      for (const who of [PEOPLE.acmeSteward, PEOPLE.researcher]) expect(firstError(await world.call(who, OVERDUE))?.code).toBe('FORBIDDEN');
    });

    it('takes one appeal of a denied part from its requester, and the board\'s final decision', async () => {
      const created = await request([`${ACME}:ds-7`]);
      const appeal = (who = PEOPLE.researcher) => world.call(who, APPEAL, { requestId: created.id, partnerId: ACME, statement: 'The cohort is essential to the project.' });
      expect(firstError(await appeal())).toMatchObject({ code: 'CONFLICT', extensions: { reason: 'NOT_DENIED' } });
      await decide(created.id, ACME, 'DENY');
      expect(firstError(await appeal(PEOPLE.otherResearcher))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await appeal()).data!.appeal).toMatchObject({ status: 'DENIED', appeal: { statement: 'The cohort is essential to the project.', decision: null } });
      expect(firstError(await appeal())).toMatchObject({ code: 'CONFLICT', extensions: { reason: 'ALREADY_APPEALED' } });

      expect((await world.call(PEOPLE.board, APPEALS)).data!.appeals.items).toEqual([
        { requestId: created.id, partnerId: ACME, status: 'DENIED', appeal: { statement: 'The cohort is essential to the project.' } },
      ]);
      expect(firstError(await world.call(PEOPLE.acmeSteward, APPEALS))?.code).toBe('FORBIDDEN');

      const decideAppeal = (decision: string, who = PEOPLE.board) => world.call(who, DECIDE_APPEAL, { requestId: created.id, partnerId: ACME, decision, reason: 'Essential and proportionate', grantDays: decision === 'APPROVE' ? 90 : undefined });
      expect(firstError(await decideAppeal('APPROVE', PEOPLE.acmeSteward))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await decideAppeal('NEEDS_CHANGES'))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argumentName: 'decision' } });
      const decided = (await decideAppeal('APPROVE')).data!.decideAppeal;
      expect(decided).toMatchObject({
        status: 'APPROVED',
        decision: { outcome: 'DENY', by: 'steward-acme' },
        appeal: { decision: { by: 'board-1', outcome: 'APPROVE', reason: 'Essential and proportionate', policyVersion: POLICY_SET.version, grantDays: 90 } },
        grants: [{ id: expect.any(String), datasetId: `${ACME}:ds-7`, active: true }],
      });
      expect(firstError(await decideAppeal('DENY'))).toMatchObject({ code: 'CONFLICT' });
      expect((await world.call(PEOPLE.board, APPEALS)).data!.appeals.items).toEqual([]);
      // Final: the steward the board overruled cannot undo it by revoking the board's grant.
      const grantId = (decided.grants as { id: string }[])[0]!.id;
      const revoke = (who: typeof PEOPLE.board) => world.call(who, REVOKE, { grantId, reason: 'Overruled' });
      expect(firstError(await revoke(PEOPLE.acmeSteward))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await revoke(PEOPLE.board)).data!.revokeGrant).toMatchObject({ id: grantId, active: false });
    });

    it('refuses a board member the appeal against a decision on their own request', async () => {
      const created = await request([`${ACME}:ds-7`], {}, PEOPLE.board);
      await decide(created.id, ACME, 'DENY');
      await world.call(PEOPLE.board, APPEAL, { requestId: created.id, partnerId: ACME, statement: 'Please reconsider.' });
      const answer = await world.call(PEOPLE.board, DECIDE_APPEAL, { requestId: created.id, partnerId: ACME, decision: 'APPROVE', reason: 'mine' });
      expect(firstError(answer)).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('trusted organisations', () => {
    const TRUSTED = 'query Q($partnerId: ID!) { trustedOrganisations(partnerId: $partnerId) { organisation dataClass by } }';
    const trust = (who = PEOPLE.acmeSteward, dataClass = 'PROPRIETARY') => world.call(who, TRUST, { partnerId: ACME, organisation: 'uni-leiden', dataClass });

    it('approves a trusted organisation\'s request at once when the policy allows, until the trust is removed', async () => {
      expect((await trust()).data!.trustOrganisation).toEqual({ partnerId: ACME, organisation: 'uni-leiden', dataClass: 'PROPRIETARY', by: 'steward-acme', at: START.toISOString() });
      expect((await world.call(PEOPLE.acmeSteward, TRUSTED, { partnerId: ACME })).data!.trustedOrganisations).toEqual([{ organisation: 'uni-leiden', dataClass: 'PROPRIETARY', by: 'steward-acme' }]);

      const created = await request([`${ACME}:ds-7`, `${BETA}:ds-1`]);
      expect(created.parts.map((p: { partnerId: string; status: string }) => [p.partnerId, p.status])).toEqual([[ACME, 'APPROVED'], [BETA, 'PENDING']]);
      expect(created.parts[0].decision).toMatchObject({ by: AUTO_TRUSTED, outcome: 'APPROVE', policyVersion: POLICY_SET.version, grantDays: 365 });
      expect(created.parts[0].decision.reason).toContain('uni-leiden is trusted by acme-labs for PROPRIETARY');

      // The same organisation named without the IdP's scope is not trusted.
      const unverified = await request([`${ACME}:ds-7`], {}, PEOPLE.otherResearcher);
      expect(unverified.parts[0].status).toBe('PENDING');
      // The policy would still deny an embargoed dataset: it waits for a steward.
      const embargoed = await request([`${ACME}:ds-6`]);
      expect(embargoed.parts[0].status).toBe('PENDING');

      expect((await world.call(PEOPLE.acmeSteward, UNTRUST, { partnerId: ACME, organisation: 'uni-leiden', dataClass: 'PROPRIETARY' })).data!.untrustOrganisation).toBe(true);
      expect((await world.call(PEOPLE.acmeSteward, UNTRUST, { partnerId: ACME, organisation: 'uni-leiden', dataClass: 'PROPRIETARY' })).data!.untrustOrganisation).toBe(false);
      const after = await request([`${ACME}:ds-3`], DS3_ACCEPTS);
      expect(after.parts[0].status).toBe('PENDING');
      // Grants already made stay.
      expect((await world.call(PEOPLE.researcher, MY_GRANTS)).data!.myGrants.map((g: { datasetId: string; active: boolean }) => [g.datasetId, g.active])).toEqual([[`${ACME}:ds-7`, true]]);
    });

    it('approves nothing at once for the steward who set the trust, whatever organisation their token names', async () => {
      await trust();
      // The same person as the steward who trusted uni-leiden, now with a uni-leiden token.
      const sameSteward = person('steward-acme', { org: 'uni-leiden', scopes: [MEMBER_SCOPE, institutionScope('uni-leiden')] });
      expect((await request([`${ACME}:ds-7`], {}, sameSteward)).parts[0].status).toBe('PENDING');
    });

    it('never counts an institution scope naming a partner as that partner\'s membership', async () => {
      await world.call(PEOPLE.acmeSteward, TRUST, { partnerId: ACME, organisation: BETA, dataClass: 'PROPRIETARY' });
      const posingAsBeta = person('posing-1', { org: BETA, scopes: [MEMBER_SCOPE, institutionScope(BETA)] });
      expect((await request([`${ACME}:ds-7`], {}, posingAsBeta)).parts[0].status).toBe('PENDING');
    });

    it('trusts only for the data class named', async () => {
      await trust(PEOPLE.acmeSteward, 'PARTNER_SHARED');
      expect((await request([`${ACME}:ds-7`])).parts[0].status).toBe('PENDING');
      expect((await request([`${ACME}:ds-1`])).parts[0].status).toBe('APPROVED');
    });

    it('lets only the partner\'s stewards trust, list and untrust, and never for PUBLIC data', async () => {
      for (const who of [PEOPLE.betaSteward, PEOPLE.acmeStaff, PEOPLE.board, PEOPLE.researcher]) {
        expect(firstError(await trust(who))?.code).toBe('FORBIDDEN');
        expect(firstError(await world.call(who, TRUSTED, { partnerId: ACME }))?.code).toBe('FORBIDDEN');
        expect(firstError(await world.call(who, UNTRUST, { partnerId: ACME, organisation: 'uni-leiden', dataClass: 'PROPRIETARY' }))?.code).toBe('FORBIDDEN');
      }
      expect(firstError(await trust(PEOPLE.acmeSteward, 'PUBLIC'))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argumentName: 'dataClass' } });
    });
  });

  describe('grants, revocation and suspension', () => {
    const SUSPEND = 'mutation S($subject: ID, $organisation: ID, $reason: String!) { suspendAccess(subject: $subject, organisation: $organisation, reason: $reason) { grantee { kind id } reason by at } }';
    const REINSTATE = 'mutation R($subject: ID, $organisation: ID) { reinstateAccess(subject: $subject, organisation: $organisation) }';

    async function approved(datasetIds: string[], partnerId = ACME, extra: Record<string, unknown> = {}) {
      const created = await request(datasetIds, extra);
      const answer = await decide(created.id, partnerId, 'APPROVE');
      return answer.data!.decideAccessRequest.grants as { id: string; datasetId: string }[];
    }

    it('answers POST /grants with the caller\'s active grants, as the policy Grant type', async () => {
      const [grant] = await approved([`${ACME}:ds-3`], ACME, DS3_ACCEPTS);
      const { status, body } = await world.grants(PEOPLE.researcher);
      expect(status).toBe(200);
      expect(body).toEqual({
        suspended: false,
        grants: [{
          datasetId: `${ACME}:ds-3`, grantee: { kind: 'person', subject: 'researcher-1' }, expiresAt: START.getTime() + 180 * DAY_MS,
          source: 'store', id: grant!.id, acceptedTerms: [ACME_LICENCE],
        }],
      });
      expect((await world.grants(PEOPLE.otherResearcher)).body).toEqual({ grants: [], suspended: false });
      expect((await world.grants(null)).body).toEqual({ grants: [], suspended: false });
      // Expired grants are not in force.
      world.clock.now = new Date(START.getTime() + 182 * DAY_MS);
      expect((await world.grants(PEOPLE.researcher)).body.grants).toEqual([]);
    });

    it('refuses POST /grants unsigned, signed with another key, replayed, or not POST', async () => {
      expect((await world.grants(PEOPLE.researcher, { sign: false })).status).toBe(401);
      expect((await world.grants(PEOPLE.researcher, { secret: 'another-key-entirely-0123456789abcdef' })).status).toBe(401);
      expect((await fetch(world.grantsUrl)).status).toBe(405);
      // A forged principal header under a signature made for another one.
      const forged = await fetch(world.grantsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signRequestBody(GOVERNANCE_KEY, '{}'), [PRINCIPAL_HEADER]: 'e30' },
        body: '{}',
      });
      expect(forged.status).toBe(401);
    });

    it('revokes a grant by its partner\'s steward or the board only, once, and takes it out of POST /grants', async () => {
      const [grant] = await approved([`${ACME}:ds-7`]);
      const revoke = (who: typeof PEOPLE.researcher) => world.call(who, REVOKE, { grantId: grant!.id, reason: 'Breach of the data use agreement' });
      for (const who of [PEOPLE.researcher, PEOPLE.betaSteward, PEOPLE.acmeStaff]) expect(firstError(await revoke(who))?.code).toBe('FORBIDDEN');
      world.clock.now = new Date(START.getTime() + DAY_MS);
      expect((await revoke(PEOPLE.acmeSteward)).data!.revokeGrant).toEqual({
        id: grant!.id, revoked: true, active: false, revocation: { by: 'steward-acme', reason: 'Breach of the data use agreement', at: world.clock.now.toISOString() },
      });
      expect(firstError(await revoke(PEOPLE.acmeSteward))).toMatchObject({ code: 'CONFLICT', extensions: { reason: 'ALREADY_REVOKED' } });
      expect((await world.grants(PEOPLE.researcher)).body.grants).toEqual([]);
      expect((await world.call(PEOPLE.researcher, MY_GRANTS)).data!.myGrants).toEqual([expect.objectContaining({ id: grant!.id, revoked: true, active: false })]);
      expect(firstError(await world.call(PEOPLE.board, REVOKE, { grantId: 'grant-nope', reason: 'x' }))?.code).toBe('NOT_FOUND');

      const [betaGrant] = await approved([`${BETA}:ds-1`], BETA);
      expect((await world.call(PEOPLE.board, REVOKE, { grantId: betaGrant!.id, reason: 'Incident response' })).data!.revokeGrant.revoked).toBe(true);
    });

    it('suspends a person or an organisation for the board only, until reinstated', async () => {
      await approved([`${ACME}:ds-7`]);
      const suspend = (who: typeof PEOPLE.board, variables: Record<string, unknown>) => world.call(who, SUSPEND, { reason: 'Incident 42', ...variables });
      for (const who of [PEOPLE.acmeSteward, PEOPLE.researcher]) expect(firstError(await suspend(who, { subject: 'researcher-1' }))?.code).toBe('FORBIDDEN');
      expect(firstError(await suspend(PEOPLE.board, { subject: 'researcher-1', organisation: 'uni-leiden' }))?.code).toBe('BAD_USER_INPUT');
      expect(firstError(await suspend(PEOPLE.board, {}))?.code).toBe('BAD_USER_INPUT');

      expect((await suspend(PEOPLE.board, { organisation: 'uni-leiden' })).data!.suspendAccess).toEqual({
        grantee: { kind: 'ORGANISATION', id: 'uni-leiden' }, reason: 'Incident 42', by: 'board-1', at: START.toISOString(),
      });
      // The researcher's organisation is verified: its suspension stops the researcher's grants too.
      expect((await world.grants(PEOPLE.researcher)).body).toEqual({ grants: [], suspended: true });
      // The same name without the IdP's scope is not that organisation.
      expect((await world.grants(PEOPLE.otherResearcher)).body.suspended).toBe(false);
      expect((await world.call(PEOPLE.acmeSteward, REINSTATE, { organisation: 'uni-leiden' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await world.call(PEOPLE.board, REINSTATE, { organisation: 'uni-leiden' })).data!.reinstateAccess).toBe(true);
      expect((await world.call(PEOPLE.board, REINSTATE, { organisation: 'uni-leiden' })).data!.reinstateAccess).toBe(false);
      expect((await world.grants(PEOPLE.researcher)).body.grants).toHaveLength(1);

      await suspend(PEOPLE.board, { subject: 'researcher-1' });
      expect((await world.grants(PEOPLE.researcher)).body).toEqual({ grants: [], suspended: true });
    });
  });
});

describe('governance subgraph with its store unreachable', () => {
  let world: GovernanceWorld;
  let failing: InMemoryGovernanceStore;
  let down = false;
  beforeEach(async () => {
    down = false;
    failing = new InMemoryGovernanceStore();
    // Every method of the store rejects while `down`, as a Redis store does when Redis is gone.
    const store = new Proxy(failing, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => (down && property !== 'close' ? Promise.reject(new Error('connection refused')) : value.apply(target, args));
      },
    }) as GovernanceStore;
    world = await startGovernanceWorld({ store });
  });
  afterEach(async () => { down = false; await world?.close(); });

  it('is ready once harvested, with its store in memory', async () => {
    const ready = await fetch(world.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'memory' });
  });

  it('is not ready while a store that answers pings (Redis) does not', async () => {
    const pinged = Object.assign(new InMemoryGovernanceStore(), { durable: true, ping: async () => !down });
    const other = await startGovernanceWorld({ store: pinged as unknown as GovernanceStore });
    try {
      expect(await (await fetch(other.url.replace(/\/graphql$/, '/ready'))).json()).toMatchObject({ status: 'ready', store: 'up' });
      down = true;
      const ready = await fetch(other.url.replace(/\/graphql$/, '/ready'));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', store: 'down' });
    } finally {
      await other.close();
    }
  });

  it('answers every operation with STORE_UNAVAILABLE, and POST /grants with 503, writing nothing', async () => {
    down = true;
    const answer = await world.call(PEOPLE.researcher, REQUEST, input([`${ACME}:ds-7`]));
    expect(firstError(answer)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(firstError(answer)!.message).toMatch(/cannot be reached: nothing was changed/);
    expect(firstError(await world.call(PEOPLE.researcher, MY_GRANTS))?.code).toBe('STORE_UNAVAILABLE');
    expect(firstError(await world.call(PEOPLE.board, 'mutation { suspendAccess(subject: "x", reason: "y") { at } }'))?.code).toBe('STORE_UNAVAILABLE');
    const grants = await world.grants(PEOPLE.researcher);
    expect(grants).toEqual({ status: 503, body: { error: 'The governance store cannot be reached', code: 'STORE_UNAVAILABLE' } });
    down = false;
    expect(await failing.requestsOf('researcher-1')).toEqual([]);
  });
});

describe('governance subgraph access log', () => {
  it('logs POST /grants and POST /audit with one line each, as every other request (issue 12, "Operations")', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('governance', 'info', new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
    const world = await startGovernanceWorld({ logger });
    try {
      expect((await world.grants(PEOPLE.researcher)).status).toBe(200);
      expect((await world.grants(PEOPLE.researcher, { sign: false })).status).toBe(401);
      const audit = await world.postAudit(JSON.stringify({ entries: [] }));
      const requests = () => lines.filter((l) => l.msg === 'request').map((l) => [l.method, l.path, l.status, typeof l.requestId]);
      // A line is written when the response has closed.
      await expect.poll(requests).toEqual([
        ['POST', '/grants', 200, 'string'],
        ['POST', '/grants', 401, 'string'],
        ['POST', '/audit', audit.status, 'string'],
      ]);
    } finally {
      await world.close();
    }
  });
});
