import type { ExplorerSettings } from './session.js';
import { sessionOf, type Session } from './session.js';

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
    // The tab's storage: a token does not outlive the tab, nor is it shared with other tabs.
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
}

/** Finishes a sign-in when the issuer has just redirected back here, then returns the signed-in session, if any. */
export async function resumeOidcSession(settings: OidcSettings): Promise<Session | null> {
  const manager = await userManager(settings);
  const params = new URLSearchParams(location.search);
  if (params.has('code') && params.has('state')) {
    await manager.signinRedirectCallback();
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
  }
  const user = await manager.getUser();
  if (!user || user.expired) return null;
  return sessionOf('oidc', user.profile.preferred_username ?? user.profile.sub, user.access_token);
}

export async function signIn(settings: OidcSettings): Promise<void> {
  await (await userManager(settings)).signinRedirect();
}

export async function signOut(settings: OidcSettings): Promise<void> {
  const manager = await userManager(settings);
  await manager.removeUser();
  await manager.signoutRedirect().catch(() => location.assign('/'));
}
