import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORER } from '../../../../gateway/explorer/explorer-settings.js';
import { createLogger } from '../../../../runtime/logger.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

// The explorer page's connect-src on a real gateway (the demo federation in-process) signing in
// with an issuer on loopback whose token endpoint is on another origin, as some issuers' are
// (README "Explorer"): the gateway reads the issuer's discovery document and names that origin too.

interface Server {
  origin: string;
  discoveryReads: () => number;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closeServer = (server: http.Server) => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

/** An issuer that serves only its discovery document, pointing the token and userinfo endpoints at `endpointsOrigin`. */
async function startIssuer(endpointsOrigin: string): Promise<Server> {
  let reads = 0;
  let origin = '';
  const { server, origin: listening } = await listen((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    reads += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      issuer: origin,
      authorization_endpoint: `${origin}/auth`,
      token_endpoint: `${endpointsOrigin}/token`,
      userinfo_endpoint: `${endpointsOrigin}/me`,
      jwks_uri: `${origin}/jwks`,
    }));
  });
  origin = listening;
  return { origin, discoveryReads: () => reads, close: () => closeServer(server) };
}

describe('the explorer page allowing the issuer\'s endpoints on another origin', () => {
  let folder: string;
  let tokens: { server: http.Server; origin: string };
  let issuer: Server;
  const warnings: { msg: string; reason?: string }[] = [];
  const logger = createLogger('gateway', 'warn', { write: (line: string) => void warnings.push(JSON.parse(line) as { msg: string }) });

  const startGateway = (issuerUrl: string) => startDemoFederation({ logger }, {
    explorer: { ...DEFAULT_EXPLORER, root: folder, oidc: { issuer: issuerUrl, clientId: 'concord-explorer', scope: 'openid' } },
  });
  const connectSrc = (response: Response) => /connect-src ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'concord-explorer-'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>explorer</title>');
    writeFileSync(join(folder, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
    // The second origin only has to exist: the browser, not the gateway, would call it.
    tokens = await listen((_req, res) => void res.writeHead(404).end());
    issuer = await startIssuer(tokens.origin);
  });

  afterAll(async () => {
    await issuer?.close();
    if (tokens) await closeServer(tokens.server);
    removeFolder(folder);
  });

  it('names the token endpoint\'s origin next to the issuer\'s, reading the document once', async () => {
    const federation = await startGateway(issuer.origin);
    try {
      const gateway = new URL(federation.gatewayUrl).origin;
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${gateway}/`);
        expect(response.status).toBe(200);
        expect(connectSrc(response)).toBe(`'self' ${issuer.origin} ${tokens.origin}`);
      }
      expect(issuer.discoveryReads()).toBe(1);
      // GraphiQL signs nobody in: its policy stays its own.
      expect(connectSrc(await fetch(`${gateway}/graphiql`))).toBe("'self'");
    } finally {
      await federation.close();
    }
  });

  it('still serves the page with the issuer\'s origin only when the issuer is down, and says why', async () => {
    const gone = await listen(() => undefined);
    await closeServer(gone.server);
    warnings.length = 0;
    const federation = await startGateway(gone.origin);
    try {
      const response = await fetch(`${new URL(federation.gatewayUrl).origin}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>explorer</title>');
      expect(connectSrc(response)).toBe(`'self' ${gone.origin}`);
      const warning = warnings.find((w) => w.msg.includes('sign-in may be blocked'));
      expect(warning?.reason).toContain(`could not fetch ${gone.origin}/.well-known/openid-configuration`);
    } finally {
      await federation.close();
    }
  });
});
