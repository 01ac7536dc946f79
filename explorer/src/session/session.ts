import { tokenView, type TokenView } from './token-claims.js';

// Who the explorer acts as: nobody (anonymous, no token), a demo persona (local demo only), or a
// person signed in with the configured OpenID Connect issuer.

export interface Session {
  kind: 'anonymous' | 'demo' | 'oidc';
  /** What the header shows: a persona's name or the person's subject. */
  name: string;
  token: string | null;
  view: TokenView | null;
  /** Why the session is anonymous when it was not meant to be (a sign-in that did not complete, a token that expired or was refused), shown in the header. */
  notice?: string;
}

export const ANONYMOUS: Session = { kind: 'anonymous', name: 'anonymous', token: null, view: null };

/** Nobody, with the reason the session is not someone's. */
export function anonymousBecause(notice: string): Session {
  return { ...ANONYMOUS, notice };
}

export function sessionOf(kind: 'demo' | 'oidc', name: string, token: string): Session {
  return { kind, name, token, view: tokenView(token) };
}

/** The settings the gateway serves at /explorer/settings.json (gateway/explorer/serve-explorer.ts). */
export interface ExplorerSettings {
  graphqlPath: string;
  oidc: { issuer: string; clientId: string; scope: string } | null;
  demoPersonas: boolean;
}

export async function loadSettings(): Promise<ExplorerSettings> {
  const response = await fetch('/explorer/settings.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the gateway answered ${response.status} for the explorer's settings`);
  return (await response.json()) as ExplorerSettings;
}
