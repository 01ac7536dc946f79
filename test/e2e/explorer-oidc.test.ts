import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuthnConfig } from '../../gateway/authn/authn-config.js';
import { DEFAULT_EXPLORER_ROOT, readExplorerSettings } from '../../gateway/explorer/explorer-settings.js';
import { MEMBER_SCOPE } from '../../schema/policy/principal.js';
import { personaClaims } from '../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../harness/demo-federation.js';
import { issuerPerson, s256, startOidcIssuer, type RunningIssuer } from '../harness/oidc-issuer.js';
import { axeViolations, CHROMIUM_PATH, explorerBuilt, launchBrowser, seriousOrWorse, watchCspViolations, type BrowserSession } from './explorer-browser.js';

// The explorer's OpenID Connect sign-in (issue 14, "Signing in") in a real headless Chromium,
// against a real issuer on loopback (test/harness/oidc-issuer.ts, oidc-provider): the person
// presses "Sign in", types a login and password at the issuer, comes back signed in, and the
// gateway honours the issuer's access token, verified through its jwks_uri, for a field only
// consortium members may see. The gateway and the explorer are configured from the same variables
// an operator sets (README "Explorer"): JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, OIDC_ISSUER,
// OIDC_CLIENT_ID, OIDC_SCOPE.

/** The subgraphs share two cores with the rest of the suite and the browser: the harness's 5 s would fail a query, not the explorer. */
const SUBGRAPH_TIMEOUT_MS = 30_000;
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** A dataset whose sampleRecords any signed-in member of the consortium may see, and nobody else. */
const DATASET = 'helix-therapeutics:ds-008';
const AUDIENCE = 'https://concord.test/graphql';
const CLIENT_ID = 'concord-explorer';
/** The analyst of the demo (README "One query, five personas") as an account of the issuer. */
const ANALYST = issuerPerson(personaClaims('analyst')!, {
  login: 'anna.weber', password: 'correct horse battery staple', name: 'Anna Weber', sub: '5f0c6a3e-8d2b-4f7a-9c1e-2b7d4e6a9f10',
});
/** Each browser step, and each test, under the full suite on two loaded cores (as in explorer.test.ts). */
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 120_000;

