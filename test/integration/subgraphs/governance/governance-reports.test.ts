import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../runtime/audit/audit-record.js';
import { POLICY_SET } from '../../../../schema/policy/policy-set.js';
import { ACME, ACME_LICENCE, BETA, firstError, PEOPLE, startGovernanceWorld, type GovernanceWorld } from './governance-world.js';

// The compliance sample, the compliance report and the provider report as GraphQL queries (issue
// "Audit", items 4 and 5): who may ask, the figures of a small known history, and nothing personal
// in what the board publishes.

const REQUEST = `mutation R($ids: [ID!]!, $duties: [String!], $terms: [String!]) {
  requestAccess(input: { datasetIds: $ids, projectTitle: "Sleep", justification: "A cohort study.", acceptedDuties: $duties, acceptedTerms: $terms }) { id }
}`;
const DECIDE = `mutation D($requestId: ID!, $partnerId: ID!, $decision: DecisionOutcome!, $reason: String!) {
  decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: $decision, reason: $reason) { status }
}`;
const COMPLIANCE = `query C($period: String!) {
  complianceReport(period: $period) {
    period { label from to } deadlineDays
    partners { partnerId received decided approved denied denialsByReason { key count } accessDenialsByReason { key count } activeGrantsAtEnd }
    total { partnerId received decided }
    markdown svg
  }
}`;
const PROVIDER = `query P($partnerId: ID!, $period: String!) {
  providerReport(partnerId: $partnerId, period: $period) {
    partnerId bucket buckets datasets { datasetId reads organisations licences { key count } purposeCategories { key count } } grantsGiven organisationsGranted markdown svg
  }
}`;
const SAMPLE = `query S($size: Int!, $seed: String) {
  complianceSample(size: $size, seed: $seed) { seed population grants { grantId datasetId partnerId grantee { kind id } weight reasons } }
}`;

function read(subject: string, organisation: string, datasetId: string): AuditEntry {
  return {
    at: '2026-11-24T12:05:00Z', action: 'read', subject, organisation, purpose: 'general', partnerIds: [ACME], datasetIds: [datasetId],
    fields: [{ field: 'AcmeLabsDataset.sampleRecords', datasetIds: [datasetId], outcome: 'allow' }],
    policyVersion: POLICY_SET.version, mode: 'enforce', clientName: null, requestId: null, detail: {},
  };
}

