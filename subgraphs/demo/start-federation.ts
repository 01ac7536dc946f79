import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { portOf, readFederationManifest } from '../../schema/federation-manifest.js';
import { REPOSITORY_ROOT } from '../../schema/repository-files.js';
import { prefixLines } from './log-lines.js';
import { readDemoPorts, subgraphUrlList } from './demo-ports.js';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoSecret } from './demo-identity.js';
import { mintToken, personaClaims, PERSONA_NAMES } from './demo-personas.js';

// `npm start`: the three demo partners, the catalog index, the governance subgraph and the gateway,
// each its own process, as they would run in production. No Redis needed: without REDIS_URL the
// governance store is in memory (lost on stop) and the gateway reads grants from the governance
// subgraph; with REDIS_URL both use Redis, under the same REDIS_KEY_PREFIX.

const manifest = readFederationManifest();
const ports = (() => {
  try {
    return readDemoPorts(process.env, manifest);
  } catch (error) {
    process.stderr.write(`npm start: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const GATEWAY_PORT = ports.gateway;
/** Where each subgraph runs; passed on only when SUBGRAPH_PORT_OFFSET moved them from the supergraph's routing URLs. */
const URL_SETTINGS: Record<string, string> = ports.moved ? { SUBGRAPH_URLS: subgraphUrlList(ports.subgraphUrls) } : {};
const urlOf = (name: string) => ports.subgraphUrls.get(name)!;
const readyUrlOf = (name: string) => urlOf(name).replace(/\/graphql$/, '/ready');
// Fresh keys each run, one per subgraph: each partner holds only its own, the index and the
// governance subgraph their own and the partners' (they harvest them), the gateway all of them.
const governance = manifest.governance;
const signingKeys = new Map([...manifest.partners.map((p) => p.id), manifest.catalogIndex.name, ...(governance ? [governance.name] : [])]
  .map((name) => [name, randomBytes(32).toString('base64url')]));
/** Passed on to the governance subgraph and the gateway when set, so that both use the same Redis and keys. */
const REDIS_SETTINGS = Object.fromEntries(['REDIS_URL', 'REDIS_KEY_PREFIX'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
const keyList = (names: readonly string[]) => names.map((name) => `${name}=${signingKeys.get(name)}`).join(',');
const children = new Map<string, ChildProcess>();
let stopping = false;

const SAMPLE_QUERY = '{ datasets(first: 5) { totalCount edges { node { id title publisher { name } } } } }';

// The index allocates a result per match on every search; a larger young generation halves the
// garbage collections that cost (measured: search p95 44 -> 36 ms on 100,000 datasets).
const NODE_FLAGS: Record<string, string[]> = { 'catalog-index': ['--max-semi-space-size=64'] };

// `npm start` builds first and runs from dist/; each service is the compiled twin of its source file.
function compiled(source: string): string {
  return join(REPOSITORY_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
}

function start(name: string, script: string, env: Record<string, string>, args: string[] = []): void {
  const child = spawn(process.execPath, [...(NODE_FLAGS[name] ?? []), compiled(script), ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}]`.padEnd(28);
  prefixLines(child.stdout!, prefix, (line) => process.stdout.write(`${line}\n`));
  prefixLines(child.stderr!, prefix, (line) => process.stderr.write(`${line}\n`));
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    // Ctrl-C in a terminal signals the whole process group: a service that stopped cleanly may be
    // reported before this process's own SIGINT handler runs. That is a stop, not a failure.
    if (code === 0) return void stopAll(0);
    process.stderr.write(`${prefix} exited (${signal ?? `code ${code}`})\n`);
    // Without the gateway or the index there is no catalog to show, and without the governance
    // subgraph no grants (nor requests) in memory; a partner may come and go.
    if (name === 'gateway' || name === 'catalog-index' || name === governance?.name || !started) void stopAll(1);
  });
  children.set(name, child);
}

/** How long npm start waits for one service to be ready before it stops and says why (issue 12, "Operations"). */
const READY_TIMEOUT_MS = 60_000;
/** After this long without being ready, what the service's /ready says is printed once, while waiting goes on. */
const SAY_WHY_AFTER_MS = 10_000;

/**
 * Waits until the service's /ready answers 200. A service that is not ready after READY_TIMEOUT_MS
 * stops npm start with what its /ready body says and, when Redis is what is down, what to do; a
 * service that listens but is still not ready after SAY_WHY_AFTER_MS has it printed once meanwhile,
 * so a wrong REDIS_URL never looks like a hang.
 */
async function waitFor(url: string, what: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const startedAt = Date.now();
  let why = 'not listening yet';
  let said = false;
  while (Date.now() - startedAt < timeoutMs) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      why = `/ready answers ${response.status} ${(await response.text()).trim()}`;
    } catch (error) {
      why = (error as Error).name === 'TimeoutError' ? '/ready does not answer within 5 s' : 'not listening yet';
    }
    if (!said && why.startsWith('/ready') && Date.now() - startedAt > SAY_WHY_AFTER_MS) {
      said = true;
      process.stdout.write(`still waiting for ${what} to be ready: ${why}${redisHint(why)}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} is not ready after ${timeoutMs / 1000} s (${url}): ${why}${redisHint(why)}`);
}

/** When a /ready body says Redis (or a store kept in it) is down, what to do about REDIS_URL. */
function redisHint(why: string): string {
  if (!REDIS_SETTINGS.REDIS_URL || !/"(redis|store|audit|nonces)":"down"/.test(why)) return '';
  return `\n  Redis at ${redactedRedisUrl(REDIS_SETTINGS.REDIS_URL)} (REDIS_URL) does not answer: start Redis there, correct REDIS_URL, or unset it to keep everything in memory.`;
}

/** REDIS_URL without its user name and password. */
function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username || parsed.password ? '***@' : ''}${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

const PERSONA_QUERY = '{ dataset(id: "northbridge-hospital:ds-022") { title contactPoint { email } sampleRecords distributions { accessUrl } } }';

/** Each persona's token for this run: printed for curl and served to the explorer's demo persona switcher. */
async function personaTokens(): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const name of PERSONA_NAMES) {
    const claims = personaClaims(name);
    if (claims) tokens.set(name, await mintToken({ claims, secret: demoSecret(), issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, expiresInSeconds: 8 * 3600 }));
  }
  return tokens;
}

