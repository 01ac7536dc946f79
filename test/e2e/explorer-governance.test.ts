import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORER_ROOT } from '../../gateway/explorer/explorer-settings.js';
import { personaClaims, type PersonaName } from '../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { tokenFor } from '../harness/tokens.js';
import { AxeFindings, CHROMIUM_PATH, explorerBuilt, launchBrowser, watchCspViolations, type BrowserSession } from './explorer-browser.js';

// The explorer's governance pages in a real headless Chromium against the demo federation (issue 14):
// the analyst's grant on "My access", the steward revoking it from the inbox, the field locked again,
// the steward's trust marks, the board's suspension and reinstatement, and its review of grants. The request and its approval
// go through GraphQL over HTTP with the personas' tokens: their pages are tested in explorer.test.ts.
// No test leans on another having run: each works in a tab of its own and makes the grants it looks
// at, for a project title of its own, so any one of them runs alone (npx vitest run -t).

/** The subgraphs share two cores with the rest of the suite and the browser: the harness's 5 s would fail a query, not the explorer. */
const SUBGRAPH_TIMEOUT_MS = 30_000;
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DATASET = 'northbridge-hospital:ds-022';
const PARTNER = 'northbridge-hospital';
const PERSONAS: PersonaName[] = ['analyst', 'steward', 'board'];
/** Each browser step, and each test, under the full suite on two loaded cores (as in explorer.test.ts). */
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 120_000;

