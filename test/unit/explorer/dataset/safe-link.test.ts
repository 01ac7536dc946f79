import { describe, expect, it } from 'vitest';
import { httpHref } from '../../../../explorer/src/dataset/safe-link.js';

// The dataset page links a partner-supplied address only when it is an absolute http(s) URL
// (explorer/src/dataset/safe-link.ts); everything else is shown as text. Each row says why.
const CASES: [string, unknown, string | null][] = [
  ['an https landing page', 'https://data.example.org/ds/22', 'https://data.example.org/ds/22'],
  ['an http download', 'http://files.example.org/ds-022.csv', 'http://files.example.org/ds-022.csv'],
  ['a scheme in capitals, serialised as the browser would follow it', 'HTTPS://Data.Example.org/a b', 'https://data.example.org/a%20b'],
  ['a SPARQL endpoint with a port and a query', 'https://sparql.example.org:8443/query?q=1#x', 'https://sparql.example.org:8443/query?q=1#x'],
  ['javascript: runs script when followed', 'javascript:alert(document.cookie)', null],
  ['javascript: in mixed case is the same scheme', 'JaVaScRiPt:alert(1)', null],
  ['javascript: split by a tab, which the URL parser removes', 'java\tscript:alert(1)', null],
  ['javascript: behind a leading space, which the URL parser drops', ' javascript:alert(1)', null],
  ['javascript: behind a leading control character', '\u0001javascript:alert(1)', null],
  ['data: can carry a whole page', 'data:text/html,<script>alert(1)</script>', null],
  ['vbscript: is a script scheme too', 'vbscript:msgbox(1)', null],
  ['file: reaches the reader\'s own disk', 'file:///etc/passwd', null],
  ['mailto: is not a web address, which these DCAT properties must be', 'mailto:data@example.org', null],
  ['an absolute path would resolve against the gateway, not the partner', '/datasets/ds-022', null],
  ['a relative path likewise', 'ds-022.csv', null],
  ['a protocol-relative address needs a base, which the partner did not give', '//evil.example/x', null],
  ['an https address with a leading space is not what a catalog should send', '  https://data.example.org/', null],
  ['an https address with a trailing newline likewise', 'https://data.example.org/\n', null],
  ['credentials make one host read as another', 'https://data.example.org@evil.example/', null],
  ['no host', 'https://', null],
  ['empty', '', null],
  ['not a string', 42, null],
  ['an object', { href: 'https://data.example.org/' }, null],
];

describe('which partner-supplied addresses the dataset page links', () => {
  it.each(CASES)('%s', (_why, value, href) => {
    expect(httpHref(value)).toBe(href);
  });
});
