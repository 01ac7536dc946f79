import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORER_ROOT } from '../../gateway/explorer/explorer-settings.js';
import { personaClaims, type PersonaName } from '../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { tokenFor } from '../harness/tokens.js';
import { axeViolations, CHROMIUM_PATH, explorerBuilt, launchBrowser, seriousOrWorse, watchCspViolations, type AxeViolation, type BrowserSession } from './explorer-browser.js';

// The explorer's governance pages in a real headless Chromium against the demo federation (issue 14):
// the analyst's grant on "My access", the steward revoking it from the inbox, the field locked again,
// the steward's trust marks, the board's suspension and reinstatement, and its review of grants. The request and its approval
// go through GraphQL over HTTP with the personas' tokens: their pages are tested in explorer.test.ts.

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DATASET = 'northbridge-hospital:ds-022';
const PARTNER = 'northbridge-hospital';
const PROJECT = 'Sepsis cohort study';
const PERSONAS: PersonaName[] = ['analyst', 'steward', 'board'];
const STEP_TIMEOUT = 60_000;

describe.runIf(existsSync(CHROMIUM_PATH))('the explorer\'s governance pages in Chromium', () => {
  let federation: DemoFederation;
  let browser: BrowserSession & { close(): Promise<void> };
  let page: Page;
  let origin: string;
  let cspViolations: string[];
  let grantId: string;
  const tokens = new Map<string, string>();
  const axeFindings = new Map<string, AxeViolation[]>();

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
    federation = await startDemoFederation({}, { explorer: { enabled: true, root: DEFAULT_EXPLORER_ROOT, demoTokens: tokens, oidc: null } });
    origin = new URL(federation.gatewayUrl).origin;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    cspViolations = watchCspViolations(page);

    // The analyst asks, the steward approves: one grant, on the dataset the analyst could not read.
    grantId = await grantedToTheAnalyst(PROJECT);
  }, 120_000);

  /** The analyst's request for DATASET, approved by the steward: the grant's id. */
  const grantedToTheAnalyst = async (projectTitle: string): Promise<string> => {
    const asked = await graphql<{ requestAccess: { id: string } }>('analyst', `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [DATASET], projectTitle, justification: 'Describe the sepsis cohort of the hospital records.', acceptedDuties: ['COL'], acceptedTerms: ['LicenseRef-NUH-DUA-2.1'] },
    });
    const decided = await graphql<{ decideAccessRequest: { grants: { id: string }[] } }>('steward', `mutation($requestId: ID!, $partnerId: ID!) {
      decideAccessRequest(requestId: $requestId, partnerId: $partnerId, decision: APPROVE, reason: "Within the DUA", grantDays: 200) { grants { id } }
    }`, { requestId: asked.requestAccess.id, partnerId: PARTNER });
    return decided.decideAccessRequest.grants[0]!.id;
  };

  afterAll(async () => {
    await browser?.close();
    await federation?.close();
  });

  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const checkAxe = async (where: string) => {
    const violations = await axeViolations(page);
    axeFindings.set(where, violations);
    expect(seriousOrWorse(violations), `${where}: ${JSON.stringify(violations)}`).toEqual([]);
  };
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
  const grantRow = () => page.locator(`tr[data-grant="${grantId}"]`);

  it('shows the analyst the grant, its terms and the history on My access', async () => {
    await actAs('analyst');
    expect(await navLinks()).toContain('My access');
    expect(await navLinks()).not.toContain('Trust marks');
    expect(await navLinks()).not.toContain('Suspensions');
    await open('#/access', `tr[data-grant="${grantId}"]`);
    expect(await grantRow().getAttribute('data-grant-state')).toBe('active');
    expect(await grantRow().textContent()).toMatch(/Active until \d{4}-\d{2}-\d{2}/);
    expect(await grantRow().textContent()).toContain('LicenseRef-NUH-DUA-2.1');
    const history = page.locator('table.history');
    await history.locator('tr[data-history-action="DECISION"]').first().waitFor();
    expect(await history.locator('tr[data-history-action="DECISION"]').first().textContent()).toMatch(/demo-steward approved request-.*Within the DUA/);
    expect(await history.locator('tr[data-history-action="REQUEST"]').count()).toBe(1);
    await shoot('30-analyst-my-access');
    await checkAxe('my access');
    // The grant opens the dataset.
    await open(`#/dataset/${encodeURIComponent(DATASET)}`, '[data-field="sampleRecords"]');
    await expect.poll(async () => (await page.locator('[data-field="sampleRecords"]').getAttribute('class')) ?? '').not.toContain('is-locked');
  });

  it('lets the steward revoke the grant from the inbox\'s approved requests, with a reason', async () => {
    await actAs('steward');
    await open('#/inbox', 'h1');
    await page.getByLabel('Show').selectOption('APPROVED');
    const card = page.locator('.card').filter({ hasText: PROJECT });
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
  });

  it('shows the analyst the grant revoked, why, and the field locked again', async () => {
    await actAs('analyst');
    await open('#/access', `tr[data-grant="${grantId}"]`);
    expect(await grantRow().getAttribute('data-grant-state')).toBe('revoked');
    expect(await grantRow().textContent()).toContain('Revoked by demo-steward');
    expect(await grantRow().textContent()).toContain('The project ended early');
    const revocation = page.locator('table.history tr[data-history-action="REVOCATION"]');
    await revocation.first().waitFor();
    expect(await revocation.first().textContent()).toContain(`demo-steward revoked ${grantId} of the person demo-analyst`);
    await shoot('33-analyst-grant-revoked');
    await open(`#/dataset/${encodeURIComponent(DATASET)}`, '[data-locked-field="sampleRecords"]');
    expect(await page.locator('[data-locked-field="sampleRecords"]').textContent()).toContain('granted access');
    await shoot('34-analyst-field-locked-again');
  });

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
  });

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
  });

  it('lets the board revoke a grant drawn for review, and shows plainly the gateway\'s refusal of an unknown grant', async () => {
    const second = await grantedToTheAnalyst('Sepsis follow-up');
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
  });

  it('keeps every new page usable 375 px wide', async () => {
    const narrow = await browser.context.newPage();
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
  });

  afterAll(() => {
    for (const [where, violations] of axeFindings) {
      process.stdout.write(`axe ${where}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'no violations'}\n`);
    }
  });
});
