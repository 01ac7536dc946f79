import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Supergraph } from '@apollo/federation-internals';
import { readGatewayConfig } from '../../../gateway/config.js';
import { clientAddressResolver } from '../../../gateway/rate-limit/client-address.js';
import { readLogLevel, readPort, readPositiveInt, readSigningSecret, readSigningSecrets, readUrlMap } from '../../../runtime/env.js';
import { dockerComposeFile, GATEWAY_PORT, GATEWAY_REPLICAS, gatewayProxyConfig, PROXY_CONFIG, PROXY_SERVICE } from '../../../schema/docker-compose-file.js';
import { catalogPathOf, portOf, readFederationManifest } from '../../../schema/federation-manifest.js';
import { REPO_ROOT } from '../../harness/demo-federation.js';

// No Docker engine is needed: this checks that docker-compose.yml is what the federation manifest
// gives, and that it agrees with the code it runs (scripts, files, ports, variables and values).

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  configs?: { source: string; target: string }[];
  stop_grace_period?: string;
}

const manifest = readFederationManifest();
const INDEX = manifest.catalogIndex.name;
const GOVERNANCE = manifest.governance?.name;
/** The subgraphs that are not partners: the index, and the governance subgraph when the manifest has one. */
const SERVICES = [manifest.catalogIndex, ...(manifest.governance ? [manifest.governance] : [])];
const composeText = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parseYaml(composeText, { merge: true }) as { services: Record<string, Service>; configs?: Record<string, { content?: string }> };
/** The gateway replicas behind the proxy; the first stands for all where they must agree. */
const GATEWAYS = [...GATEWAY_REPLICAS];
const GATEWAY = GATEWAYS[0]!;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const services = Object.entries(compose.services);
const longRunning = services.filter(([name]) => name !== 'install');
const npmServices = longRunning.filter(([, s]) => s.command?.[0] === 'npm');
const supergraph = Supergraph.build(readFileSync(join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'), { supportedFeatures: null });

/** The source file an npm script runs: services run the compiled build (dist/x.js), whose source is x.ts. */
function sourceOfScript(script: string): string | undefined {
  const compiled = pkg.scripts[script]?.split(' ').find((part) => part.startsWith('dist/') && part.endsWith('.js'));
  return compiled && join(REPO_ROOT, compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

// Where code reads the environment, from the syntax tree (so comments and strings never count):
// env.NAME, process.env.NAME, env['NAME'], readXxx(env, 'NAME', ...), and a reader's default
// variable name, function readXxx(env, name = 'NAME').
function environmentReads(source: string): Set<string> {
  const reads = new Set<string>();
  const isEnv = (node: ts.Node) => /(^|\.)env$/.test(node.getText());
  const isVariableName = (node: ts.Node): node is ts.StringLiteral => ts.isStringLiteral(node) && /^[A-Z][A-Z0-9_]*$/.test(node.text);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isEnv(node.expression)) reads.add(node.name.text);
    if (ts.isElementAccessExpression(node) && isEnv(node.expression) && isVariableName(node.argumentExpression)) reads.add(node.argumentExpression.text);
    if (ts.isCallExpression(node) && /^read\w*$/.test(node.expression.getText()) && node.arguments.some(isEnv)) {
      for (const argument of node.arguments) if (isVariableName(argument)) reads.add(argument.text);
    }
    if (ts.isFunctionDeclaration(node) && /^read/.test(node.name?.text ?? '') && node.parameters.some((p) => p.name.getText() === 'env')) {
      for (const parameter of node.parameters) if (parameter.initializer && isVariableName(parameter.initializer)) reads.add(parameter.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true));
  return reads;
}

/** Every variable read by a program: its entry file and every file it imports, transitively. */
function environmentReadsOf(entry: string): Set<string> {
  const reads = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const name of environmentReads(source)) reads.add(name);
    const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    for (const statement of tree.statements) {
      if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const specifier = statement.moduleSpecifier.text;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      }
    }
  };
  visit(entry);
  return reads;
}

/** The service's environment with every `${NAME:?...}` filled in, as compose would. */
function filledEnvironment(service: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) =>
    [name, value.replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_whole, variable: string) => `compose-test-key-of-${variable}-0123456789`)]));
}