describe('governance reports', () => {
  let world: GovernanceWorld;
  beforeEach(async () => {
    world = await startGovernanceWorld();
    // Acme approves one request and denies another (coded reason); Beta gets one it leaves pending.
    // ds-3 asks for its COL duty and its own licence, which the grant then records.
    const first = await world.call(PEOPLE.researcher, REQUEST, { ids: [`${ACME}:ds-3`], duties: ['COL'], terms: [ACME_LICENCE] });
    await world.call(PEOPLE.acmeSteward, DECIDE, { requestId: first.data!.requestAccess.id, partnerId: ACME, decision: 'APPROVE', reason: 'Fits the cohort' });
    const second = await world.call(PEOPLE.otherResearcher, REQUEST, { ids: [`${ACME}:ds-7`] });
    await world.call(PEOPLE.acmeSteward, DECIDE, { requestId: second.data!.requestAccess.id, partnerId: ACME, decision: 'DENY', reason: 'OUT_OF_SCOPE: not a health project' });
    await world.call(PEOPLE.otherResearcher, REQUEST, { ids: [`${BETA}:ds-1`] });
    await world.postAudit(JSON.stringify({ entries: [read('researcher-1', 'uni-leiden', `${ACME}:ds-3`), read('researcher-1', 'uni-leiden', `${ACME}:ds-3`), read('someone', 'tu-delft', `${ACME}:ds-3`)] }));
  });
  afterEach(async () => { await world?.close(); });

  it('gives the board the compliance report of a period, per partner, with its Markdown and chart, naming nobody', async () => {
    const answer = await world.call(PEOPLE.board, COMPLIANCE, { period: '2026-Q4' });
    expect(answer.errors).toBeUndefined();
    const report = answer.data!.complianceReport;
    expect(report.period).toEqual({ label: '2026-Q4', from: '2026-10-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    const acme = report.partners.find((p: any) => p.partnerId === ACME);
    const beta = report.partners.find((p: any) => p.partnerId === BETA);
    expect(acme).toMatchObject({ received: 2, decided: 2, approved: 1, denied: 1, denialsByReason: [{ key: 'OUT_OF_SCOPE', count: 1 }], activeGrantsAtEnd: 1 });
    expect(beta).toMatchObject({ received: 1, decided: 0 });
    expect(report.total).toMatchObject({ partnerId: null, received: 3, decided: 2 });
    expect(report.markdown).toContain('# Compliance report 2026-Q4');
    expect(report.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    for (const personal of ['researcher-1', 'researcher-2', 'steward-acme', 'uni-leiden', 'tu-delft', 'not a health project', 'Fits the cohort']) {
      expect(report.markdown).not.toContain(personal);
      expect(report.svg).not.toContain(personal);
    }
  });

  it('gives a partner\'s stewards its provider report: reads, organisations and licences of its datasets', async () => {
    const answer = await world.call(PEOPLE.acmeSteward, PROVIDER, { partnerId: ACME, period: '2026-11' });
    expect(answer.errors).toBeUndefined();
    const report = answer.data!.providerReport;
    expect(report).toMatchObject({ partnerId: ACME, bucket: 'week', grantsGiven: 1, organisationsGranted: 1 });
    expect(report.datasets[0]).toMatchObject({ datasetId: `${ACME}:ds-3`, reads: 3, organisations: 2, purposeCategories: [{ key: 'general', count: 3 }] });
    expect(report.datasets[0].licences).toEqual([{ key: ACME_LICENCE, count: 1 }]);
    expect(report.markdown).toContain(`${ACME}:ds-3`);
    expect(report.svg).toContain('<svg');
  });

  it('draws the same compliance sample for the same seed, and says which seed it drew with', async () => {
    const one = await world.call(PEOPLE.board, SAMPLE, { size: 5, seed: 'board-2026-11' });
    const two = await world.call(PEOPLE.board, SAMPLE, { size: 5, seed: 'board-2026-11' });
    expect(one.errors).toBeUndefined();
    expect(one.data).toEqual(two.data);
    expect(one.data!.complianceSample).toMatchObject({ seed: 'board-2026-11', population: 1 });
    expect(one.data!.complianceSample.grants[0]).toMatchObject({ datasetId: `${ACME}:ds-3`, grantee: { kind: 'PERSON', id: 'researcher-1' } });
    expect(one.data!.complianceSample.grants[0].reasons.length).toBeGreaterThan(0);
    const unseeded = await world.call(PEOPLE.board, SAMPLE, { size: 5 });
    expect(unseeded.data!.complianceSample.seed).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    { name: 'a steward the compliance report', who: 'acmeSteward', query: COMPLIANCE, variables: { period: '2026-Q4' }, code: 'FORBIDDEN' },
    { name: 'a researcher the sample', who: 'researcher', query: SAMPLE, variables: { size: 1 }, code: 'FORBIDDEN' },
    { name: 'another partner\'s steward a provider report', who: 'betaSteward', query: PROVIDER, variables: { partnerId: ACME, period: '2026-Q4' }, code: 'FORBIDDEN' },
    { name: 'anonymous callers a provider report', who: null, query: PROVIDER, variables: { partnerId: ACME, period: '2026-Q4' }, code: 'UNAUTHENTICATED' },
    { name: 'a period that is not one', who: 'board', query: COMPLIANCE, variables: { period: '2026-Q5' }, code: 'BAD_USER_INPUT' },
    { name: 'an unknown partner', who: 'board', query: PROVIDER, variables: { partnerId: 'nobody', period: '2026' }, code: 'BAD_USER_INPUT' },
    { name: 'a sample of none', who: 'board', query: SAMPLE, variables: { size: 0 }, code: 'BAD_USER_INPUT' },
  ] as const)('refuses $name', async ({ who, query, variables, code }) => {
    const answer = await world.call(who ? PEOPLE[who] : null, query, variables);
    expect(firstError(answer)?.code).toBe(code);
    expect(answer.data).toBeNull();
  });

  it('lets the board see any partner\'s provider report', async () => {
    const answer = await world.call(PEOPLE.board, PROVIDER, { partnerId: BETA, period: '2026' });
    expect(answer.data!.providerReport).toMatchObject({ partnerId: BETA, bucket: 'month', grantsGiven: 0 });
  });
});
