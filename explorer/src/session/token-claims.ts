// What the explorer shows about the signed-in person, read from their token's payload. Display only:
// the gateway verifies every token, and the explorer never decides access from these claims.

export interface TokenView {
  subject: string | null;
  organisation: string | null;
  scopes: string[];
  /** Seconds since the epoch. */
  expiresAt: number | null;
}

export function tokenView(token: string): TokenView | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(new TextDecoder().decode(base64UrlBytes(payload))) as Record<string, unknown>;
    return {
      subject: typeof json.sub === 'string' ? json.sub : null,
      organisation: typeof json.org === 'string' ? json.org : null,
      scopes: typeof json.scope === 'string' ? json.scope.split(/\s+/).filter(Boolean) : [],
      expiresAt: typeof json.exp === 'number' ? json.exp : null,
    };
  } catch {
    return null;
  }
}

function base64UrlBytes(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The partners whose steward the token says the person is (scope steward:<id>). */
export function stewardPartners(view: TokenView | null): string[] {
  return (view?.scopes ?? []).filter((s) => s.startsWith('steward:')).map((s) => s.slice('steward:'.length));
}

export function isBoard(view: TokenView | null): boolean {
  return (view?.scopes ?? []).includes('consortium:board');
}