describe.runIf(existsSync(CHROMIUM_PATH))('the explorer signing in with an OpenID Connect issuer, in Chromium', () => {
  let issuer: RunningIssuer;
  let federation: DemoFederation;
  let browser: BrowserSession;
  let page: Page;
  let origin: string;
  let cspViolations: string[];
  /** The issuer's answer the browser last came back with, in this test's tab. */
  let callbackUrl = '';

  beforeAll(async () => {
    if (!explorerBuilt(DEFAULT_EXPLORER_ROOT)) throw new Error('the explorer is not built: run npm run build first');
    issuer = await startOidcIssuer({ audience: AUDIENCE, people: [ANALYST] });
    const env = {
      JWT_JWKS_URL: issuer.jwksUri, JWT_ISSUER: issuer.url, JWT_AUDIENCE: AUDIENCE, JWT_ALGORITHMS: 'RS256',
      OIDC_ISSUER: issuer.url, OIDC_CLIENT_ID: CLIENT_ID, OIDC_SCOPE: `openid profile ${MEMBER_SCOPE}`,
    };
    const authn = readAuthnConfig(env);
    federation = await startDemoFederation({}, { authn, explorer: readExplorerSettings(env, authn), subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS });
    origin = new URL(federation.gatewayUrl).origin;
    issuer.registerClient({ clientId: CLIENT_ID, redirectUri: `${origin}/` });
    browser = await launchBrowser();
  }, 120_000);

  // No test leans on another's sign-in or sign-out: each starts anonymous, in a tab of its own (the
  // explorer keeps the signed-in user and a sign-in under way in the tab's sessionStorage) and with
  // no session at the issuer (its cookies cleared), and signs in itself when it needs to.
  beforeEach(async () => {
    await page?.close();
    await browser.context.clearCookies();
    page = await freshTab();
    callbackUrl = '';
    cspViolations = watchCspViolations(page);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(`${origin}/?`) && new URL(frame.url()).searchParams.has('code')) callbackUrl = frame.url();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await federation?.close();
    await issuer?.close();
  });

  const freshTab = async () => {
    const tab = await browser.context.newPage();
    tab.setDefaultTimeout(STEP_TIMEOUT);
    return tab;
  };
  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const sampleRecords = () => page.locator('[data-field="sampleRecords"]');
  const openDataset = async () => {
    await page.goto(`${origin}/#/dataset/${encodeURIComponent(DATASET)}`);
    await sampleRecords().waitFor();
  };
  const graphql = (authorization?: string) => fetch(`${federation.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: `{ dataset(id: "${DATASET}") { id sampleRecords } }` }),
  });

  /** The access token the explorer holds in this tab: the issuer's, for the gateway. */
  const heldAccessToken = () => page.evaluate(() => {
    const storage = (globalThis as unknown as { sessionStorage: Storage }).sessionStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      if (key.startsWith('oidc.user:')) return (JSON.parse(storage.getItem(key)!) as { access_token: string }).access_token;
    }
    return '';
  });
  /** The analyst signs in at the issuer from the dataset page and comes back to it signed in: the token the explorer then holds. */
  const signIn = async (): Promise<string> => {
    await openDataset();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer.url}/interaction/`));
    await page.fill('#login', ANALYST.login);
    await page.fill('#password', ANALYST.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === origin);
    await page.getByText('Signed in as Anna Weber').waitFor();
    return heldAccessToken();
  };

  it('lets the explorer reach the issuer under its Content-Security-Policy, and shows a visitor the member-only field locked', async () => {
    const response = await page.goto(`${origin}/`);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${issuer.url.replace(/[.]/g, '\\.')}(;|$)`));
    expect(await (await fetch(`${origin}/explorer/settings.json`)).json()).toMatchObject({ oidc: { issuer: issuer.url, clientId: CLIENT_ID } });
    await openDataset();
    const locked = page.locator('[data-locked-field="sampleRecords"]');
    await locked.waitFor();
    expect(await locked.textContent()).toContain('Only signed-in members of the consortium may see this.');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }, TEST_TIMEOUT);

  it('signs the analyst in at the issuer with the authorization code and PKCE, and names her in the header', async () => {
    // What the issuer saw before this sign-in, so that only this one's requests are looked at below.
    const seen = { authorizations: issuer.authorizationRequests.length, tokens: issuer.tokenRequests.length, failedLogins: issuer.failedLogins };
    await openDataset();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer.url}/interaction/`));
    await page.locator('#login').waitFor();
    await page.fill('#login', ANALYST.login);
    await page.fill('#password', 'not her password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong login or password.').waitFor();
    expect(issuer.failedLogins - seen.failedLogins).toBe(1);
    await page.fill('#password', ANALYST.password);
    await shoot('20-oidc-issuer-login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === origin);
    await page.getByText('Signed in as Anna Weber').waitFor();
    // Back on the page she signed in from; the answer's code and state leave the address bar once used.
    expect(new URL(page.url()).search).toBe('');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/dataset/${DATASET}`);
    expect(callbackUrl).toMatch(/[?&]code=.+&?/);

    // The issuer's side of the exchange: the authorization request carried an S256 challenge, and the
    // token request, sent by the browser from the explorer's origin, the verifier that hashes to it.
    expect(issuer.authorizationRequests.slice(seen.authorizations)).toHaveLength(1);
    expect(issuer.tokenRequests.slice(seen.tokens)).toHaveLength(1);
    const [authorization] = issuer.authorizationRequests.slice(seen.authorizations);
    const [token] = issuer.tokenRequests.slice(seen.tokens);
    expect(authorization).toMatchObject({ clientId: CLIENT_ID, codeChallengeMethod: 'S256', scope: `openid profile ${MEMBER_SCOPE}` });
    expect(token).toMatchObject({ grantType: 'authorization_code', clientId: CLIENT_ID, origin });
    expect(token!.codeVerifier).toMatch(/^[\w.~-]{43,128}$/);
    expect(s256(token!.codeVerifier!)).toBe(authorization!.codeChallenge);

    // What the explorer holds: a JWT access token (RFC 9068) for the gateway, with the analyst's claims.
    const accessToken = await heldAccessToken();
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const { sub: _sub, scope: _scope, ...concordClaims } = personaClaims('analyst')!;
    expect(decodeJwt(accessToken)).toMatchObject({ iss: issuer.url, aud: AUDIENCE, sub: ANALYST.sub, scope: MEMBER_SCOPE, client_id: CLIENT_ID, ...concordClaims });
  }, TEST_TIMEOUT);

  it('shows the signed-in member the field that was locked, with no Content-Security-Policy violation on the way', async () => {
    await signIn();
    await sampleRecords().waitFor();
    await expect.poll(async () => (await sampleRecords().getAttribute('class')) ?? '').not.toContain('is-locked');
    expect(await sampleRecords().locator('code').count()).toBeGreaterThan(0);
    await page.getByText('Signed in as Anna Weber').waitFor();
    await shoot('21-oidc-signed-in');
    expect(seriousOrWorse(await axeViolations(page))).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, TEST_TIMEOUT);

  it('refuses a token the issuer did not sign, or one whose claims were changed after signing', async () => {
    const accessToken = await signIn();
    expect(accessToken).not.toBe('');
    const genuine = await graphql(`Bearer ${accessToken}`);
    expect(genuine.status).toBe(200);
    expect(((await genuine.json()) as { data: { dataset: { sampleRecords: unknown } } }).data.dataset.sampleRecords).not.toBeNull();

    // The same claims, header and key id, signed with a key the issuer never published.
    const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const foreign = await new SignJWT(decodeJwt(accessToken)).setProtectedHeader(decodeProtectedHeader(accessToken) as { alg: string }).sign(foreignKey);
    // The issuer's own signature over a payload that now claims a steward's role.
    const [header, , signature] = accessToken.split('.');
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(accessToken), scope: `${MEMBER_SCOPE} steward:northbridge-hospital` })).toString('base64url');
    const tampered = `${header}.${payload}.${signature}`;
    for (const token of [foreign, tampered]) {
      const response = await graphql(`Bearer ${token}`);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string; reason: string } }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token signature is invalid' });
    }
  }, TEST_TIMEOUT);

  it('signs out at the issuer and comes back anonymous, the field locked again', async () => {
    await signIn();
    const endSessions = issuer.endSessionRequests.length;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer.url}/session/end`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === origin);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Signed in as').count()).toBe(0);
    // The ID token went along as id_token_hint (OpenID Connect RP-Initiated Logout 1.0 §2), so the
    // issuer ended her session there too: signing in again asks for the password again.
    expect(issuer.endSessionRequests.slice(endSessions)).toEqual([{ idTokenHint: true, clientId: null, postLogoutRedirectUri: `${origin}/` }]);
    await openDataset();
    await page.locator('[data-locked-field="sampleRecords"]').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer.url}/interaction/`));
    await page.locator('#password').waitFor();
    expect(cspViolations).toEqual([]);
  }, TEST_TIMEOUT);

  it('signs nobody in when the issuer\'s answer is replayed or its state forged, and says so', async () => {
    // A genuine answer, already used to sign in; it is then replayed in another tab, anonymous, as
    // a link sent to someone would arrive (a tab signed in stays so: oidc-sign-in.ts).
    await signIn();
    expect(callbackUrl).not.toBe('');
    expect(cspViolations).toEqual([]);
    const signedInTab = page;
    page = await freshTab();
    await signedInTab.close();
    cspViolations = watchCspViolations(page);
    const exchanges = issuer.tokenRequests.length;
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0');
    for (const answer of [callbackUrl, forged.href]) {
      await page.goto(answer);
      const problem = page.locator('[data-sign-in-problem]');
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(/^Sign-in failed: this answer from the identity provider does not belong to a sign-in started in this tab, or was already used/);
      expect(await problem.getAttribute('role')).toBe('alert');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.getByText('Signed in as').count()).toBe(0);
      expect(new URL(page.url()).search).toBe('');
    }
    await page.screenshot({ path: join(SCREENSHOTS, '22-oidc-answer-refused.png') });
    // The explorer never sent the code to the issuer: a stolen or replayed code buys nothing here.
    expect(issuer.tokenRequests.length).toBe(exchanges);

    await page.goto(`${origin}/?error=access_denied&error_description=${encodeURIComponent('call 555-0100 to unlock')}&state=abc`);
    const problem = page.locator('[data-sign-in-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Sign-in failed: the identity provider did not sign you in (access_denied).');
    expect(seriousOrWorse(await axeViolations(page))).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, TEST_TIMEOUT);
});
