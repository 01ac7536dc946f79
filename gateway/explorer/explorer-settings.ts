import { ConfigError, readEnum, type Env } from '../../runtime/env.js';
import { repositoryPath } from '../../schema/repository-files.js';
import type { AuthnConfig } from '../authn/authn-config.js';
import { isSecureOrLoopback } from './discovery-origins.js';

// The web explorer's settings (GET / and /graphiql; README "Explorer"), read once at start-up:
// where its built files are, the demo's persona tokens (local demo only) and the OpenID Connect
// issuer it signs people in with.

export interface OidcSettings {
  /** The issuer's URL, whose /.well-known/openid-configuration the explorer reads (OIDC_ISSUER). */
  issuer: string;
  /** The explorer's client id at that issuer, a public client using PKCE (OIDC_CLIENT_ID). */
  clientId: string;
  /** Scopes asked for (OIDC_SCOPE). */
  scope: string;
}

export interface ExplorerSettings {
  /** Serve the explorer at / and GraphiQL at /graphiql (EXPLORER_ENABLED, default true). */
  enabled: boolean;
  /** The folder `npm run build` writes the explorer into. */
  root: string;
  /**
   * The demo personas' tokens by persona name (EXPLORER_DEMO_TOKENS, set by `npm start`): served to
   * the explorer's persona switcher. Only with the demo's HS256 identity and never in production.
   */
  demoTokens: ReadonlyMap<string, string> | null;
  oidc: OidcSettings | null;
}

export const DEFAULT_EXPLORER_ROOT = repositoryPath('dist/explorer');

export const DEFAULT_EXPLORER: ExplorerSettings = { enabled: true, root: DEFAULT_EXPLORER_ROOT, demoTokens: null, oidc: null };

const PERSONA_NAME = /^[a-z][a-z0-9-]{0,31}$/;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const MAX_DEMO_TOKENS = 16;

/** Every explorer setting; a bad value stops start-up naming its variable. */
export function readExplorerSettings(env: Env, authn: AuthnConfig): ExplorerSettings {
  return {
    enabled: readEnum(env, 'EXPLORER_ENABLED', ['true', 'false'], 'true') === 'true',
    root: DEFAULT_EXPLORER_ROOT,
    demoTokens: readDemoTokens(env, authn),
    oidc: readOidc(env, authn),
  };
}

/**
 * Whoever loads the explorer gets these tokens, so they are accepted only where every token is a
 * demo token anyway: a gateway verifying with the demo's shared secret, outside production.
 */
function readDemoTokens(env: Env, authn: AuthnConfig): ReadonlyMap<string, string> | null {
  const raw = env.EXPLORER_DEMO_TOKENS;
  if (raw === undefined || raw === '') return null;
  if (env.NODE_ENV === 'production') throw new ConfigError('EXPLORER_DEMO_TOKENS is for the local demo and is refused when NODE_ENV=production');
  if (!authn.configured || authn.keys.kind !== 'hs256-secret') {
    throw new ConfigError('EXPLORER_DEMO_TOKENS needs the demo identity provider (JWT_HS256_SECRET); a gateway verifying with a JWKS must not hand out tokens');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('EXPLORER_DEMO_TOKENS must be a JSON object of persona name to token, e.g. {"analyst":"eyJ..."}; it is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('EXPLORER_DEMO_TOKENS must be a JSON object of persona name to token');
  }
  const entries = Object.entries(parsed);
  if (entries.length === 0 || entries.length > MAX_DEMO_TOKENS) throw new ConfigError(`EXPLORER_DEMO_TOKENS must name 1 to ${MAX_DEMO_TOKENS} personas, got ${entries.length}`);
  const tokens = new Map<string, string>();
  for (const [name, token] of entries) {
    if (!PERSONA_NAME.test(name)) throw new ConfigError(`EXPLORER_DEMO_TOKENS: persona name "${name.slice(0, 40)}" must be lower-case letters, digits and dashes`);
    if (typeof token !== 'string' || !JWT_SHAPE.test(token)) throw new ConfigError(`EXPLORER_DEMO_TOKENS: the token of "${name}" is not a JWT (three base64url parts)`);
    tokens.set(name, token);
  }
  return tokens;
}

/**
 * http only on loopback, as for JWT_JWKS_URL: anyone on the path could otherwise play the issuer.
 * The issuer's discovery document is held to the same rule (discovery-origins.ts).
 */
function readOidc(env: Env, authn: AuthnConfig): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer) {
    if (clientId || env.OIDC_SCOPE) throw new ConfigError(`${clientId ? 'OIDC_CLIENT_ID' : 'OIDC_SCOPE'} is set but OIDC_ISSUER is not`);
    return null;
  }
  const url = URL.canParse(issuer) ? new URL(issuer) : null;
  if (!url || !isSecureOrLoopback(url) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`OIDC_ISSUER must be the issuer's https:// URL (http:// only for 127.0.0.1 or localhost) with no query, fragment or credentials, got "${issuer}"`);
  }
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID must be set to the explorer\'s client id at OIDC_ISSUER');
  if (!authn.configured || authn.keys.kind === 'hs256-secret') {
    throw new ConfigError('OIDC_ISSUER needs the gateway to verify that issuer\'s tokens: set JWT_JWKS_URL (or JWT_JWKS_FILE), JWT_ISSUER and JWT_AUDIENCE');
  }
  const scope = env.OIDC_SCOPE?.trim() || 'openid';
  if (!scope.split(/\s+/).includes('openid')) throw new ConfigError(`OIDC_SCOPE must include openid, got "${scope}"`);
  return { issuer: issuer.replace(/\/$/, ''), clientId, scope };
}

/** The settings a gateway configuration carries, or the defaults for a configuration built in code. */
export function explorerSettingsOf(config: { explorer?: Partial<ExplorerSettings> }): ExplorerSettings {
  return { ...DEFAULT_EXPLORER, ...config.explorer };
}
