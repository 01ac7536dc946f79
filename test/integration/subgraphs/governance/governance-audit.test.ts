import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../runtime/audit/audit-record.js';
import { InMemoryAuditLog } from '../../../../runtime/audit/in-memory-audit-log.js';
import type { AuditLog } from '../../../../runtime/audit/audit-log.js';
import { POLICY_SET } from '../../../../schema/policy/policy-set.js';
import { ACME, BETA, firstError, PEOPLE, startGovernanceWorld, type GovernanceWorld, type GraphQLAnswer } from './governance-world.js';

// The governance subgraph's side of the audit trail (issue "Audit", items 1 and 2): every governance
// act appended with who did it; reads appended by gateways without Redis (POST /audit); and the
// audit views, each caller seeing only what their role allows.

const REQUEST = `mutation R($ids: [ID!]!) {
  requestAccess(input: { datasetIds: $ids, projectTitle: 'Sleep', justification: 'A cohort study.' }) { id parts { partnerId } }
}`.replace(/'/g, '"');
const DECIDE = `mutation D($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!) {
  decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: "PURPOSE_INCOMPATIBLE: out of scope") { status grants { id } }
}`;
const EVENTS = `query E($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    items { seq at subject organisation action datasetId field outcome reason policyVersion hash previousHash detail { key value } }
    endCursor hasNextPage scannedRecords
  }
}`;
const HISTORY = `query H($first: Int, $after: String) {
  myAccessHistory(first: $first, after: $after) { items { seq subject action datasetId field outcome } endCursor hasNextPage }
}`;

/** A read as the gateway records it: allowed on the first dataset, denied on the second. */
function read(at: string, subject: string, allowed: string, denied: string): AuditEntry {
  return {
    at, action: 'read', subject, organisation: 'uni-leiden', purpose: 'general', partnerIds: [], datasetIds: [allowed, denied],
    fields: [
      { field: 'AcmeLabsDataset.sampleRecords', datasetIds: [allowed], outcome: 'allow' },
      { field: 'AcmeLabsDataset.sampleRecords', datasetIds: [denied], outcome: 'deny', reason: 'NO_GRANT' },
      { field: 'AcmeLabsDataset.contact', datasetIds: [], outcome: 'deny', reason: 'UNAUTHENTICATED' },
    ],
    policyVersion: POLICY_SET.version, mode: 'enforce', clientName: 'notebook', requestId: 'req-1', detail: {},
  };
}

describe('governance subgraph and the audit trail', () => {
  let world: GovernanceWorld;
  let log: InMemoryAuditLog;
  const start = async (options: { audit?: AuditLog; auditScanBudget?: number } = {}) => {
    log = new InMemoryAuditLog();
    world = await startGovernanceWorld({ audit: options.audit ?? log, auditScanBudget: options.auditScanBudget });
  };
  afterEach(async () => { await world?.close(); });

  it('records every governance act with who acted, and the chain verifies', async () => {
    await start();
    const requested = await world.call(PEOPLE.researcher, REQUEST, { ids: [`${ACME}:ds-1`, `${BETA}:ds-1`] });
    const requestId = requested.data!.requestAccess.id as string;
    await world.call(PEOPLE.acmeSteward, DECIDE, { requestId, partnerId: ACME, decision: 'DENY' });
    await world.call(PEOPLE.researcher, 'mutation($r: ID!) { appeal(requestId: $r, partnerId: "acme-labs", statement: "Please") { status } }', { r: requestId });
    await world.call(PEOPLE.board, 'mutation($r: ID!) { decideAppeal(requestId: $r, partnerId: "acme-labs", decision: APPROVE, reason: "Fine") { grants { id } } }', { r: requestId });
    await world.call(PEOPLE.researcher, 'mutation($r: ID!) { withdrawAccessRequest(requestId: $r) { id } }', { r: requestId });
    const grants = await world.store.grantsOf({ kind: 'person', subject: PEOPLE.researcher.subject! });
    await world.call(PEOPLE.board, 'mutation($g: ID!) { revokeGrant(grantId: $g, reason: "Ended") { id } }', { g: grants[0]!.id });
    await world.call(PEOPLE.acmeSteward, 'mutation { trustOrganisation(partnerId: "acme-labs", organisation: "uni-leiden", dataClass: PROPRIETARY) { at } }');
    await world.call(PEOPLE.acmeSteward, 'mutation { untrustOrganisation(partnerId: "acme-labs", organisation: "uni-leiden", dataClass: PROPRIETARY) }');
    await world.call(PEOPLE.board, 'mutation { suspendAccess(subject: "researcher-1", reason: "Breach") { at } }');
    await world.call(PEOPLE.board, 'mutation { reinstateAccess(subject: "researcher-1") }');

    const records = (await log.read(1, 100)).filter((r) => r.action !== 'policy-version');
    expect(records.map((r) => [r.action, r.subject, r.partnerIds])).toEqual([
      ['request', 'researcher-1', [ACME, BETA]],
      ['decision', 'steward-acme', [ACME]],
      ['appeal', 'researcher-1', [ACME]],
      ['appeal-decision', 'board-1', [ACME]],
      ['withdrawal', 'researcher-1', [BETA]],
      ['revocation', 'board-1', [ACME]],
      ['trust-change', 'steward-acme', [ACME]],
      ['trust-change', 'steward-acme', [ACME]],
      ['suspension', 'board-1', []],
      ['reinstatement', 'board-1', []],
    ]);
    expect(records[1]!.detail).toMatchObject({ accessRequest: requestId, requester: 'researcher-1', outcome: 'DENY', grants: 0 });
    expect(records[3]!.detail).toMatchObject({ outcome: 'APPROVE', grants: 1 });
    expect(records[6]!.detail).toMatchObject({ organisation: 'uni-leiden', dataClass: 'PROPRIETARY', trusted: true });
    expect(records[7]!.detail).toMatchObject({ trusted: false });
    expect(records[0]!.purpose).toBe('general');
    expect(records.every((r) => r.policyVersion === POLICY_SET.version && r.fields.length === 0)).toBe(true);
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('records the policy version in force once, when the trail was made under another', async () => {
    await start();
    await expect.poll(async () => (await log.read(1, 10)).map((r) => [r.action, r.detail])).toEqual([['policy-version', { from: null, to: POLICY_SET.version }]]);
    await world.close();
    // A restart under the same version records nothing more.
    world = await startGovernanceWorld({ audit: log });
    await world.call(PEOPLE.researcher, REQUEST, { ids: [`${ACME}:ds-1`] });
    expect((await log.read(1, 10)).map((r) => r.action)).toEqual(['policy-version', 'request']);
  });

  describe('POST /audit', () => {
    it('appends a gateway\'s reads, signed, to the one chain', async () => {
      await start();
      const answer = await world.postAudit(JSON.stringify({ entries: [read('2026-11-24T12:00:01Z', 'researcher-1', `${ACME}:ds-1`, `${ACME}:ds-3`)] }));
      expect(answer).toMatchObject({ status: 200, body: { appended: 1 } });
      const [record] = await log.readBackward(null, 1);
      expect(record).toMatchObject({ action: 'read', subject: 'researcher-1', seq: answer.body.head });
    });

    it.each([
      { name: 'unsigned', body: { entries: [read('2026-11-24T12:00:01Z', 'r', 'acme-labs:ds-1', 'acme-labs:ds-3')] }, sign: false, status: 401, message: /not signed/ },
      { name: 'a governance act', body: { entries: [{ ...read('2026-11-24T12:00:01Z', 'r', 'acme-labs:ds-1', 'acme-labs:ds-3'), action: 'decision' }] }, sign: true, status: 400, message: /entries\.0\.action/ },
      { name: 'no entries', body: { entries: [] }, sign: true, status: 400, message: /entries/ },
      { name: 'a field of another shape', body: { entries: [{ ...read('2026-11-24T12:00:01Z', 'r', 'a:1', 'a:2'), fields: [{ field: 'X.y', datasetId: 'a:1', outcome: 'allow' }] }] }, sign: true, status: 400, message: /fields\.0/ },
      { name: 'a read without fields', body: { entries: [{ ...read('2026-11-24T12:00:01Z', 'r', 'a:1', 'a:2'), fields: [] }] }, sign: true, status: 400, message: /entries\.0\.fields/ },
      { name: 'a detail naming a requester', body: { entries: [{ ...read('2026-11-24T12:00:01Z', 'r', 'a:1', 'a:2'), detail: { requester: 'researcher-1' } }] }, sign: true, status: 400, message: /entries\.0\.detail/ },
      { name: 'a time an hour away', body: { entries: [read('2026-11-24T13:00:01Z', 'r', 'a:1', 'a:2')] }, sign: true, status: 400, message: /entries\.0\.at.*minutes from now/ },
      { name: 'a time that is not one', body: { entries: [{ ...read('2026-11-24T12:00:01Z', 'r', 'a:1', 'a:2'), at: 'yesterday' }] }, sign: true, status: 400, message: /entries\.0\.at/ },
    ])('refuses $name, appending nothing', async ({ body, sign, status, message }) => {
      await start();
      const before = (await log.head())?.seq ?? 0;
      const answer = await world.postAudit(JSON.stringify(body), { sign });
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatch(message);
      expect((await log.head())?.seq ?? 0).toBe(before);
    });

    it('answers 503 when the trail cannot be written', async () => {
      const broken = Object.assign(new InMemoryAuditLog(), { append: async () => { throw new Error('disk full'); } });
      await start({ audit: broken });
      const answer = await world.postAudit(JSON.stringify({ entries: [read('2026-11-24T12:00:01Z', 'r', 'acme-labs:ds-1', 'acme-labs:ds-3')] }));
      expect(answer).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' } });
    });
  });

  describe('auditEvents', () => {
    /** Reads of both partners' datasets, and a decision on each side. */
    async function history() {
      await start();
      await world.postAudit(JSON.stringify({
        entries: [
          read('2026-11-24T12:00:01Z', 'researcher-1', `${ACME}:ds-1`, `${BETA}:ds-1`),
          read('2026-11-24T12:00:02Z', 'researcher-2', `${ACME}:ds-3`, `${ACME}:ds-7`),
        ],
      }));
      const requested = await world.call(PEOPLE.researcher, REQUEST, { ids: [`${ACME}:ds-7`, `${BETA}:ds-1`] });
      const requestId = requested.data!.requestAccess.id as string;
      await world.call(PEOPLE.betaSteward, DECIDE, { requestId, partnerId: BETA, decision: 'DENY' });
      await world.call(PEOPLE.acmeSteward, 'mutation { trustOrganisation(partnerId: "acme-labs", organisation: "uni-leiden", dataClass: PROPRIETARY) { at } }');
    }
    const events = async (who: typeof PEOPLE[keyof typeof PEOPLE], filter: Record<string, unknown> = {}, first = 100) => {
      const answer = await world.call(who, EVENTS, { filter, first });
      expect(answer.errors).toBeUndefined();
      return answer.data!.auditEvents.items as Record<string, any>[];
    };

    it('shows a steward only their own partner\'s events, newest first, and the board every event', async () => {
      await history();
      const acme = await events(PEOPLE.acmeSteward);
      expect(acme.map((e) => [e.action, e.datasetId, e.field, e.outcome, e.reason])).toEqual([
        ['TRUST_CHANGE', null, null, 'DONE', null],
        ['REQUEST', `${ACME}:ds-7`, null, 'DONE', null],
        ['READ', `${ACME}:ds-3`, 'AcmeLabsDataset.sampleRecords', 'ALLOW', null],
        ['READ', `${ACME}:ds-7`, 'AcmeLabsDataset.sampleRecords', 'DENY', 'NO_GRANT'],
        ['READ', null, 'AcmeLabsDataset.contact', 'DENY', 'UNAUTHENTICATED'],
        ['READ', `${ACME}:ds-1`, 'AcmeLabsDataset.sampleRecords', 'ALLOW', null],
        ['READ', null, 'AcmeLabsDataset.contact', 'DENY', 'UNAUTHENTICATED'],
      ]);
      const beta = await events(PEOPLE.betaSteward);
      expect(beta.map((e) => [e.action, e.datasetId, e.reason])).toEqual([
        ['DECISION', `${BETA}:ds-1`, 'DENY'],
        ['REQUEST', `${BETA}:ds-1`, null],
        ['READ', `${BETA}:ds-1`, 'NO_GRANT'],
      ]);
      const all = await events(PEOPLE.board);
      expect(all.length).toBe(acme.length + beta.length + 1);
      expect(all.some((e) => e.action === 'POLICY_VERSION')).toBe(true);
      // Each event carries its record's place in the chain.
      const records = await log.read(1, 100);
      for (const event of all) {
        const record = records.find((r) => r.seq === event.seq)!;
        expect([event.hash, event.previousHash]).toEqual([record.hash, record.previousHash]);
      }
    });

    it.each([
      { name: 'dataset', filter: { datasetId: `${ACME}:ds-7` }, expected: [['REQUEST', 'researcher-1'], ['READ', 'researcher-2']] },
      { name: 'subject', filter: { subject: 'researcher-2' }, expected: [['READ', 'researcher-2'], ['READ', 'researcher-2'], ['READ', 'researcher-2']] },
      { name: 'outcome', filter: { outcome: 'ALLOW' }, expected: [['READ', 'researcher-2'], ['READ', 'researcher-1']] },
      { name: 'action', filter: { action: 'TRUST_CHANGE' }, expected: [['TRUST_CHANGE', 'steward-acme']] },
      { name: 'organisation', filter: { organisation: 'nowhere' }, expected: [] },
      { name: 'time range', filter: { from: '2026-11-24T12:00:02Z', to: '2026-11-24T12:00:03Z' }, expected: [['READ', 'researcher-2'], ['READ', 'researcher-2'], ['READ', 'researcher-2']] },
    ])('filters a steward\'s events by $name', async ({ filter, expected }) => {
      await history();
      expect((await events(PEOPLE.acmeSteward, filter)).map((e) => [e.action, e.subject])).toEqual(expected);
    });

    it('never widens a steward\'s scope: another partner, a researcher and anonymous callers are refused', async () => {
      await history();
      const other = await world.call(PEOPLE.acmeSteward, EVENTS, { filter: { partnerId: BETA } });
      expect(firstError(other)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/not a steward of beta-lab/) });
      expect(firstError(await world.call(PEOPLE.researcher, EVENTS, {}))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await world.call(PEOPLE.forgedSteward, EVENTS, {}))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await world.call(null, EVENTS, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
      // A steward filtering by another partner's dataset gets nothing of it.
      expect(await events(PEOPLE.acmeSteward, { datasetId: `${BETA}:ds-1` })).toEqual([]);
      // The board may narrow to one partner.
      expect((await events(PEOPLE.board, { partnerId: BETA })).map((e) => e.datasetId)).toEqual([`${BETA}:ds-1`, `${BETA}:ds-1`, `${BETA}:ds-1`]);
    });

    it('pages through every event exactly once, and refuses a cursor it did not give out', async () => {
      await history();
      const all = await events(PEOPLE.board);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const answer: GraphQLAnswer = await world.call(PEOPLE.board, EVENTS, { first: 3, after });
        const page: any = answer.data!.auditEvents;
        seen.push(...page.items.map((e: any) => `${e.seq}/${e.datasetId}/${e.field}/${e.outcome}`));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(seen).toEqual(all.map((e) => `${e.seq}/${e.datasetId}/${e.field}/${e.outcome}`));
      expect(firstError(await world.call(PEOPLE.board, EVENTS, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(firstError(await world.call(PEOPLE.board, EVENTS, { first: 1000 }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('ends a page early when its scan budget is spent, with a cursor to go on from', async () => {
      await start({ auditScanBudget: 2 });
      const reads = Array.from({ length: 5 }, (_, i) => read(`2026-11-24T12:00:0${i}Z`, `reader-${i}`, `${BETA}:ds-1`, `${BETA}:ds-1`));
      await world.postAudit(JSON.stringify({ entries: reads }));
      const ask = (after: string | null) => world.call(PEOPLE.acmeSteward, EVENTS, { filter: { subject: 'reader-0' }, first: 10, after });
      const first = (await ask(null)).data!.auditEvents;
      expect(first).toMatchObject({ items: [], hasNextPage: true, scannedRecords: 2 });
      const pages = [first];
      while (pages.at(-1)!.hasNextPage) pages.push((await ask(pages.at(-1)!.endCursor)).data!.auditEvents);
      // Five reads and the policy-version record, two records a page, the last page finding the trail's start.
      expect(pages.map((p) => p.items.map((e: any) => e.subject))).toEqual([[], [], ['reader-0'], []]);
    });
  });

  it('shows a researcher their own reads and the decisions on their requests, nobody else\'s', async () => {
    await start();
    await world.postAudit(JSON.stringify({
      entries: [read('2026-11-24T12:00:01Z', 'researcher-1', `${ACME}:ds-1`, `${ACME}:ds-3`), read('2026-11-24T12:00:02Z', 'researcher-2', `${ACME}:ds-1`, `${ACME}:ds-3`)],
    }));
    const requested = await world.call(PEOPLE.researcher, REQUEST, { ids: [`${BETA}:ds-1`] });
    await world.call(PEOPLE.betaSteward, DECIDE, { requestId: requested.data!.requestAccess.id, partnerId: BETA, decision: 'DENY' });
    const answer = await world.call(PEOPLE.researcher, HISTORY, { first: 50 });
    expect(answer.data!.myAccessHistory.items.map((e: any) => [e.action, e.subject, e.datasetId])).toEqual([
      ['DECISION', 'steward-beta', `${BETA}:ds-1`],
      ['REQUEST', 'researcher-1', `${BETA}:ds-1`],
      ['READ', 'researcher-1', `${ACME}:ds-1`],
      ['READ', 'researcher-1', `${ACME}:ds-3`],
      ['READ', 'researcher-1', null],
    ]);
    expect(firstError(await world.call(null, HISTORY, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('shows a member the suspension of their verified organisation, and not one whose organisation is not vouched for', async () => {
    await start();
    await world.call(PEOPLE.board, 'mutation { suspendAccess(organisation: "uni-leiden", reason: "Breach of the DUA") { at } }');
    await world.call(PEOPLE.board, 'mutation { suspendAccess(organisation: "tu-delft", reason: "Another") { at } }');
    const actions = async (who: typeof PEOPLE.researcher) => (await world.call(who, HISTORY, { first: 50 })).data!.myAccessHistory.items.map((e: any) => [e.action, e.subject]);
    expect(await actions(PEOPLE.researcher)).toEqual([['SUSPENSION', 'board-1']]);
    // The same org claim, not vouched for by the identity provider, counts for nothing.
    expect(await actions(PEOPLE.otherResearcher)).toEqual([]);
  });

  it('keeps an act the trail could not take, reports not ready, and appends it in order once the trail is back', async () => {
    let down = false;
    const flaky = new InMemoryAuditLog();
    const append = flaky.append.bind(flaky);
    flaky.append = async (entries) => {
      if (down) throw new Error('connection lost');
      return append(entries);
    };
    await start({ audit: flaky });
    await expect.poll(async () => (await flaky.head())?.seq).toBe(1);
    down = true;
    const requested = await world.call(PEOPLE.researcher, REQUEST, { ids: [`${ACME}:ds-1`] });
    expect(requested.errors).toBeUndefined();
    await world.call(PEOPLE.acmeSteward, DECIDE, { requestId: requested.data!.requestAccess.id, partnerId: ACME, decision: 'DENY' });
    expect(world.subgraph.auditOutbox.waiting).toBe(2);
    const ready = await fetch(world.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ auditWaiting: 2 });
    down = false;
    expect((await fetch(world.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
    expect((await flaky.read(1, 10)).map((r) => r.action)).toEqual(['policy-version', 'request', 'decision']);
    expect(await flaky.verify()).toMatchObject({ ok: true });
  });
});
