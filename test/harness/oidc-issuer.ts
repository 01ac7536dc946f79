import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AuthnConfig } from '../../gateway/authn/authn-config.js';
import type { TokenClaims } from '../../schema/identity-claims.js';

// Tests only: a real OpenID Connect issuer on loopback, made with the certified oidc-provider
// library, for the explorer's sign-in (issue 14, "Signing in"): the authorization-code flow with
// PKCE (RFC 7636) for a public client, a login form that checks a password, and access tokens that
// are RS256 JWTs (RFC 9068) for the gateway as resource server (RFC 8707), carrying Concord's
// identity claims (ARCHITECTURE.md "Identity and organisation claims"). The gateway verifies them
// through the issuer's jwks_uri, as it would a production issuer's.
//
// Concord's `scope` claim carries roles (consortium:member, steward:<partner>...). Here they are
// OAuth scopes of the gateway's resource server: a client asks for the roles it needs, and the
// issuer grants the ones the person holds and refuses the others, so the access token's `scope`
// names only roles the issuer vouches for.

export interface IssuerPerson {
  login: string;
  password: string;
  /** The subject every token names: opaque and stable, as an OpenID Connect subject should be (OpenID Connect Core §2). */
  sub: string;
  name: string;
  /** Concord's claims other than `sub` and `scope`, written into every access token for this person. */
  claims: Omit<TokenClaims, 'sub' | 'scope'>;
  /** The Concord role scopes the issuer grants this person when a client asks for them. */
  roles: readonly string[];
}

/** A person of the issuer made from Concord claims (e.g. a demo persona's): the roles are its `scope`. */
export function issuerPerson(claims: TokenClaims, account: { login: string; password: string; name: string; sub?: string }): IssuerPerson {
  const { sub: _sub, scope, ...rest } = claims;
  return {
    login: account.login,
    password: account.password,
    sub: account.sub ?? randomUUID(),
    name: account.name,
    claims: rest,
    roles: scope?.split(' ').filter(Boolean) ?? [],
  };
}

export interface IssuerOptions {
  /** The gateway's audience (its JWT_AUDIENCE), also the resource indicator its tokens are issued for. An absolute URI. */
  audience: string;
  people: readonly IssuerPerson[];
  /** The Concord roles clients may ask for; by default every role of every person. */
  roles?: readonly string[];
  accessTokenSeconds?: number;
}

export interface ExplorerClient {
  clientId: string;
  /** Where the issuer sends the person back: the explorer's page, the gateway's `/`. */
  redirectUri: string;
}

/** What the browser sent to the issuer, as the issuer read it. */
export interface AuthorizationRequestSeen { clientId: string; scope: string; codeChallenge: string | null; codeChallengeMethod: string | null; state: string | null }
export interface TokenRequestSeen { grantType: string; clientId: string; codeVerifier: string | null; origin: string | null }
export interface EndSessionRequestSeen { idTokenHint: boolean; clientId: string | null; postLogoutRedirectUri: string | null }

export interface RunningIssuer {
  /** The issuer identifier (OIDC_ISSUER, JWT_ISSUER). */
  url: string;
  jwksUri: string;
  audience: string;
  /** How a gateway verifies this issuer's access tokens. */
  authn(): AuthnConfig;
  /** Registers the explorer as a public client and starts answering; until then every request gets 503. */
  registerClient(client: ExplorerClient): void;
  authorizationRequests: AuthorizationRequestSeen[];
  tokenRequests: TokenRequestSeen[];
  endSessionRequests: EndSessionRequestSeen[];
  failedLogins: number;
  close(): Promise<void>;
}