/** The demo personas, each with a token for this run, and one query to compare them with. */
function personaLines(tokens: ReadonlyMap<string, string>): string[] {
  const lines = ['Demo personas (tokens for this local demo only, valid 8 h; anonymous sends none):'];
  for (const [name, token] of tokens) lines.push(`  export ${name.toUpperCase()}=${token}`);
  lines.push(
    'Then send the same query as each of them and compare:',
    `  curl -s http://localhost:${GATEWAY_PORT}/graphql -H 'content-type: application/json' -H "authorization: Bearer $RESEARCHER" \\`,
    `    -d '${JSON.stringify({ query: PERSONA_QUERY })}'`,
    '',
  );
  return lines;
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write('stopping all services...\n');
  const exits = [...children.values()].map((child) => new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }));
  await Promise.all(exits);
  process.exit(exitCode);
}

let started = false;
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

try {
  const startedAt = Date.now();
  for (const partner of manifest.partners) {
    start(partner.id, 'subgraphs/partner-kit/main.ts', { PORT: String(portOf(urlOf(partner.id))), SUBGRAPH_SIGNING_SECRET: signingKeys.get(partner.id)! }, ['--partner', partner.id, '--catalog', partner.catalog]);
  }
  await Promise.all(manifest.partners.map((p) => waitFor(readyUrlOf(p.id), p.id)));
  start('catalog-index', 'subgraphs/catalog-index/main.ts', {
    PORT: String(portOf(urlOf(manifest.catalogIndex.name))),
    SUBGRAPH_SIGNING_SECRET: signingKeys.get(manifest.catalogIndex.name)!,
    SUBGRAPH_SIGNING_SECRETS: keyList(manifest.partners.map((p) => p.id)),
    ...URL_SETTINGS,
  });
  if (governance) {
    start(governance.name, 'subgraphs/governance/main.ts', {
      PORT: String(portOf(urlOf(governance.name))),
      SUBGRAPH_SIGNING_SECRET: signingKeys.get(governance.name)!,
      SUBGRAPH_SIGNING_SECRETS: keyList(manifest.partners.map((p) => p.id)),
      ...URL_SETTINGS,
      ...REDIS_SETTINGS,
    });
  }
  await Promise.all([
    waitFor(readyUrlOf(manifest.catalogIndex.name), 'catalog-index'),
    ...(governance ? [waitFor(readyUrlOf(governance.name), governance.name)] : []),
  ]);
  // The demo identity provider: a per-checkout HS256 secret that `npm run token` shares. A
  // deployment sets JWT_JWKS_URL or JWT_JWKS_FILE instead.
  const tokens = await personaTokens();
  start('gateway', 'gateway/main.ts', {
    PORT: String(GATEWAY_PORT),
    // The explorer's persona switcher (README, Explorer): the gateway serves these only with the demo's shared secret.
    EXPLORER_DEMO_TOKENS: JSON.stringify(Object.fromEntries(tokens)),
    PUBLIC_BASE_URL: `http://localhost:${GATEWAY_PORT}`,
    SUBGRAPH_SIGNING_SECRETS: keyList([...signingKeys.keys()]),
    JWT_HS256_SECRET: demoSecret(),
    JWT_ISSUER: DEMO_ISSUER,
    JWT_AUDIENCE: DEMO_AUDIENCE,
    ...REDIS_SETTINGS,
    ...URL_SETTINGS,
  });
  await waitFor(`http://127.0.0.1:${GATEWAY_PORT}/ready`, 'gateway');
  started = true;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write([
    '',
    `Concord is up in ${seconds} s: http://localhost:${GATEWAY_PORT}/graphql`,
    `Explorer: http://localhost:${GATEWAY_PORT}/ (GraphiQL at /graphiql; the public catalog as DCAT at /catalog.ttl)`,
    ...(governance ? [REDIS_SETTINGS.REDIS_URL
      ? 'Access requests, decisions and grants are kept in Redis (REDIS_URL).'
      : 'Access requests, decisions and grants are kept in memory: they are lost when you stop (set REDIS_URL to keep them).'] : []),
    'Try:',
    `  curl -s http://localhost:${GATEWAY_PORT}/graphql -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: SAMPLE_QUERY })}'`,
    '',
    ...personaLines(tokens),
    'Press Ctrl-C to stop everything.',
    '',
  ].join('\n'));
} catch (error) {
  process.stderr.write(`npm start: ${(error as Error).message}\n`);
  await stopAll(1);
}
