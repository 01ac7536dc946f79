import { parse as parseYaml } from 'yaml';
import { portOf, type FederationManifest } from '../../../schema/federation-manifest.js';

// Where a new partner listens. `npm start` runs every subgraph of the manifest on this machine
// (subgraphs/demo/start-federation.ts), so its port must be free of every other service there: the
// manifest's subgraphs, and what docker-compose.yml publishes or runs (the gateway's port, Redis).

/** A port some service holds, on a host ("loopback" for this machine under any of its names). */
export interface UsedPort {
  host: string;
  port: number;
  by: string;
}

const LOOPBACK = 'loopback';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0', '[::]']);
/** Redis's own default port: the compose file's redis service and a local REDIS_URL use it. */
const REDIS_PORT = 6379;
const HIGHEST_PORT = 65_535;
const PARTNER_KIT_PATH = '/graphql';

export function hostOf(url: string): string {
  const host = new URL(url).hostname.toLowerCase();
  return LOOPBACK_NAMES.has(host) ? LOOPBACK : host;
}

/** Every subgraph's port in the manifest. */
export function portsInManifest(manifest: FederationManifest): UsedPort[] {
  const services = [
    { name: manifest.catalogIndex.name, url: manifest.catalogIndex.url },
    ...(manifest.governance ? [{ name: manifest.governance.name, url: manifest.governance.url }] : []),
    ...manifest.partners.map((p) => ({ name: p.id, url: p.url })),
  ];
  return services.map(({ name, url }) => ({ host: hostOf(url), port: portOf(url), by: `subgraph "${name}" in the federation manifest` }));
}

interface ComposeService {
  image?: unknown;
  environment?: unknown;
  ports?: unknown;
}

/**
 * The ports docker-compose.yml's services listen on (their PORT) or publish, all taken as this
 * machine's. The file is rewritten from the manifest anyway, so one that cannot be read holds none.
 */
export function portsInComposeFile(text: string | null): UsedPort[] {
  if (text === null) return [];
  let services: Record<string, ComposeService>;
  try {
    services = (parseYaml(text, { merge: true }) as { services?: Record<string, ComposeService> } | null)?.services ?? {};
  } catch {
    return [];
  }
  return Object.entries(services).flatMap(([name, service]) => {
    const by = `service "${name}" in docker-compose.yml`;
    const ports = [environmentPort(service.environment), ...publishedPorts(service.ports)];
    if (typeof service.image === 'string' && service.image.startsWith('redis')) ports.push(REDIS_PORT);
    return ports.filter((port): port is number => port !== undefined).map((port) => ({ host: LOOPBACK, port, by }));
  });
}

function environmentPort(environment: unknown): number | undefined {
  if (Array.isArray(environment)) {
    const entry = environment.find((e): e is string => typeof e === 'string' && e.startsWith('PORT='));
    return entry === undefined ? undefined : portNumber(entry.slice('PORT='.length));
  }
  if (environment && typeof environment === 'object') return portNumber((environment as Record<string, unknown>).PORT);
  return undefined;
}

// Compose's short syntax "[ip:]host:container" or "container", or the long syntax { published }.
function publishedPorts(ports: unknown): (number | undefined)[] {
  if (!Array.isArray(ports)) return [];
  return ports.map((entry) => {
    if (typeof entry === 'number') return portNumber(entry);
    if (typeof entry === 'string') {
      const parts = entry.split('/')[0]!.split(':');
      return portNumber(parts.length >= 2 ? parts[parts.length - 2] : parts[0]);
    }
    if (entry && typeof entry === 'object') return portNumber((entry as { published?: unknown }).published);
    return undefined;
  });
}

function portNumber(value: unknown): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port <= HIGHEST_PORT ? port : undefined;
}

/** Who holds `port` on `host`, if anyone. */
export function holderOf(host: string, port: number, used: readonly UsedPort[]): UsedPort | undefined {
  return used.find((u) => u.host === host && u.port === port);
}

/** The first port after the highest partner port on this machine that no service holds. */
export function nextFreePort(manifest: FederationManifest, used: readonly UsedPort[]): number {
  const local = manifest.partners.filter((p) => hostOf(p.url) === LOOPBACK).map((p) => portOf(p.url));
  const highest = Math.max(...(local.length > 0 ? local : manifest.partners.map((p) => portOf(p.url))));
  for (let port = highest + 1; port <= HIGHEST_PORT; port++) {
    if (!holderOf(LOOPBACK, port, used)) return port;
  }
  throw new Error(`no free port after ${highest}: give one with --port or --url`);
}

export interface EndpointRequest {
  url?: string;
  port?: number;
}

/**
 * The new partner's URL: the one given, or the same path on this machine at the port given or the
 * next free one. Throws, naming the service, when the port is held.
 */
export function partnerEndpoint(request: EndpointRequest, manifest: FederationManifest, used: readonly UsedPort[]): string {
  const url = request.url ?? `http://127.0.0.1:${request.port ?? nextFreePort(manifest, used)}/graphql`;
  // On this machine `npm start` runs the partner kit for it, which answers at /graphql only.
  if (hostOf(url) === LOOPBACK && new URL(url).pathname !== PARTNER_KIT_PATH) {
    throw new Error(`a partner on this machine is served by the partner kit at ${PARTNER_KIT_PATH}: give --url ending in ${PARTNER_KIT_PATH}, not ${new URL(url).pathname}`);
  }
  const holder = holderOf(hostOf(url), portOf(url), used);
  if (holder) throw new Error(`port ${portOf(url)} is taken by ${holder.by}: choose another with --port or --url, or leave both out for the next free one`);
  return url;
}
