// Partner catalogs supply the dataset's web addresses (landingPage, a distribution's accessUrl,
// downloadUrl and its service's endpointUrl: DCAT properties whose values are web resources). A
// partner not built on the partner kit can put anything there, and a `javascript:` or `data:` address
// as an href would run or show attacker-chosen content when followed; the explorer's CSP stops only
// part of that. So the explorer links an address only when it is an absolute http(s) URL, and shows
// anything else as plain text.

/**
 * The href to render for a partner-supplied address, or null when it must be shown as text only.
 * The href is the parsed, serialised URL, so the browser follows exactly the address checked here.
 */
export function httpHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // The URL parser drops leading and trailing spaces and control characters and removes tabs and
  // newlines anywhere ("java\tscript:"); a catalog address has none, so one that does is not linked.
  if (/[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value) return null;
  let url: URL;
  try {
    // No base: a relative path or a protocol-relative `//host` would resolve against the gateway,
    // which is not where the partner meant it to go.
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `https://trusted.example@elsewhere.example/` reads as one host and goes to another.
  if (url.username || url.password) return null;
  return url.href;
}