describe.runIf(existsSync(CHROMIUM_PATH))('the explorer\'s governance pages in Chromium', () => {
  let federation: DemoFederation;
  let browser: BrowserSession & { close(): Promise<void> };
  let page: Page;
  let origin: string;
  let cspViolations: string[];
  const tokens = new Map<string, string>();
  const axe = new AxeFindings();

  const graphql = async <T>(persona: PersonaName, query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(persona)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`${persona}: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data!;
  };

  beforeAll(async () => {
    if (!explorerBuilt(DEFAULT_EXPLORER_ROOT)) throw new Error('the explorer is not built: run npm run build first');
    for (const name of PERSONAS) tokens.set(name, await tokenFor(personaClaims(name)!, 3600));
    federation = await startDemoFederation({}, { explorer: { enabled: true, root: DEFAULT_EXPLORER_ROOT, demoTokens: tokens, oidc: null }, subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS });
    origin = new URL(federation.gatewayUrl).origin;
    browser = await launchBrowser();
  }, 120_000);

  // A tab of its own for each test (the persona chosen is kept in the tab's sessionStorage), and no
  // Content-Security-Policy violation in any of them.
  beforeEach(async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    cspViolations = watchCspViolations(page);
  });
  afterEach(async () => {
    await page.close();
    expect(cspViolations).toEqual([]);
  });

  /** The analyst asks for DATASET for a project, and the steward approves: the grant and the request. */
  const grantedToTheAnalyst = async (projectTitle: string): Promise<{ grantId: string; requestId: string }> => {
    const asked = await graphql<{ requestAccess: { id: string } }>('analyst', `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [DATASET], projectTitle, justification: 'Describe the sepsis cohort of the hospital records.', acceptedDuties: ['COL'], acceptedTerms: ['LicenseRef-NUH-DUA-2.1'] },
    });
    const decided = await graphql<{ decideAccessRequest: { grants: { id: string }[] } }>('steward', `mutation($requestId: ID!, $partnerId: ID!) {
      decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: APPROVE, reason: "Within the DUA", grantDays: 200) { grants { id } }
    }`, { requestId: asked.requestAccess.id, partnerId: PARTNER });
    return { grantId: decided.decideAccessRequest.grants[0]!.id, requestId: asked.requestAccess.id };
  };
  /** The steward revokes a grant through GraphQL, as the inbox does. */
  const revokedBySteward = (grantId: string, reason: string) =>
    graphql('steward', 'mutation($grantId: ID!, $reason: String!) { revokeGrant(grantId: $grantId, reason: $reason) { id } }', { grantId, reason });

  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const checkAxe = (where: string) => axe.check(page, where);
  const actAs = async (persona: PersonaName) => {
    if (!page.url().startsWith(origin)) {
      await page.goto(`${origin}/`);
      await page.waitForSelector('#persona');
    }
    await page.selectOption('#persona', persona);
    await page.waitForFunction((name) => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('concord-explorer-persona') === name, persona);
  };
  const open = async (hash: string, ready: string) => {
    await page.goto(`${origin}/${hash}`);
    await page.waitForSelector(ready);
  };
  const navLinks = () => page.locator('nav[aria-label=Main] a').allTextContents();
  const grantRow = (grantId: string) => page.locator(`tr[data-grant="${grantId}"]`);

  it('shows the analyst the grant, its terms and the history on My access', async () => {
    // The analyst asks, the steward approves: one grant, on the dataset the analyst could not read.
    const { grantId, requestId } = await grantedToTheAnalyst('Readmission after sepsis');
    await actAs('analyst');
    expect(await navLinks()).toContain('My access');
    expect(await navLinks()).not.toContain('Trust marks');
    expect(await navLinks()).not.toContain('Suspensions');
    await open('#/access', `tr[data-grant="${grantId}"]`);
    expect(await grantRow(grantId).getAttribute('data-grant-state')).toBe('active');
    expect(await grantRow(grantId).textContent()).toMatch(/Active until \d{4}-\d{2}-\d{2}/);
    expect(await grantRow(grantId).textContent()).toContain('LicenseRef-NUH-DUA-2.1');
    // This request's rows of the history (other tests' requests may be there too).
    const history = page.locator('table.history');
    const decision = history.locator('tr[data-history-action="DECISION"]').filter({ hasText: requestId });
    await decision.first().waitFor();
    expect(await decision.first().textContent()).toMatch(/demo-steward approved request-.*Within the DUA/);
    expect(await history.locator('tr[data-history-action="REQUEST"]').filter({ hasText: requestId }).count()).toBe(1);
    await shoot('30-analyst-my-access');
    await checkAxe('my access');
    // The grant opens the dataset.
    await open(`#/dataset/${encodeURIComponent(DATASET)}`, '[data-field="sampleRecords"]');
    await expect.poll(async () => (await page.locator('[data-field="sampleRecords"]').getAttribute('class')) ?? '').not.toContain('is-locked');
  }, TEST_TIMEOUT);

  it('lets the steward revoke the grant from the inbox\'s approved requests, with a reason', async () => {
    const project = 'Sepsis cohort study';
    const { grantId } = await grantedToTheAnalyst(project);
    await actAs('steward');
    await open('#/inbox', 'h1');
    await page.getByLabel('Show').selectOption('APPROVED');
    const card = page.locator('.card').filter({ hasText: project });
    await card.waitFor();
    await card.locator(`tr[data-grant="${grantId}"]`).waitFor();
    await checkAxe('steward inbox, approved');
    // Keyboard: the Revoke button opens the form and puts the focus in its reason.
    await card.getByRole('button', { name: `Revoke grant ${grantId} of ${DATASET}` }).focus();
    await page.keyboard.press('Enter');
    const reason = card.getByLabel(`Why revoke ${grantId}?`, { exact: false });
    await expect.poll(() => reason.evaluate((e) => e === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    // Sent without a reason: the error is next to the field, and nothing is sent.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const error = card.locator('.revoke-form .field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Give a reason');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    await shoot('31-steward-revoke-needs-a-reason');
    await reason.fill('The project ended early');
    await card.getByRole('button', { name: 'Revoke grant', exact: true }).click();
    const status = card.locator('.part-grants [role=status]');
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`Grant ${grantId} of ${DATASET} revoked on \\d{4}-\\d{2}-\\d{2}: demo-analyst no longer has access`));
    await expect.poll(() => card.locator(`tr[data-grant="${grantId}"]`).getAttribute('data-grant-state')).toBe('revoked');
    expect(await card.locator(`tr[data-grant="${grantId}"]`).textContent()).toMatch(/Revoked by demo-steward on \d{4}-\d{2}-\d{2}: The project ended early/);
    expect(await card.getByRole('button', { name: /^Revoke grant/ }).count()).toBe(0);
    await shoot('32-steward-grant-revoked');
    await checkAxe('steward inbox, revoked');
  }, TEST_TIMEOUT);

  it('shows the analyst the grant revoked, why, and the field locked again', async () => {
    // The field is locked again only if no other grant of the analyst opens the dataset: any left
    // active by another test is revoked first, then this test's own, as the steward would.
    const { grantId } = await grantedToTheAnalyst('Sepsis mortality audit');
    const { myGrants } = await graphql<{ myGrants: { id: string; datasetId: string; active: boolean }[] }>('analyst', 'query { myGrants { id datasetId active } }', {});
    for (const other of myGrants.filter((g) => g.active && g.datasetId === DATASET && g.id !== grantId)) await revokedBySteward(other.id, 'Superseded');
    await revokedBySteward(grantId, 'The project ended early');
    await actAs('analyst');
    await open('#/access', `tr[data-grant="${grantId}"]`);
    expect(await grantRow(grantId).getAttribute('data-grant-state')).toBe('revoked');
    expect(await grantRow(grantId).textContent()).toContain('Revoked by demo-steward');
    expect(await grantRow(grantId).textContent()).toContain('The project ended early');
    const revocation = page.locator('table.history tr[data-history-action="REVOCATION"]').filter({ hasText: `revoked ${grantId} of` });
    await revocation.first().waitFor();
    expect(await revocation.first().textContent()).toContain(`demo-steward revoked ${grantId} of the person demo-analyst`);
    await shoot('33-analyst-grant-revoked');
    await open(`#/dataset/${encodeURIComponent(DATASET)}`, '[data-locked-field="sampleRecords"]');
    expect(await page.locator('[data-locked-field="sampleRecords"]').textContent()).toContain('granted access');
    await shoot('34-analyst-field-locked-again');
  }, TEST_TIMEOUT);

  it('lets the steward add a trust mark and remove it', async () => {
    await actAs('steward');
    expect(await navLinks()).toContain('Trust marks');
    await open('#/trust', '#trust-organisation');
    await page.waitForSelector('text=No organisation is trusted.');
    // Nothing filled in: each field says what it lacks.
    await page.click('.trust-form button[type=submit]');
    await page.waitForSelector('#trust-organisation-error');
    expect(await page.textContent('#trust-organisation-error')).toContain('Name the organisation');
    expect(await page.textContent('#trust-dataClass-error')).toContain('Choose the data class');
    await page.fill('#trust-organisation', 'uni-leiden');
    await page.selectOption('#trust-dataClass', 'PROPRIETARY');
    await page.click('.trust-form button[type=submit]');
    const mark = page.locator('tr[data-trust-mark="uni-leiden/PROPRIETARY"]');
    await mark.waitFor();
    expect(await mark.textContent()).toContain('demo-steward');
    expect(await page.textContent('[role=status]')).toContain('uni-leiden is now trusted for data of class “Proprietary');
    expect(await page.locator('#trust-organisation-error').count()).toBe(0);
    await shoot('35-steward-trust-mark-added');
    await checkAxe('trust marks');
    await mark.getByRole('button', { name: /Remove the trust mark of uni-leiden/ }).click();
    await page.waitForSelector('text=No organisation is trusted.');
    expect(await page.textContent('[role=status]')).toContain('uni-leiden is no longer trusted');
    await shoot('36-steward-trust-mark-removed');
    // The audit trail has both changes.
    const changes = await graphql<{ auditEvents: { items: { detail: { key: string; value: string }[] }[] } }>('steward',
      'query { auditEvents(filter: { action: TRUST_CHANGE }) { items { detail { key value } } } }', {});
    expect(changes.auditEvents.items.map((e) => e.detail.find((d) => d.key === 'trusted')?.value)).toEqual(['false', 'true']);
  }, TEST_TIMEOUT);

  it('lets the board suspend an organisation and reinstate it, and shows the audit trail of both', async () => {
    await actAs('board');
    expect(await navLinks()).toContain('Suspensions');
    await open('#/suspensions', '#suspend-id');
    await page.waitForSelector('text=None recorded.');
    await page.click('.suspend-form button[type=submit]');
    await page.waitForSelector('#suspend-id-error');
    expect(await page.locator('.suspend-form .field-error').count()).toBe(2);
    await page.fill('#suspend-id', 'acme-analytics');
    await page.fill('#suspend-reason', 'Data shared outside the DUA');
    await page.click('.suspend-form button[type=submit]');
    await expect.poll(() => page.textContent('.suspend-form [role=status]')).toContain('Every grant of the organisation acme-analytics is suspended, by demo-board');
    await page.locator('table.suspension-events tr[data-audit-action="SUSPENSION"]').waitFor();
    expect(await page.textContent('.suspended-now')).toContain('the organisation acme-analytics');
    await shoot('37-board-suspended');
    await checkAxe('suspensions');
    // Reinstating someone never suspended says so; then the organisation.
    await page.check('#reinstate-kind-subject');
    await page.fill('#reinstate-id', 'nobody-suspended');
    await page.click('.reinstate-form button[type=submit]');
    await expect.poll(() => page.textContent('.reinstate-form [role=status]')).toContain('The person nobody-suspended was not suspended: nothing was changed.');
    await page.check('#reinstate-kind-organisation');
    await page.fill('#reinstate-id', 'acme-analytics');
    await page.click('.reinstate-form button[type=submit]');
    await expect.poll(() => page.textContent('.reinstate-form [role=status]')).toContain('The suspension of the organisation acme-analytics is lifted');
    await page.locator('table.suspension-events tr[data-audit-action="REINSTATEMENT"]').waitFor();
    expect(await page.locator('.suspended-now').count()).toBe(0);
    await page.waitForSelector('text=Nobody.');
    await shoot('38-board-reinstated');
    await checkAxe('suspensions, reinstated');
  }, TEST_TIMEOUT);

  it('lets the board revoke a grant drawn for review, and shows plainly the gateway\'s refusal of an unknown grant', async () => {
    const { grantId: second } = await grantedToTheAnalyst('Sepsis follow-up');
    await actAs('board');
    await open('#/board', `table.grant-review tr[data-grant="${second}"]`);
    const review = page.locator('section[aria-labelledby=review-heading]');
    // The board's by-id form: an id the governance subgraph does not know is refused in its own words.
    await review.locator('#revoke-by-id-grantId').fill('grant-unknown');
    await review.locator('#revoke-by-id-reason').fill('Named in a complaint');
    await review.locator('.revoke-by-id-form button[type=submit]').click();
    await expect.poll(() => review.locator('.revoke-by-id-form [role=alert]').textContent()).toBe('The gateway refused: No grant grant-unknown');
    const row = review.locator(`tr[data-grant="${second}"]`);
    await row.getByRole('button', { name: /^Revoke grant/ }).click();
    await row.getByLabel(`Why revoke ${second}?`, { exact: false }).fill('Drawn for review: the project ended');
    await row.getByRole('button', { name: 'Revoke grant', exact: true }).click();
    await expect.poll(() => review.locator('[role=status]').first().textContent()).toContain(`Grant ${second} of ${DATASET} revoked`);
    // Revoked, it is no longer active, so no longer drawn.
    await row.waitFor({ state: 'detached' });
    await shoot('39-board-grant-review');
    await checkAxe('board, grants to review');
    const [mine] = (await graphql<{ myGrants: { id: string; revocation: { by: string; reason: string } | null }[] }>('analyst', 'query { myGrants { id revocation { by reason } } }', {})).myGrants.filter((g) => g.id === second);
    expect(mine?.revocation).toEqual({ by: 'demo-board', reason: 'Drawn for review: the project ended' });
    expect(cspViolations).toEqual([]);
  }, TEST_TIMEOUT);

  it('keeps every new page usable 375 px wide', async () => {
    // An approved request, so that the analyst's history and the steward's approved requests have rows.
    await grantedToTheAnalyst('Antibiotic stewardship review');
    const narrow = await browser.context.newPage();
    narrow.setDefaultTimeout(STEP_TIMEOUT);
    try {
      await narrow.setViewportSize({ width: 375, height: 812 });
      await narrow.goto(`${origin}/`);
      for (const [persona, hash, ready] of [
        ['analyst', '#/access', 'table.history'], ['steward', '#/trust', '#trust-organisation'], ['steward', '#/inbox', '.card'],
        ['board', '#/suspensions', '#suspend-id'], ['board', '#/board', '#revoke-by-id-grantId'],
      ] as const) {
        await narrow.selectOption('#persona', persona);
        if (persona === 'steward' && hash === '#/inbox') {
          await narrow.goto(`${origin}/${hash}`);
          await narrow.getByLabel('Show').selectOption('APPROVED');
        } else {
          await narrow.goto(`${origin}/${hash}`);
        }
        await narrow.waitForSelector(ready);
        expect(await narrow.evaluate('document.documentElement.scrollWidth'), hash).toBeLessThanOrEqual(375);
      }
    } finally {
      await narrow.close();
    }
  }, TEST_TIMEOUT);

  afterAll(() => axe.report());
});
