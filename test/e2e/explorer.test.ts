import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORER_ROOT } from '../../gateway/explorer/explorer-settings.js';
import { personaClaims, type PersonaName } from '../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { tokenFor } from '../harness/tokens.js';
import { axeViolations, CHROMIUM_PATH, explorerBuilt, javaScriptBytes, launchBrowser, seriousOrWorse, watchCspViolations, type AxeViolation, type BrowserSession } from './explorer-browser.js';

// The explorer in a real headless Chromium against the demo federation (real HTTP between the
// gateway, the index, the governance subgraph and every partner), as a person would use it:
// search with a typo and a facet; a restricted dataset locked for an anonymous visitor; the analyst
// requests access, the steward approves, the analyst reads the field; the steward's audit view shows
// the read (issue 14, "Tests"). Each step's screenshot is written under test/e2e/screenshots/.

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DATASET = 'northbridge-hospital:ds-022';
const PERSONAS: PersonaName[] = ['researcher', 'analyst', 'steward', 'board'];
const STEP_TIMEOUT = 60_000;

describe.runIf(existsSync(CHROMIUM_PATH))('the explorer in Chromium', () => {
  let federation: DemoFederation;
  let browser: BrowserSession & { close(): Promise<void> };
  let page: Page;
  let origin: string;
  let cspViolations: string[];
  const axeFindings = new Map<string, AxeViolation[]>();

  beforeAll(async () => {
    if (!explorerBuilt(DEFAULT_EXPLORER_ROOT)) throw new Error('the explorer is not built: run npm run build first');
    const demoTokens = new Map<string, string>();
    for (const name of PERSONAS) demoTokens.set(name, await tokenFor(personaClaims(name)!, 3600));
    federation = await startDemoFederation({}, { explorer: { enabled: true, root: DEFAULT_EXPLORER_ROOT, demoTokens, oidc: null } });
    origin = new URL(federation.gatewayUrl).origin;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    cspViolations = watchCspViolations(page);
  }, 120_000);

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
  const actAs = async (persona: PersonaName | 'anonymous') => {
    await page.selectOption('#persona', persona);
    await page.waitForFunction((name) => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('concord-explorer-persona') === name, persona);
  };
  const openDataset = async () => {
    await page.goto(`${origin}/#/dataset/${encodeURIComponent(DATASET)}`);
    await page.waitForSelector('[data-field="sampleRecords"]');
  };

  it('lists the catalog with its facets on first load, under a CSP without unsafe-inline', async () => {
    let response: Awaited<ReturnType<Page['goto']>> = null;
    const firstLoad = await javaScriptBytes(page, async () => {
      response = await page.goto(`${origin}/`);
      await page.waitForSelector('.result-list .result');
    });
    // Issue 14: at most 200 KB of JavaScript, gzipped, on first load.
    expect(firstLoad).toBeGreaterThan(0);
    expect(firstLoad).toBeLessThanOrEqual(200 * 1024);
    process.stdout.write(`first load of /: ${(firstLoad / 1024).toFixed(1)} KB of JavaScript gzipped\n`);
    const csp = (response as unknown as { headers(): Record<string, string> }).headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.waitForSelector('.result-list .result');
    expect(await page.textContent('#results-heading')).toMatch(/^\d+ datasets/);
    expect(await page.locator('.facet').count()).toBeGreaterThanOrEqual(5);
    // Readable labels: the data class facet speaks words, the use conditions carry DUO labels.
    expect(await page.textContent('.facets')).toContain('Proprietary');
    expect(await page.textContent('.facets')).toMatch(/general research use \(GRU\)/);
    await shoot('01-catalog');
    await checkAxe('search page');
  });

  it('finds datasets despite a typo and narrows them with a facet', async () => {
    await page.fill('#q', 'temperture');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /for “temperture”/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#results-heading')?.textContent ?? ''));
    await page.waitForSelector('.result');
    const titles = await page.locator('.result h3').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.some((t) => /temperature/i.test(t))).toBe(true);
    const before = await page.textContent('#results-heading');
    const facet = page.locator('.facet').filter({ hasText: 'Year issued' }).locator('input[type=checkbox]').first();
    await facet.check();
    await page.waitForFunction((previous) => {
      const heading = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#results-heading')?.textContent;
      return heading !== previous && !/Searching/.test(heading ?? '');
    }, before);
    expect(page.url()).toMatch(/years=\d{4}/);
    expect(await page.locator('.facet input:checked').count()).toBe(1);
    await shoot('02-search-typo-and-facet');
  });

  it('shows an anonymous visitor the restricted fields locked, each with its reason', async () => {
    await openDataset();
    const locked = page.locator('[data-locked-field="sampleRecords"]');
    await expect.poll(() => locked.count()).toBe(1);
    expect(await locked.textContent()).toContain('Only signed-in members of the consortium may see this.');
    expect(await locked.textContent()).toContain('To unlock: Sign in.');
    expect(await page.locator('[data-locked-field="contactPoint"]').textContent()).toContain('permission');
    await shoot('03-anonymous-locked-fields');
    await checkAxe('dataset page');
  });

  it('lets the analyst request access from the form the denial prefilled', async () => {
    await actAs('analyst');
    await page.waitForSelector('.request-form');
    expect(await page.locator('[data-locked-field="sampleRecords"]').textContent()).toContain('granted access');
    // Sending it empty names every problem next to its field.
    await page.click('.request-form button[type=submit]');
    await page.waitForSelector('#projectTitle-error');
    expect(await page.locator('.request-form .field-error').count()).toBe(4);
    await page.fill('#projectTitle', 'Readmission model');
    await page.fill('#justification', 'Train a readmission risk model on the hospital records.');
    await page.check('#duty-COL');
    await page.check('#term-LicenseRef-NUH-DUA-2\\.1');
    await page.click('.request-form button[type=submit]');
    await page.waitForSelector('.notice[role=status]');
    expect(await page.textContent('.notice[role=status]')).toMatch(/northbridge-hospital pending/);
    await shoot('04-analyst-requests-access');
  });

  it('lets the steward approve the request from the inbox', async () => {
    await actAs('steward');
    await page.goto(`${origin}/#/inbox`);
    const card = page.locator('.card').filter({ hasText: 'Readmission model' });
    await card.waitFor();
    await checkAxe('steward inbox');
    await card.locator('input[id^=grant-]').fill('400');
    await card.locator('textarea[id^=reason-]').fill('Within the DUA');
    await shoot('05-steward-inbox');
    await card.locator('button[type=submit]').click();
    await page.waitForSelector('text=Nothing here.');
  });

  it('shows the analyst the field once granted', async () => {
    await actAs('analyst');
    await openDataset();
    const field = page.locator('[data-field="sampleRecords"]');
    await expect.poll(async () => (await field.getAttribute('class')) ?? '').not.toContain('is-locked');
    expect(await field.locator('code').count()).toBeGreaterThan(0);
    await shoot('06-analyst-sees-the-field');
  });

  it('shows the steward the analyst\'s read in the audit view', async () => {
    await actAs('steward');
    await page.goto(`${origin}/#/audit?dataset=${encodeURIComponent(DATASET)}`);
    const allowedRead = page.locator('tr[data-audit-action="READ"][data-audit-outcome="ALLOW"]').filter({ hasText: 'demo-analyst' });
    await allowedRead.first().waitFor();
    expect(await page.locator('tr[data-audit-action="DECISION"]').filter({ hasText: 'demo-steward' }).count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-audit-action="READ"][data-audit-outcome="DENY"]').filter({ hasText: 'demo-analyst' }).count()).toBeGreaterThan(0);
    await shoot('07-steward-audit-view');
    await checkAxe('audit view');
    expect(cspViolations).toEqual([]);
  });

  it('is usable 375 px wide', async () => {
    const narrow = await browser.context.newPage();
    try {
      await narrow.setViewportSize({ width: 375, height: 812 });
      await narrow.goto(`${origin}/`);
      await narrow.waitForSelector('.result-list .result');
      expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      // The filters are folded so the results come first; they open on request.
      expect(await narrow.locator('.facets details').getAttribute('open')).toBeNull();
      expect(await narrow.locator('.result').first().isVisible()).toBe(true);
      await narrow.screenshot({ path: join(SCREENSHOTS, '08-search-375px.png'), fullPage: false });
      await narrow.click('.facets summary');
      await narrow.locator('.facet').first().waitFor();
      const violations = await axeViolations(narrow);
      axeFindings.set('search page at 375 px', violations);
      expect(seriousOrWorse(violations)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it('can be used with the keyboard alone: tab to the search box, search, tab to a result', async () => {
    const keyboard = await browser.context.newPage();
    const focused = () => keyboard.evaluate("(() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('href') || e.tagName) : '' })()") as Promise<string>;
    try {
      await keyboard.goto(`${origin}/`);
      await keyboard.waitForSelector('.result-list .result');
      let presses = 0;
      while ((await focused()) !== 'q' && presses < 20) { await keyboard.keyboard.press('Tab'); presses++; }
      expect(await focused()).toBe('q');
      await keyboard.keyboard.type('permafrost');
      await keyboard.keyboard.press('Enter');
      await keyboard.waitForSelector('text=for “permafrost”');
      presses = 0;
      while (!(await focused()).startsWith('#/dataset/') && presses < 80) { await keyboard.keyboard.press('Tab'); presses++; }
      const target = await focused();
      expect(target).toMatch(/^#\/dataset\//);
      await keyboard.keyboard.press('Enter');
      await keyboard.waitForSelector('[data-field="sampleRecords"]');
      expect(keyboard.url()).toContain(target);
    } finally {
      await keyboard.close();
    }
  });

  it('serves GraphiQL from the gateway at /graphiql, with a token field', async () => {
    const graphiql = await browser.context.newPage();
    const violations = watchCspViolations(graphiql);
    try {
      let csp = '';
      const bytes = await javaScriptBytes(graphiql, async () => {
        const response = await graphiql.goto(`${origin}/graphiql`);
        csp = response!.headers()['content-security-policy'] ?? '';
        await graphiql.waitForSelector('#token');
        await graphiql.waitForSelector('.graphiql-container');
        await graphiql.waitForSelector('.monaco-editor');
      });
      process.stdout.write(`first load of /graphiql: ${(bytes / 1024).toFixed(1)} KB of JavaScript gzipped, workers included\n`);
      expect(csp).not.toContain('unsafe-inline');
      await graphiql.fill('#token', 'not-a-token');
      await graphiql.click('.graphiql-execute-button');
      await graphiql.waitForSelector('text=UNAUTHENTICATED');
      await graphiql.fill('#token', '');
      await graphiql.click('.graphiql-execute-button');
      await graphiql.waitForSelector('text=totalCount');
      await graphiql.screenshot({ path: join(SCREENSHOTS, '09-graphiql.png') });
      // The policy holds: no script is refused. Monaco also sets a few style attributes, which the
      // policy refuses (only <style> elements with the nonce are allowed); the editor works without them.
      expect(violations.filter((v) => !/^Applying inline style/.test(v))).toEqual([]);
      process.stdout.write(`GraphiQL: ${violations.length} inline style attributes refused by the CSP\n`);
    } finally {
      await graphiql.close();
    }
  });

  afterAll(() => {
    // The figures the README quotes: every axe finding per page, whatever its impact.
    for (const [where, violations] of axeFindings) {
      process.stdout.write(`axe ${where}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'no violations'}\n`);
    }
  });
});