/** S256 of RFC 7636 §4.2: what a code challenge must be for the verifier sent later. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export async function startOidcIssuer(options: IssuerOptions): Promise<RunningIssuer> {
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('no client registered yet\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const issuer: RunningIssuer = {
    url,
    jwksUri: `${url}/jwks`,
    audience: options.audience,
    authn: () => ({
      configured: true, issuer: url, audience: options.audience, keys: { kind: 'jwks-url', url: new URL(`${url}/jwks`) },
      algorithms: ['RS256'], clockToleranceSeconds: 30, maxTokenBytes: 8192,
    }),
    registerClient(client) {
      const provider = createProvider(url, { ...key, kid: 'test-issuer-1', alg: 'RS256', use: 'sig' }, options, client, issuer);
      const callback = provider.callback();
      handler = (req, res) => {
        const { pathname: path, searchParams } = new URL(req.url ?? '/', url);
        if (path === '/session/end' && req.method === 'GET') {
          issuer.endSessionRequests.push({
            idTokenHint: searchParams.has('id_token_hint'), clientId: searchParams.get('client_id'), postLogoutRedirectUri: searchParams.get('post_logout_redirect_uri'),
          });
        }
        if (path.startsWith('/interaction/')) return void interaction(provider, options.people, issuer, req, res, path);
        callback(req, res);
      };
    },
    authorizationRequests: [],
    tokenRequests: [],
    endSessionRequests: [],
    failedLogins: 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return issuer;
}

const OIDC_SCOPES = ['openid', 'profile'];

function createProvider(url: string, signingKey: object, options: IssuerOptions, client: ExplorerClient, issuer: RunningIssuer): Provider {
  const people = new Map(options.people.map((p) => [p.sub, p]));
  const roles = options.roles ?? [...new Set(options.people.flatMap((p) => p.roles))];
  const explorerOrigin = new URL(client.redirectUri).origin;
  const configuration: Configuration = {
    clients: [{
      client_id: client.clientId,
      // A browser application keeps no secret: a public client, bound to its exchange by PKCE.
      token_endpoint_auth_method: 'none',
      redirect_uris: [client.redirectUri],
      post_logout_redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: OIDC_SCOPES,
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    // PKCE for every client, S256 being the only method this library offers.
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenSeconds ?? 600, IdToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource },
      resourceIndicators: {
        enabled: true,
        // oidc-client-ts sends no `resource` parameter: every token is for the gateway.
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== options.audience) throw new Error(`unknown resource ${indicator}`);
          return {
            scope: roles.join(' '),
            audience: options.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenSeconds ?? 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: person.name, preferred_username: person.login }) };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const person = people.get((token as { accountId?: string }).accountId ?? '');
      return person ? { ...person.claims } : undefined;
    },
    // The explorer is this issuer's own first-party client: no consent screen. The grant holds the
    // OpenID scopes asked for and, of the roles asked for, those the person holds; the others are
    // recorded as refused, so they are neither granted nor asked about.
    loadExistingGrant: async (ctx) => grantFor(ctx, people),
    clientBasedCORS: (_ctx, origin, c) => c.clientId === client.clientId && origin === explorerOrigin,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([k, v]) => `<p><strong>${escape(k)}</strong>: ${escape(String(v))}</p>`).join('')}`);
    },
  };
  const provider = new Provider(url, configuration);
  provider.on('authorization.accepted', (ctx: KoaContextWithOIDC) => {
    const params = ctx.oidc.params ?? {};
    issuer.authorizationRequests.push({
      clientId: String(params.client_id ?? ''), scope: String(params.scope ?? ''),
      codeChallenge: stringOrNull(params.code_challenge), codeChallengeMethod: stringOrNull(params.code_challenge_method), state: stringOrNull(params.state),
    });
  });
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const params = ctx.oidc.params ?? {};
    issuer.tokenRequests.push({
      grantType: String(params.grant_type ?? ''), clientId: ctx.oidc.client?.clientId ?? '', codeVerifier: stringOrNull(params.code_verifier),
      origin: stringOrNull(ctx.get('origin') || null),
    });
  });
  return provider;
}

async function grantFor(ctx: KoaContextWithOIDC, people: Map<string, IssuerPerson>) {
  const accountId = ctx.oidc.account?.accountId;
  const clientId = ctx.oidc.client?.clientId;
  if (!accountId || !clientId) return undefined;
  const existingId = ctx.oidc.session?.grantIdFor(clientId);
  const grant = (existingId ? await ctx.oidc.provider.Grant.find(existingId) : undefined) ?? new ctx.oidc.provider.Grant({ accountId, clientId });
  const requested = [...ctx.oidc.requestParamScopes];
  grant.addOIDCScope(requested.filter((s) => OIDC_SCOPES.includes(s)).join(' '));
  const held = new Set(people.get(accountId)?.roles ?? []);
  for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
    const asked = requested.filter((s) => server.scopes.has(s));
    const granted = asked.filter((s) => held.has(s));
    const refused = asked.filter((s) => !held.has(s));
    if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
    if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
  }
  await grant.save();
  return grant;
}

/** The login form and its answer: the only interaction this issuer has, since consent is implied (see loadExistingGrant). */
async function interaction(provider: Provider, people: readonly IssuerPerson[], issuer: RunningIssuer, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // Only reached if the grant above could not settle the request: refuse rather than guess.
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: `unexpected prompt ${details.prompt.name}` }, { mergeWithLastSubmission: false });
      return;
    }
    const action = `/interaction/${details.uid}/login`;
    if (req.method === 'POST' && path === action) {
      const form = new URLSearchParams(await readBody(req));
      const person = people.find((p) => p.login === form.get('login') && p.password === form.get('password'));
      if (person) {
        await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      issuer.failedLogins++;
      return sendPage(res, 200, loginPage(action, String(details.params.client_id ?? ''), form.get('login') ?? '', 'Wrong login or password.'));
    }
    sendPage(res, 200, loginPage(action, String(details.params.client_id ?? ''), '', null));
  } catch (error) {
    sendPage(res, 400, page('Sign-in error', `<h1>Sign-in error</h1><p>${escape((error as Error).message)}</p>`));
  }
}

function loginPage(action: string, clientId: string, login: string, problem: string | null): string {
  return page('Sign in to the test issuer', `
    <h1>Sign in to the test issuer</h1>
    <p>to continue to <strong>${escape(clientId)}</strong></p>
    ${problem ? `<p role="alert" class="problem">${escape(problem)}</p>` : ''}
    <form method="post" action="${escape(action)}">
      <label for="login">Login</label>
      <input id="login" name="login" autocomplete="username" required value="${escape(login)}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>`);
}

/** RP-initiated logout's confirmation (OpenID Connect RP-Initiated Logout 1.0 §2), without the default page's web fonts. */
function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  ctx.body = page('Sign out', `
    <h1>Sign out of the test issuer?</h1>
    ${form}
    <button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
    <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin:.4rem 0}input{width:100%;padding:.4rem}.problem{color:#a00}</style>
</head><body><main>${body}</main></body></html>`;
}

function sendPage(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
