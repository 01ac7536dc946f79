// Start-up configuration helpers: every value is read once, and a bad one stops the process with a
// message naming the variable and what it expected.

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a TCP port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function readLogLevel(env: Env, name = 'LOG_LEVEL'): LogLevel {
  const raw = env[name];
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return raw as LogLevel;
}

export function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** `name=url,name=url`: where a subgraph really is when the supergraph's routing URL does not fit (containers). */
export function readUrlMap(env: Env, name: string): Map<string, string> {
  const raw = env[name];
  const map = new Map<string, string>();
  if (!raw) return map;
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    if (eq <= 0 || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      throw new ConfigError(`${name} must be a comma-separated list of name=http(s)://url, got "${entry}"`);
    }
    map.set(key, value);
  }
  return map;
}

/**
 * The secret shared by the gateway, the index and the partners to sign subgraph requests.
 * Subgraphs cannot run without it: they would answer anyone (fail closed).
 */
export function readSigningSecret(env: Env, required: boolean): string | null {
  const raw = env.SUBGRAPH_SIGNING_SECRET;
  if (!raw) {
    if (required) {
      throw new ConfigError('SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway');
    }
    return null;
  }
  if (raw.length < 32) {
    throw new ConfigError(`SUBGRAPH_SIGNING_SECRET must be at least 32 characters, got ${raw.length}`);
  }
  return raw;
}

/**
 * One signing key per subgraph (`name=secret,name=secret`), for the services that call several:
 * a partner holding its own key can then not impersonate the gateway to another partner.
 */
export function readSigningSecrets(env: Env): Map<string, string> {
  const raw = env.SUBGRAPH_SIGNING_SECRETS;
  const secrets = new Map<string, string>();
  if (!raw) return secrets;
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const secret = entry.slice(eq + 1).trim();
    if (eq <= 0 || secret.length < 32) {
      throw new ConfigError(`SUBGRAPH_SIGNING_SECRETS must be a comma-separated list of name=secret with secrets of at least 32 characters; the entry for "${name || entry.slice(0, 20)}" is not`);
    }
    secrets.set(name, secret);
  }
  return secrets;
}

/** Runs a service's main: a ConfigError or start-up failure prints one line and exits 1. */
export async function runMain(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: cannot start: ${message}\n`);
    process.exit(1);
  }
}
