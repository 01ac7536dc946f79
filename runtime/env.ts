import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
// Start-up configuration helpers: every value is read once, and a bad one stops the process with a
// message naming the variable and what it expected.

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The environment as process.env gives it; tests pass a plain object. */
export type Env = Record<string, string | undefined>;

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

/**
 * `name=value,name=value`, each value checked by `valid`; a bad entry stops start-up. A secret
 * entry is named by its position and name only, never echoed.
 */
function readNamedValues(
  env: Env, variable: string, expected: string, valid: (value: string) => boolean, secret: boolean,
): Map<string, string> {
  const raw = env[variable];
  const map = new Map<string, string>();
  if (!raw) return map;
  raw.split(',').map((s) => s.trim()).filter(Boolean).forEach((entry, i) => {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    if (eq <= 0 || !valid(value)) {
      const which = secret ? `entry ${i + 1}${key ? ` ("${key}")` : ''} is not` : `got "${entry}"`;
      throw new ConfigError(`${variable} must be a comma-separated list of ${expected}, ${which}`);
    }
    map.set(key, value);
  });
  return map;
}

/** `name=url,name=url`: where a subgraph really is when the supergraph's routing URL does not fit (containers). */
export function readUrlMap(env: Env, name: string): Map<string, string> {
  return readNamedValues(env, name, 'name=http(s)://url', (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), false);
}

/**
 * This service's own key for subgraph requests: a partner or the index verifies the gateway's
 * requests with it, and cannot run without it, since it would answer anyone (fail closed).
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
  return readNamedValues(env, 'SUBGRAPH_SIGNING_SECRETS', 'name=secret with secrets of at least 32 characters', (secret) => secret.length >= 32, true);
}

/**
 * The string options of a service's command line (`--name value`); anything else stops start-up with
 * the parser's message and the service's usage line.
 */
export function readCommandLine<const Name extends string>(argv: readonly string[], names: readonly Name[], usage: string): Partial<Record<Name, string>> {
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Partial<Record<Name, string>>;
  } catch (error) {
    throw new ConfigError(`command line: ${(error as Error).message}; usage: ${usage}`);
  }
}

/**
 * The supergraph's text, read before anything heavy is imported so that a missing file stops
 * start-up before the process listens (ARCHITECTURE.md, "Processes"). The gateway and the index
 * both serve a supergraph.
 */
export function readSupergraphFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`supergraph file "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); set SUPERGRAPH_PATH or --supergraph`);
  }
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

/** REDIS_URL: a redis:// or rediss:// URL, or null when unset (the process then keeps its state in memory). */
export function readRedisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (!raw) return null;
  if (!URL.canParse(raw) || !/^rediss?:$/.test(new URL(raw).protocol)) {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${raw}"`);
  }
  return raw;
}

// Printable, no spaces: a prefix is pasted in front of keys and shows up in redis-cli and logs, where
// a control character or a space would hide whose keys they are. One reader for every process, since
// the gateway and the governance subgraph must agree on the prefix of the grant keys.
export function readRedisKeyPrefix(env: Env, defaultPrefix: string): string {
  const raw = env.REDIS_KEY_PREFIX;
  if (raw === undefined || raw === '') return defaultPrefix;
  if (!/^[\x21-\x7e]{1,100}$/.test(raw)) {
    throw new ConfigError(`REDIS_KEY_PREFIX must be 1 to 100 printable characters without spaces, got "${raw}"`);
  }
  return raw;
}
