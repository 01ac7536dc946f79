import type { ExplorerSettings } from './session.js';
import { anonymousBecause, sessionOf, type Session } from './session.js';
import { callbackProblem } from './sign-in-problems.js';

// Signing in with the configured OpenID Connect issuer: the authorization-code flow with PKCE
// (RFC 7636), done by oidc-client-ts. Loaded only when an issuer is configured, so the demo's
// first load does not carry it.

type OidcSettings = NonNullable<ExplorerSettings['oidc']>;

async function userManager(settings: OidcSettings) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const home = `${location.origin}/`;
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: 'code',
    scope: settings.scope,
    // The tab's storage: a token does not outlive the tab, nor is it shared with other tabs; nor is
    // a sign-in under way, so an answer from the issuer is finished only by the tab that asked.
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
}

/**
 * Finishes a sign-in when the issuer has just redirected back here, then returns the signed-in
 * session, if any. An answer this tab cannot finish (an unknown or reused `state`, an error from the
 * issuer, a refused code exchange) signs nobody in and comes back with a notice saying why; whoever
 * was signed in before stays so, since anyone can send a person a link with such an answer. The
 * answer's parameters leave the address bar either way, so that a reload does not replay them.
 */
export async function resumeOidcSession(settings: OidcSettings): Promise<Session | null> {
  const manager = await userManager(settings);
  const params = new URLSearchParams(location.search);
  let notice: string | null = null;
  if (params.has('state') && (params.has('code') || params.has('error'))) {
    let hash = location.hash;
    try {
      const signedIn = await manager.signinRedirectCallback();
      hash = returnPlace(signedIn.state) ?? hash;
    } catch (error) {
      notice = callbackProblem(params.get('error'), error instanceof Error ? error.message : String(error));
    } finally {
      history.replaceState(null, '', `${location.pathname}${hash}`);
    }
  }
  const user = await manager.getUser();
  if (!user || user.expired) return notice ? anonymousBecause(notice) : null;
  const { name, preferred_username: login, sub } = user.profile;
  const session = sessionOf('oidc', name ?? login ?? sub, user.access_token);
  return notice ? { ...session, notice } : session;
}

/**
 * Leaves for the issuer. The page the person was on is kept with the sign-in under way, in this
 * tab's storage (oidc-client-ts does not send it to the issuer), and they come back to it.
 */
export async function signIn(settings: OidcSettings): Promise<void> {
  const place: ReturnPlace = { returnTo: location.hash };
  await (await userManager(settings)).signinRedirect({ state: place });
}

interface ReturnPlace { returnTo: string }

/** Only an explorer route (README "Explorer": #/...) is returned to. */
function returnPlace(state: unknown): string | null {
  const returnTo = (state as Partial<ReturnPlace> | null | undefined)?.returnTo;
  return typeof returnTo === 'string' && returnTo.startsWith('#/') ? returnTo : null;
}

/**
 * Ends the session here and at the issuer (OpenID Connect RP-Initiated Logout 1.0). The ID token
 * goes along as id_token_hint, which oidc-client-ts takes from the stored user and then removes;
 * removing the user first would leave the issuer unable to tell whose session to end.
 */
export async function signOut(settings: OidcSettings): Promise<void> {
  const manager = await userManager(settings);
  await manager.signoutRedirect().catch(async () => {
    await manager.removeUser();
    location.assign('/');
  });
}

/** Forgets the signed-in person in this tab without asking the issuer: their token was refused, so a reload must not bring it back. */
export async function forgetUser(settings: OidcSettings): Promise<void> {
  await (await userManager(settings)).removeUser();
}
