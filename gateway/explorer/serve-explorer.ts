import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Logger } from '../../runtime/logger.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import type { ExplorerSettings } from './explorer-settings.js';
import { IssuerDiscovery } from './issuer-discovery.js';
import { StaticFiles, type StaticFile } from './static-files.js';

// The web explorer at / and GraphiQL at /graphiql (README "Explorer"), served from the files
// `npm run build` writes, with everything they load from this gateway: no CDN, works offline.
// GraphQL itself stays at /graphql.

export interface ExplorerRoute {
  path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

/** What the explorer reads at start: how to sign in. Public by nature; the demo tokens are not in it. */
export interface ExplorerClientSettings {
  graphqlPath: string;
  oidc: { issuer: string; clientId: string; scope: string } | null;
  demoPersonas: boolean;
}

/** GraphiQL's page carries this placeholder where each response's style nonce goes (explorer/graphiql.html). */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export function explorerRoutes(settings: ExplorerSettings, logger: Logger): ExplorerRoute[] {
  if (!settings.enabled) return [];
  const files = new StaticFiles(settings.root);
  const issuerOrigin = settings.oidc ? new URL(settings.oidc.issuer).origin : undefined;
  const discovery = settings.oidc ? new IssuerDiscovery({ issuer: settings.oidc.issuer, logger }) : null;
  const clientSettings: ExplorerClientSettings = { graphqlPath: '/graphql', oidc: settings.oidc, demoPersonas: settings.demoTokens !== null };
  const page = (name: string, policy: () => Promise<{ csp: string; nonce?: string }>) => async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const file = files.get(name);
    if (!file) return notBuilt(res, logger);
    const { csp, nonce } = await policy();
    res.setHeader('content-security-policy', csp);
    res.setHeader('cache-control', 'no-cache');
    if (nonce) return sendBody(res, 200, file.contentType, Buffer.from(file.body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce)));
    sendFile(req, res, file);
  };
  const routes: ExplorerRoute[] = [
    {
      path: '/',
      handle: page('index.html', async () => ({
        csp: contentSecurityPolicy({ ...(issuerOrigin ? { issuerOrigin } : {}), endpointOrigins: discovery ? await discovery.origins() : [] }),
      })),
    },
    {
      path: '/graphiql',
      handle: page('graphiql.html', async () => {
        const nonce = randomBytes(18).toString('base64');
        return { csp: contentSecurityPolicy({ styleNonce: nonce, dataFonts: true }), nonce };
      }),
    },
    {
      path: '/assets/:file',
      async handle(req, res) {
        const name = new URL(req.url ?? '/', 'http://explorer').pathname.slice('/assets/'.length);
        const file = files.get(`assets/${name}`);
        if (!file) return sendBody(res, 404, 'text/plain; charset=utf-8', Buffer.from('not found\n'));
        // Asset names carry a hash of their content: a new build makes new names.
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        sendFile(req, res, file);
      },
    },
    {
      path: '/explorer/settings.json',
      async handle(_req, res) {
        res.setHeader('cache-control', 'no-store');
        sendBody(res, 200, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(clientSettings)));
      },
    },
  ];
  const { demoTokens } = settings;
  if (demoTokens) {
    logger.warn('the explorer hands out the demo personas\' tokens at /explorer/demo-personas.json: fit for the local demo only');
    routes.push({
      path: '/explorer/demo-personas.json',
      async handle(_req, res) {
        res.setHeader('cache-control', 'no-store');
        const personas = [...demoTokens].map(([name, token]) => ({ name, token }));
        sendBody(res, 200, 'application/json; charset=utf-8', Buffer.from(JSON.stringify({ demoOnly: true, personas })));
      },
    });
  }
  return routes;
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: StaticFile): void {
  res.setHeader('vary', 'accept-encoding');
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) res.setHeader('content-encoding', 'gzip');
  sendBody(res, 200, file.contentType, gzip ? file.gzipped : file.body);
}

function sendBody(res: http.ServerResponse, status: number, contentType: string, body: Buffer): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', body.length);
  res.statusCode = status;
  res.end(body);
}

let saidNotBuilt = false;

/** A gateway started from a checkout whose explorer was not built still serves GraphQL; the page says what to do. */
function notBuilt(res: http.ServerResponse, logger: Logger): void {
  if (!saidNotBuilt) {
    saidNotBuilt = true;
    logger.warn('the explorer is not built: run npm run build to serve it at /');
  }
  sendBody(res, 404, 'text/plain; charset=utf-8', Buffer.from('The explorer is not built: run npm run build. GraphQL is served at /graphql.\n'));
}
