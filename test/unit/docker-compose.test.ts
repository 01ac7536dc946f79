import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Supergraph } from '@apollo/federation-internals';
import { REPO_ROOT } from '../harness/demo-federation.js';

// No Docker engine is needed: this checks that docker-compose.yml agrees with the code it runs.

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parseYaml(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const services = Object.entries(compose.services);
const longRunning = services.filter(([name]) => name !== 'install');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
const code = ['gateway', 'subgraphs', 'runtime', 'schema'].flatMap((dir) => sourceFiles(join(REPO_ROOT, dir))).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('docker-compose.yml', () => {
  it('has Redis, the three partners, the index and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['boreal-climate-institute', 'catalog-index', 'gateway', 'helix-therapeutics', 'install', 'northbridge-hospital', 'redis'].sort(),
    );
  });

  it.each(longRunning)('%s has a healthcheck, and its dependencies exist and are healthy first', (_name, service) => {
    expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(compose.services[dependency], dependency).toBeDefined();
      expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
    }
  });

  it.each(services.filter(([, s]) => s.command?.[0] === 'npm'))('%s runs an npm script whose file exists', (_name, service) => {
    const command = service.command!;
    if (command[1] === 'ci') return;
    expect(command[1]).toBe('run');
    const script = pkg.scripts[command[2]!];
    expect(script, `npm script ${command[2]}`).toBeDefined();
    // Services run the compiled build (dist/x.js), whose source is x.ts.
    const compiled = script!.split(' ').find((part) => part.startsWith('dist/') && part.endsWith('.js'))!;
    expect(compiled, `npm script ${command[2]} runs a compiled file`).toBeDefined();
    const file = compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    expect(existsSync(join(REPO_ROOT, file)), file).toBe(true);
    const partner = command[command.indexOf('--partner') + 1];
    if (command.includes('--partner')) {
      expect(existsSync(join(REPO_ROOT, 'subgraphs/partners', partner!, 'catalog.json')), `catalog of ${partner}`).toBe(true);
    }
  });

  it.each(longRunning.filter(([, s]) => s.environment))('%s sets only variables the code reads, with valid values', (_name, service) => {
    for (const variable of Object.keys(service.environment!)) {
      expect(code, `variable ${variable}`).toMatch(new RegExp(`\\b${variable}\\b`));
    }
    if (service.environment!.PORT) {
      const port = service.environment!.PORT;
      for (const mapping of service.ports ?? []) expect(mapping.split(':').at(-1)).toBe(port);
    }
    const supergraphPath = service.environment!.SUPERGRAPH_PATH;
    if (supergraphPath) expect(existsSync(join(REPO_ROOT, supergraphPath))).toBe(true);
  });

  it('routes every subgraph of the supergraph to a service on the port it listens on', () => {
    const supergraph = Supergraph.build(readFileSync(join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'), { supportedFeatures: null });
    const urls = new Map(compose.services.gateway!.environment!.SUBGRAPH_URLS!.split(',').map((entry) => entry.split('=') as [string, string]));
    expect([...urls.keys()].sort()).toEqual([...supergraph.subgraphs().names()].sort());
    for (const [name, url] of urls) {
      const { hostname, port } = new URL(url);
      expect(compose.services[hostname], `service for ${name}`).toBeDefined();
      expect(compose.services[hostname]!.environment!.PORT).toBe(port);
    }
    expect(compose.services['catalog-index']!.environment!.SUBGRAPH_URLS).toBe(compose.services.gateway!.environment!.SUBGRAPH_URLS);
  });

  it('points the gateway at the compose Redis', () => {
    expect(compose.services.gateway!.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.gateway!.depends_on!.redis).toEqual({ condition: 'service_healthy' });
  });
});

describe('docker-compose.yml signing keys', () => {
  const env = (service: string) => compose.services[service]!.environment!;
  const keyNames = (list: string) => list.split(',').map((entry) => entry.split('=')[0]);

  it('gives each subgraph a key of its own, from the environment, never a literal', () => {
    const own = ['northbridge-hospital', 'helix-therapeutics', 'boreal-climate-institute', 'catalog-index']
      .map((name) => env(name).SUBGRAPH_SIGNING_SECRET!);
    for (const value of own) expect(value).toMatch(/^\$\{[A-Z]+_SIGNING_SECRET:\?[^}]*\}$/);
    expect(new Set(own).size).toBe(own.length);
  });

  it('lets the gateway sign for every subgraph of the supergraph, and the index for every partner, with the same keys', () => {
    const supergraph = Supergraph.build(readFileSync(join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'), { supportedFeatures: null });
    const gatewayKeys = env('gateway').SUBGRAPH_SIGNING_SECRETS!;
    expect(keyNames(gatewayKeys).sort()).toEqual([...supergraph.subgraphs().names()].sort());
    for (const entry of gatewayKeys.split(',')) {
      const [name, value] = entry.split('=') as [string, string];
      expect(env(name).SUBGRAPH_SIGNING_SECRET, name).toBe(value);
    }
    expect(keyNames(env('catalog-index').SUBGRAPH_SIGNING_SECRETS!).sort()).toEqual(['boreal-climate-institute', 'helix-therapeutics', 'northbridge-hospital']);
    expect(env('gateway').SUBGRAPH_SIGNING_SECRET).toBeUndefined();
  });
});
