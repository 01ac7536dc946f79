import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORER, type ExplorerSettings } from '../../../../gateway/explorer/explorer-settings.js';
import { NONCE_PLACEHOLDER } from '../../../../gateway/explorer/serve-explorer.js';
import { silentLogger } from '../../../../runtime/logger.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

// The explorer's routes on a real gateway (the demo federation in-process), over a small build of
// its own: the pages with their Content-Security-Policy, assets, settings and the demo's tokens.

describe('the gateway serving the explorer', () => {
  let folder: string;
  let withDemo: DemoFederation;
  let base: string;

  const start = (explorer: Partial<ExplorerSettings>) => startDemoFederation({ logger: silentLogger }, { explorer: { ...DEFAULT_EXPLORER, root: folder, ...explorer } });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'concord-explorer-'));
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>explorer</title><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(join(folder, 'graphiql.html'), `<meta name="csp-nonce" content="${NONCE_PLACEHOLDER}">`);
    writeFileSync(join(folder, 'assets', 'index-abc.js'), 'console.log("explorer");'.repeat(50));
    withDemo = await start({ demoTokens: new Map([['analyst', 'a.b.c']]) });
    base = new URL(withDemo.gatewayUrl).origin;
  });

  afterAll(async () => {
    await withDemo?.close();
    removeFolder(folder);
  });

  it('serves / with a Content-Security-Policy that allows nothing inline', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("font-src 'self';");
    expect(csp).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>explorer</title>');
  });

  it('gives /graphiql a fresh style nonce in its page and its policy on every response', async () => {
    const nonces = await Promise.all([1, 2].map(async () => {
      const response = await fetch(`${base}/graphiql`);
      const nonce = /content="([^"]+)"/.exec(await response.text())![1]!;
      expect(response.headers.get('content-security-policy')).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(response.headers.get('content-security-policy')).toContain("font-src 'self' data:");
      return nonce;
    }));
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(nonces[0]).not.toBe(NONCE_PLACEHOLDER);
  });

  it('serves assets gzipped when asked, cached for good, and nothing outside the folder', async () => {
    // node:http, which leaves the body as sent (fetch would unzip it).
    const response = await new Promise<{ headers: http.IncomingHttpHeaders; status: number; body: Buffer }>((resolve, reject) => {
      http.get(`${base}/assets/index-abc.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(Number(response.headers['content-length'])).toBeLessThan(200);
    expect(gunzipSync(response.body).toString()).toContain('console.log');
    expect((await fetch(`${base}/assets/index-abc.js`, { headers: { 'accept-encoding': 'identity' } })).headers.get('content-encoding')).toBeNull();
    for (const path of ['/assets/..%2Findex.html', '/assets/missing.js', '/assets/.env', '/assets/index-abc.exe']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it('tells the explorer how to sign in, and hands out the demo tokens only when configured', async () => {
    expect(await (await fetch(`${base}/explorer/settings.json`)).json()).toEqual({ graphqlPath: '/graphql', oidc: null, demoPersonas: true });
    const personas = await fetch(`${base}/explorer/demo-personas.json`);
    expect(personas.headers.get('cache-control')).toBe('no-store');
    expect(await personas.json()).toEqual({ demoOnly: true, personas: [{ name: 'analyst', token: 'a.b.c' }] });
    const plain = await start({});
    try {
      const origin = new URL(plain.gatewayUrl).origin;
      expect((await fetch(`${origin}/explorer/demo-personas.json`)).status).toBe(404);
      expect((await (await fetch(`${origin}/explorer/settings.json`)).json() as { demoPersonas: boolean }).demoPersonas).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it('adds the issuer\'s origin to connect-src when signing in with OpenID Connect', async () => {
    // An issuer on a loopback port nothing listens on: the gateway asks it for its discovery
    // document (issuer-discovery.test.ts), and this test must not leave the machine.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const oidc = await start({ oidc: { issuer: `http://127.0.0.1:${port}/realms/concord`, clientId: 'explorer', scope: 'openid' } });
    try {
      const response = await fetch(`${new URL(oidc.gatewayUrl).origin}/`);
      expect(response.headers.get('content-security-policy')).toContain(`connect-src 'self' http://127.0.0.1:${port};`);
    } finally {
      await oidc.close();
    }
  });

  it('says how to build it when it is not built, and serves nothing when turned off; GraphQL stays', async () => {
    const unbuilt = await start({ root: join(folder, 'nowhere') });
    const off = await start({ enabled: false });
    try {
      const missing = await fetch(`${new URL(unbuilt.gatewayUrl).origin}/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('npm run build');
      expect((await fetch(`${new URL(off.gatewayUrl).origin}/`)).status).toBe(404);
      const graphql = await fetch(off.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ policy { version } }"}' });
      expect(graphql.status).toBe(200);
    } finally {
      await unbuilt.close();
      await off.close();
    }
  });
});
