// The Content-Security-Policy of the explorer's pages (W3C CSP Level 3): scripts, styles and
// connections from the gateway's own origin only, never inline, so that injected markup cannot run.

export interface PagePolicyInput {
  /** The OpenID Connect issuer's origin: the explorer reads its discovery document and token endpoint. */
  issuerOrigin?: string;
  /**
   * The origins of the issuer's token and userinfo endpoints when they are not the issuer's, read
   * from its discovery document (issuer-discovery.ts): the explorer fetches them too.
   */
  endpointOrigins?: readonly string[];
  /**
   * A per-response nonce for <style> elements made at run time (GraphiQL's editor, Monaco, writes
   * its theme into them); without it styles come from files only.
   */
  styleNonce?: string;
  /** Fonts from data: URLs too: GraphiQL's stylesheet carries its fonts inline. A font cannot run code. */
  dataFonts?: boolean;
}

export function contentSecurityPolicy(input: PagePolicyInput = {}): string {
  const connect = ["'self'", ...new Set([...(input.issuerOrigin ? [input.issuerOrigin] : []), ...(input.endpointOrigins ?? [])])];
  const style = ["'self'", ...(input.styleNonce ? [`'nonce-${input.styleNonce}'`] : [])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${style.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "img-src 'self' data:",
    `font-src 'self'${input.dataFonts ? ' data:' : ''}`,
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
