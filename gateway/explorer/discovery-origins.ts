// Which origins the explorer's page must be allowed to connect to, read from the OpenID Connect
// issuer's discovery document (OpenID Connect Discovery 1.0 §3 and §4). In the browser,
// oidc-client-ts reads that document from the issuer's origin, then POSTs the authorization code
// to `token_endpoint` and may GET `userinfo_endpoint`; some issuers serve those from another origin
// than the issuer's (README "Explorer"), which the page's connect-src must then name.
// Pure: the gateway fetches and caches the document elsewhere (issuer-discovery.ts).

/** The endpoints of the discovery document the explorer's page fetches, in the order they are added to connect-src. */
export const BROWSER_ENDPOINTS = ['token_endpoint', 'userinfo_endpoint'] as const;

export type BrowserEndpoint = (typeof BROWSER_ENDPOINTS)[number];

export type DiscoveryReading =
  | {
      ok: true;
      /** Origins to add to connect-src: deduplicated, without the issuer's own origin (already there). */
      origins: string[];
      /** One entry per endpoint that was given but left out, naming its field and why. */
      ignored: { field: BrowserEndpoint; reason: string }[];
    }
  | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * A host that a CSP source expression can name as it is (W3C CSP Level 3 §2.3.1, host-source:
 * letters, digits, dashes and dots, or a bracketed IPv6 address). The WHATWG URL parser lets
 * characters such as `;` and `'` through in a host, and those would end or change the policy.
 */
const CSP_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

/**
 * The rule OIDC_ISSUER follows (explorer-settings.ts): https, or http on loopback only, since
 * anyone on the path could otherwise answer for the issuer; and a host a policy can name.
 */
export function isSecureOrLoopback(url: URL): boolean {
  if (!CSP_HOST.test(url.hostname)) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/**
 * Reads a discovery document (its body as received) for the issuer `issuer` (OIDC_ISSUER).
 * The document is refused as a whole when it is not a JSON object or names another issuer
 * (Discovery §4.3); an endpoint that is not an https URL (http only on loopback) is left out,
 * and said so.
 */
export function readDiscoveryOrigins(body: string, issuer: string): DiscoveryReading {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, reason: 'it is not a JSON object' };
  const fields = document as Record<string, unknown>;
  if (typeof fields.issuer !== 'string') return { ok: false, reason: 'it has no issuer' };
  // Discovery §4.1 has the client drop one trailing slash from the issuer before appending the
  // well-known path (explorer-settings.ts drops it from OIDC_ISSUER too), and issuers differ in
  // whether theirs keeps it: that slash is the only difference tolerated.
  if (withoutTrailingSlash(fields.issuer) !== withoutTrailingSlash(issuer)) {
    return { ok: false, reason: `its issuer "${clip(fields.issuer)}" is not OIDC_ISSUER "${issuer}" (OpenID Connect Discovery 1.0 §4.3)` };
  }
  const issuerOrigin = new URL(issuer).origin;
  const origins: string[] = [];
  const ignored: { field: BrowserEndpoint; reason: string }[] = [];
  for (const field of BROWSER_ENDPOINTS) {
    const value = fields[field];
    if (value === undefined) continue;
    const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null;
    if (!url) {
      ignored.push({ field, reason: `${field} is not a URL` });
      continue;
    }
    // http on loopback only for an issuer that is itself on loopback (a local test issuer): a public
    // issuer's document must not open the page to the visitor's own machine.
    const loopbackIssuer = new URL(issuer).protocol === 'http:';
    if (!isSecureOrLoopback(url) || (url.protocol === 'http:' && !loopbackIssuer)) {
      ignored.push({ field, reason: `${field} "${clip(value as string)}" is not an https:// URL (http:// only for 127.0.0.1 or localhost, and only for an issuer there)` });
      continue;
    }
    if (url.origin !== issuerOrigin && !origins.includes(url.origin)) origins.push(url.origin);
  }
  return { ok: true, origins, ignored };
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/** What the issuer sent, cut short for a log line. */
function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
