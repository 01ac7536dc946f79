/** The endpoint as reports show it: without credentials or query string, which may hold secrets of their own. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(the given URL)';
  }
}
