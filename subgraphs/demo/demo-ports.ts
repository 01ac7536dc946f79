import { ConfigError, type Env } from '../../runtime/env.js';
import { portOf, type FederationManifest } from '../../schema/federation-manifest.js';

// Where `npm start` runs each service. The gateway listens on PORT; the subgraphs on the ports of
// schema/subgraphs.json, each moved by SUBGRAPH_PORT_OFFSET so that a second stack (the explorer's
// end-to-end test, or a demo beside one already running) never meets the first (README, "Settings").

const HIGHEST_PORT = 65_535;

export interface DemoPorts {
  gateway: number;
  /** Every subgraph of the manifest, by name, at the URL it is started on. */
  subgraphUrls: Map<string, string>;
  /** Whether the URLs differ from the supergraph's routing URLs, so the services must be told them (SUBGRAPH_URLS). */
  moved: boolean;
}

export function readDemoPorts(env: Env, manifest: FederationManifest): DemoPorts {
  const gateway = readGatewayPort(env);
  const offset = readOffset(env, manifest);
  const subgraphs = [
    [manifest.catalogIndex.name, manifest.catalogIndex.url],
    ...(manifest.governance ? [[manifest.governance.name, manifest.governance.url]] : []),
    ...manifest.partners.map((p) => [p.id, p.url]),
  ] as [string, string][];
  const subgraphUrls = new Map(subgraphs.map(([name, url]) => [name, shifted(url, offset)]));
  const clash = [...subgraphUrls].find(([, url]) => portOf(url) === gateway);
  if (clash) throw new ConfigError(`PORT ${gateway} is also the port of the subgraph "${clash[0]}" (${clash[1]}): choose another PORT or SUBGRAPH_PORT_OFFSET`);
  return { gateway, subgraphUrls, moved: offset !== 0 };
}

/** `name=url,...`, as SUBGRAPH_URLS is read by the gateway, the index and governance. */
export function subgraphUrlList(urls: ReadonlyMap<string, string>): string {
  return [...urls].map(([name, url]) => `${name}=${url}`).join(',');
}

function readGatewayPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  // Port 0 would be some free port, which the ready line could not name.
  if (!Number.isInteger(port) || port < 1 || port > HIGHEST_PORT) throw new ConfigError(`PORT must be a TCP port number from 1 to ${HIGHEST_PORT}, got "${raw}"`);
  return port;
}

function readOffset(env: Env, manifest: FederationManifest): number {
  const raw = env.SUBGRAPH_PORT_OFFSET;
  if (raw === undefined || raw === '') return 0;
  const ports = [manifest.catalogIndex.url, ...(manifest.governance ? [manifest.governance.url] : []), ...manifest.partners.map((p) => p.url)].map(portOf);
  const lowest = 1 - Math.min(...ports);
  const highest = HIGHEST_PORT - Math.max(...ports);
  const offset = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || offset < lowest || offset > highest) {
    throw new ConfigError(`SUBGRAPH_PORT_OFFSET must be a whole number from ${lowest} to ${highest} (the subgraphs' ports in schema/subgraphs.json are ${Math.min(...ports)} to ${Math.max(...ports)}), got "${raw}"`);
  }
  return offset;
}

function shifted(url: string, offset: number): string {
  if (offset === 0) return url;
  const parsed = new URL(url);
  parsed.port = String(portOf(url) + offset);
  return parsed.toString();
}
