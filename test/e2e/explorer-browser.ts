import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

// Debian's chromium driven by playwright-core, headless, with a fresh profile per run and nothing
// reaching outside the machine; axe-core is injected from node_modules, never from a CDN.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<{ browser: Browser; userDataDir: string } & BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'concord-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS, headless: true, viewport: { width: 1280, height: 900 },
  });
  return {
    browser: context.browser()!, context, userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number }

/** axe-core's violations on the page as it is now; evaluated through the DevTools protocol, which the page's CSP does not govern. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
}

export function seriousOrWorse(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * One file's axe-core checks: each fails on a serious or critical violation, and every finding of
 * any impact is kept for the report the README's figures come from.
 */
export class AxeFindings {
  readonly #found = new Map<string, AxeViolation[]>();

  async check(page: Page, where: string): Promise<void> {
    const violations = await axeViolations(page);
    this.#found.set(where, violations);
    expect(seriousOrWorse(violations), `${where}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  /** One line per page checked, on stdout. */
  report(): void {
    for (const [where, violations] of this.#found) {
      process.stdout.write(`axe ${where}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ') : 'no violations'}\n`);
    }
  }
}

/** The JavaScript bytes a page's responses carried (as sent: gzipped when the gateway gzipped them), counted while `load` runs. */
export async function javaScriptBytes(page: Page, load: () => Promise<unknown>): Promise<number> {
  const counted: Promise<number>[] = [];
  const count = async (response: import('playwright-core').Response) => {
    if (!/\.js$/.test(new URL(response.url()).pathname)) return 0;
    return Number((await response.allHeaders())['content-length'] ?? (await response.body()).length);
  };
  const listener = (response: import('playwright-core').Response) => void counted.push(count(response));
  page.on('response', listener);
  await load();
  page.off('response', listener);
  // Each count reads the response's headers asynchronously: all of them are awaited, or a bundle
  // still being counted would be left out and the budget checked against too few bytes.
  return (await Promise.all(counted)).reduce((sum, bytes) => sum + bytes, 0);
}

/** Console messages that report a Content-Security-Policy violation. */
export function watchCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

export const explorerBuilt = (root: string) => existsSync(join(root, 'index.html')) && existsSync(join(root, 'graphiql.html'));