describe('docker-compose.yml', () => {
  it('is what `npm run compose` writes from the federation manifest', () => {
    expect(composeText, 'docker-compose.yml is stale or hand-edited: run npm run compose').toBe(dockerComposeFile(manifest));
  });

  it('has Redis, the install step, every partner of the manifest, the index, the governance subgraph, two gateway replicas and their proxy', () => {
    expect(GATEWAYS).toHaveLength(2);
    expect(Object.keys(compose.services).sort()).toEqual([...GATEWAYS, PROXY_SERVICE, ...SERVICES.map((s) => s.name), 'install', 'redis', ...manifest.partners.map((p) => p.id)].sort());
  });

  it('installs with npm ci and builds the compiled code the services run', () => {
    const [shell, flag, script] = compose.services.install!.command!;
    expect([shell, flag]).toEqual(['sh', '-c']);
    const steps = script!.split('&&').map((step) => step.trim());
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^npm ci( |$)/);
    expect(steps[1]).toBe('npm run build');
    expect(pkg.scripts.build).toMatch(/^tsc -b tsconfig\.build\.json( && node explorer\/build\.mjs)?$/);
    expect(existsSync(join(REPO_ROOT, 'tsconfig.build.json'))).toBe(true);
    const waitsForInstall = (name: string): boolean => Object.entries(compose.services[name]!.depends_on ?? {})
      .some(([dependency, { condition }]) => (dependency === 'install' && condition === 'service_completed_successfully') || waitsForInstall(dependency));
    for (const [name] of npmServices) expect(waitsForInstall(name), `${name} starts after the install`).toBe(true);
  });

  it.each(longRunning)('%s has a healthcheck, and its dependencies exist and are healthy first', (_name, service) => {
    expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(compose.services[dependency], dependency).toBeDefined();
      expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
    }
  });

  it.each(npmServices)('%s runs an npm script whose compiled file has a source', (_name, service) => {
    const command = service.command!;
    expect(command.slice(0, 2)).toEqual(['npm', 'run']);
    const source = sourceOfScript(command[2]!);
    expect(source, `npm script ${command[2]} runs a compiled file`).toBeDefined();
    expect(existsSync(source!), source).toBe(true);
  });

  it.each(manifest.partners)('$id serves its own catalog, the one the manifest names', (partner) => {
    const command = compose.services[partner.id]!.command!;
    expect(command[command.indexOf('--partner') + 1]).toBe(partner.id);
    const catalog = command.includes('--catalog') ? command[command.indexOf('--catalog') + 1]! : `subgraphs/partners/${partner.id}/catalog.json`;
    expect(resolve(REPO_ROOT, catalog)).toBe(catalogPathOf(partner));
    expect(existsSync(catalogPathOf(partner)), `catalog of ${partner.id}`).toBe(true);
  });

  it.each(npmServices)('%s sets only variables its code reads', (_name, service) => {
    const reads = environmentReadsOf(sourceOfScript(service.command![2]!)!);
    for (const variable of Object.keys(service.environment ?? {})) expect([...reads], `variable ${variable}`).toContain(variable);
  });

  it('finds variables where code reads them, never in comments or strings', () => {
    const source = `// PORT and env.HOST are only mentioned here
      const a = env.LOG_LEVEL; const b = process.env['REDIS_URL']; const c = readPort(env, 'PORT', 1);
      const d = 'env.SUPERGRAPH_PATH'; function readThing(env: Env, name = 'HARVEST_TIMEOUT_MS') {}`;
    expect([...environmentReads(source)].sort()).toEqual(['HARVEST_TIMEOUT_MS', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it.each(GATEWAYS)('gives %s values its own configuration reader accepts, on the port the proxy forwards to', (name) => {
    const config = readGatewayConfig(filledEnvironment(compose.services[name]!));
    expect(config.port).toBe(GATEWAY_PORT);
    expect(compose.services[name]!.ports, 'only the proxy is published').toBeUndefined();
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(compose.services[name]!.depends_on!.redis).toEqual({ condition: 'service_healthy' });
    // The governance store lives in this Redis: it keeps every write on a volume.
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect((compose.services.redis as { volumes?: string[] }).volumes).toEqual(['redis-data:/data']);
    expect(existsSync(join(REPO_ROOT, config.supergraphPath))).toBe(true);
    expect([...config.subgraphSigningSecrets!.keys()].sort()).toEqual([...supergraph.subgraphs().names()].sort());
  });

  it.each([...manifest.partners.map((p) => ({ name: p.id, url: p.url })), ...SERVICES])(
    '$name listens on its manifest port, with values the runtime readers accept', ({ name, url }) => {
      const env = filledEnvironment(compose.services[name]!);
      expect(readPort(env, 'PORT', -1)).toBe(portOf(url));
      expect(compose.services[name]!.ports, 'only the gateway is published').toBeUndefined();
      expect(readSigningSecret(env, true)).toMatch(/^compose-test-key-of-[A-Z_]+_SIGNING_SECRET-/);
      expect(readLogLevel(env)).toBe('info');
      readUrlMap(env, 'SUBGRAPH_URLS');
      readSigningSecrets(env);
      readPositiveInt(env, 'HARVEST_INTERVAL_SECONDS', 1);
      if (env.SUPERGRAPH_PATH) expect(existsSync(join(REPO_ROOT, env.SUPERGRAPH_PATH))).toBe(true);
    });

  it.runIf(GOVERNANCE !== undefined)('keeps the governance store in the gateway\'s Redis, and has the gateway forward the principal to it', () => {
    const env = filledEnvironment(compose.services[GOVERNANCE!]!);
    const gateway = readGatewayConfig(filledEnvironment(compose.services[GATEWAY]!));
    expect(env.REDIS_URL).toBe(gateway.redisUrl);
    expect(env.REDIS_KEY_PREFIX).toBe(compose.services[GATEWAY]!.environment!.REDIS_KEY_PREFIX);
    expect(compose.services[GOVERNANCE!]!.depends_on!.redis).toEqual({ condition: 'service_healthy' });
    expect(gateway.principalSubgraphs).toContain(GOVERNANCE);
    expect(gateway.principalSubgraphs).toContain(INDEX);
    expect(compose.services[GATEWAY]!.depends_on![GOVERNANCE!]).toEqual({ condition: 'service_healthy' });
  });

  it('routes every subgraph of the supergraph to a service on the port it listens on', () => {
    const urls = new Map(compose.services[GATEWAY]!.environment!.SUBGRAPH_URLS!.split(',').map((entry) => entry.split('=') as [string, string]));
    expect([...urls.keys()].sort()).toEqual([...supergraph.subgraphs().names()].sort());
    for (const [name, url] of urls) {
      const { hostname, port } = new URL(url);
      expect(hostname).toBe(name);
      expect(compose.services[hostname], `service for ${name}`).toBeDefined();
      expect(compose.services[hostname]!.environment!.PORT).toBe(port);
    }
    expect(compose.services[INDEX]!.environment!.SUBGRAPH_URLS).toBe(compose.services[GATEWAY]!.environment!.SUBGRAPH_URLS);
  });
});

describe('docker-compose.yml gateway replicas (issue 12, "Replicas")', () => {
  const proxy = () => compose.services[PROXY_SERVICE]!;
  /** The proxy's nginx configuration as Compose hands it to nginx: every $$ back to $. */
  const proxyConfigText = () => compose.configs![PROXY_CONFIG]!.content!.replaceAll('$$', '$');

  it('runs the same gateway in every replica: one environment, one Redis', () => {
    const [first, ...others] = GATEWAYS.map((name) => compose.services[name]!);
    for (const other of others) {
      expect(other.command).toEqual(first!.command);
      expect(other.environment).toEqual(first!.environment);
      expect(other.depends_on).toEqual(first!.depends_on);
      expect(other.healthcheck).toEqual(first!.healthcheck);
    }
    expect(first!.environment!.REDIS_URL).toBe('redis://redis:6379');
  });

  it('keeps every subgraph\'s replay memory in the gateways\' Redis, under the same key prefix', () => {
    const gateway = compose.services[GATEWAY]!.environment!;
    for (const name of [...manifest.partners.map((p) => p.id), ...SERVICES.map((s) => s.name)]) {
      const service = compose.services[name]!;
      expect(service.environment!.REDIS_URL, name).toBe(gateway.REDIS_URL);
      expect(service.environment!.REDIS_KEY_PREFIX, name).toBe(gateway.REDIS_KEY_PREFIX);
      expect(service.depends_on!.redis, name).toEqual({ condition: 'service_healthy' });
    }
  });

  it('checks each replica\'s /ready, and the proxy\'s /ready through them', () => {
    for (const name of GATEWAYS) expect(compose.services[name]!.healthcheck!.test.join(' '), name).toMatch(/\/ready\b/);
    expect(proxy().healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${GATEWAY_PORT}/ready`);
    for (const name of GATEWAYS) expect(proxy().depends_on![name], name).toEqual({ condition: 'service_healthy' });
  });

  it('publishes only the proxy, an official nginx image new enough for upstream servers that resolve', () => {
    expect(proxy().image).toMatch(/^nginx:1\.(2[7-9]|[3-9]\d)(\.\d+)?-alpine$/);
    expect(proxy().ports).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    expect(services.filter(([, service]) => service.ports !== undefined).map(([name]) => name)).toEqual([PROXY_SERVICE]);
    expect(proxy().configs).toEqual([{ source: PROXY_CONFIG, target: '/etc/nginx/conf.d/default.conf' }]);
  });

  it('gives nginx a configuration that parses, listens on the published port and spreads requests over both replicas', () => {
    expect(proxyConfigText()).toBe(gatewayProxyConfig());
    const config = parseNginx(proxyConfigText());
    const upstreams = config.filter((d) => d.name === 'upstream');
    expect(upstreams).toHaveLength(1);
    const upstream = upstreams[0]!;
    const servers = upstream.block!.filter((d) => d.name === 'server').map((d) => d.args[0]);
    expect(servers).toEqual(GATEWAYS.map((name) => `${name}:${compose.services[name]!.environment!.PORT}`));
    // `resolve` needs a shared zone and a resolver (Docker's own DNS).
    expect(upstream.block!.some((d) => d.name === 'zone')).toBe(true);
    expect(config.find((d) => d.name === 'resolver')?.args[0]).toBe('127.0.0.11');
    const server = config.find((d) => d.name === 'server')!;
    expect(server.block!.find((d) => d.name === 'listen')?.args).toEqual([String(GATEWAY_PORT)]);
    const location = server.block!.find((d) => d.name === 'location' && d.args[0] === '/')!;
    expect(location.block!.find((d) => d.name === 'proxy_pass')?.args).toEqual([`http://${upstream.args[0]}`]);
    // A request already sent to a replica (a mutation) is never sent to the other as well.
    expect(location.block!.find((d) => d.name === 'proxy_next_upstream')?.args).not.toContain('non_idempotent');
  });

  it('writes nginx\'s own variables so that Compose leaves them alone', () => {
    const raw = compose.configs![PROXY_CONFIG]!.content!;
    expect(raw.replaceAll('$$', '')).not.toContain('$');
    expect(proxyConfigText()).toContain('$remote_addr');
  });

  it('lets the gateways\' per-address rate limits see the client behind the proxy, never an address the client wrote', () => {
    const location = parseNginx(proxyConfigText()).find((d) => d.name === 'server')!.block!.find((d) => d.name === 'location' && d.args[0] === '/')!;
    // The proxy replaces X-Forwarded-For with the one address it saw.
    expect(location.block!.find((d) => d.name === 'proxy_set_header' && d.args[0] === 'X-Forwarded-For')?.args).toEqual(['X-Forwarded-For', '$remote_addr']);
    const addressOf = clientAddressResolver(readGatewayConfig(filledEnvironment(compose.services[GATEWAY]!)).trustedProxies ?? []);
    const proxyAddress = '172.19.0.9';
    expect(addressOf(proxyAddress, '203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf(proxyAddress, '172.19.0.1')).toBe('172.19.0.1');
    // A caller reaching a gateway without the proxy (none can from outside: no gateway port is published) is itself.
    expect(addressOf('203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
  });

  it('keeps /metrics off the published port, and gives replicas longer to stop than the shutdown grace', () => {
    const locations = parseNginx(proxyConfigText()).find((d) => d.name === 'server')!.block!.filter((d) => d.name === 'location');
    const metrics = locations.find((d) => d.args.join(' ') === '= /metrics')!;
    expect(metrics.block!.find((d) => d.name === 'return')?.args).toEqual(['404']);
    for (const name of GATEWAY_REPLICAS) expect(compose.services[name]!.stop_grace_period).toBe('15s');
  });

  it.each([
    ['a block left open', 'server { listen 1;', /not closed/],
    ['a brace closing nothing', 'listen 1; }', /closes nothing/],
    ['a directive without its semicolon', 'server { listen 1 }', /without ";"/],
  ])('finds a proxy configuration that does not parse: %s', (_name, text, message) => {
    expect(() => parseNginx(text)).toThrow(message);
  });
});

describe('docker-compose.yml signing keys', () => {
  const env = (service: string) => compose.services[service]!.environment!;
  const keyNames = (list: string) => list.split(',').map((entry) => entry.split('=')[0]);

  it('gives each subgraph a key of its own, from the environment, never a literal', () => {
    const own = [...manifest.partners.map((p) => p.id), ...SERVICES.map((s) => s.name)].map((name) => env(name).SUBGRAPH_SIGNING_SECRET!);
    for (const value of own) expect(value).toMatch(/^\$\{[A-Z_]+_SIGNING_SECRET:\?[^}]*\}$/);
    expect(new Set(own).size).toBe(own.length);
  });

  it('names every key variable in the instructions at the top', () => {
    const loop = composeText.match(/for k in ([A-Z_ ]+); do export \$\{k\}_SIGNING_SECRET/)?.[1]?.split(' ');
    const variables = [...manifest.partners.map((p) => p.id), ...SERVICES.map((s) => s.name)].map((name) => env(name).SUBGRAPH_SIGNING_SECRET!.match(/^\$\{([A-Z_]+)_SIGNING_SECRET/)![1]);
    expect(loop).toEqual(variables);
  });

  it('lets the gateway sign for every subgraph of the supergraph, and the index and the governance subgraph harvest every partner, with the same keys', () => {
    const gatewayKeys = env(GATEWAY).SUBGRAPH_SIGNING_SECRETS!;
    expect(keyNames(gatewayKeys).sort()).toEqual([...supergraph.subgraphs().names()].sort());
    for (const entry of gatewayKeys.split(',')) {
      const [name, value] = entry.split('=') as [string, string];
      expect(env(name).SUBGRAPH_SIGNING_SECRET, name).toBe(value);
    }
    for (const { name } of SERVICES) {
      expect(keyNames(env(name).SUBGRAPH_SIGNING_SECRETS!).sort(), name).toEqual(manifest.partners.map((p) => p.id).sort());
      expect(env(name).SUBGRAPH_SIGNING_SECRETS, name).toBe(gatewayKeys.split(',').filter((entry) => manifest.partners.some((p) => entry.startsWith(`${p.id}=`))).join(','));
    }
    expect(env(GATEWAY).SUBGRAPH_SIGNING_SECRET).toBeUndefined();
  });
});

describe('docker-compose.yml for another manifest', () => {
  it('gives a new partner its service, key and route, and a key variable of its own when first words clash', () => {
    const bigger = {
      ...manifest,
      partners: [...manifest.partners,
        { id: 'helix-diagnostics', url: 'http://127.0.0.1:4104/graphql', catalog: 'partners/helix-diagnostics/catalog.json' }],
    };
    const generated = parseYaml(dockerComposeFile(bigger), { merge: true }) as { services: Record<string, Service> };
    expect(generated.services['helix-diagnostics']).toMatchObject({
      command: ['npm', 'run', 'partner', '--', '--partner', 'helix-diagnostics', '--catalog', 'partners/helix-diagnostics/catalog.json'],
      environment: { PORT: '4104', SUBGRAPH_SIGNING_SECRET: '${HELIX_DIAGNOSTICS_SIGNING_SECRET:?set HELIX_DIAGNOSTICS_SIGNING_SECRET}' },
    });
    expect(generated.services['helix-therapeutics']!.environment!.SUBGRAPH_SIGNING_SECRET).toMatch(/^\$\{HELIX_THERAPEUTICS_SIGNING_SECRET:/);
    expect(generated.services[GATEWAY]!.environment!.SUBGRAPH_URLS).toContain('helix-diagnostics=http://helix-diagnostics:4104/graphql');
    expect(generated.services[INDEX]!.depends_on!['helix-diagnostics']).toEqual({ condition: 'service_healthy' });
  });
});

interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

/** nginx's configuration syntax, as much as it takes to check one: directives, blocks, quotes, comments. */
function parseNginx(text: string): NginxDirective[] {
  const tokens = [...text.replace(/#[^\n]*/g, '').matchAll(/"(?:[^"\\]|\\.)*"|'[^']*'|[{};]|[^\s{};]+/g)].map((m) => m[0]);
  const root: NginxDirective[] = [];
  const stack: NginxDirective[][] = [root];
  let words: string[] = [];
  for (const token of tokens) {
    if (token === ';' || token === '{') {
      if (words.length === 0) throw new Error(`"${token}" without a directive`);
      const directive: NginxDirective = { name: words[0]!, args: words.slice(1).map((w) => w.replace(/^"(.*)"$/, '$1')) };
      stack.at(-1)!.push(directive);
      if (token === '{') stack.push((directive.block = []));
      words = [];
    } else if (token === '}') {
      if (words.length > 0) throw new Error(`"${words.join(' ')}" without ";"`);
      if (stack.length === 1) throw new Error('"}" closes nothing');
      stack.pop();
    } else {
      words.push(token);
    }
  }
  if (words.length > 0) throw new Error(`"${words.join(' ')}" without ";"`);
  if (stack.length > 1) throw new Error(`${stack.length - 1} block(s) not closed`);
  return root;
}
