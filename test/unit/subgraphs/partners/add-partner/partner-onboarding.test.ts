import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryPath } from '../../../../../schema/repository-files.js';
import { AddPartnerError, EXIT_CODES } from '../../../../../subgraphs/partners/add-partner/add-partner-error.js';
import { planOnboarding, type OnboardingRequest } from '../../../../../subgraphs/partners/add-partner/partner-onboarding.js';
import { temporaryFolder } from '../../../../harness/temporary-folder.js';

// planOnboarding works out every change in memory; these run it on a copy of the repository's
// federation files, with a demo catalog given to a new partner.

const COPIED = ['schema/subgraphs.json', 'schema/supergraph.graphql', 'docker-compose.yml'];

function repositoryCopy(): string {
  const root = temporaryFolder('concord-onboarding-');
  mkdirSync(join(root, 'schema'));
  for (const file of COPIED) copyFileSync(repositoryPath(file), join(root, file));
  return root;
}

/** A demo partner's catalog, given to partner `id`: its own partner record and dataset ids. */
function catalogOf(id: string): string {
  const catalog = JSON.parse(readFileSync(repositoryPath('subgraphs/partners/helix-therapeutics/catalog.json'), 'utf8'));
  catalog.partner = { ...catalog.partner, id, name: `Partner ${id}` };
  catalog.datasets = catalog.datasets.slice(0, 4).map((d: { id: string }, i: number) => ({ ...d, id: `${id}:ds-${i + 1}` }));
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

function request(root: string, id: string, overrides: Partial<OnboardingRequest> = {}): OnboardingRequest {
  const catalog = join(root, `${id}.json`);
  writeFileSync(catalog, catalogOf(id));
  return { root, id, catalog, catalogShown: `${id}.json`, ...overrides };
}

function refusal(run: () => unknown): AddPartnerError {
  try {
    run();
  } catch (error) {
    if (error instanceof AddPartnerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planning a new partner', () => {
  it('copies its catalog, writes the composition and adds its manifest entry last, at the next free port', () => {
    const root = repositoryCopy();
    const plan = planOnboarding(request(root, 'aurora-marine-lab'));
    expect(plan.entry).toEqual({ id: 'aurora-marine-lab', url: 'http://127.0.0.1:4104/graphql', catalog: 'subgraphs/partners/aurora-marine-lab/catalog.json' });
    expect(plan.changes.map((c) => [c.path.slice(root.length + 1), c.before === null])).toEqual([
      ['subgraphs/partners/aurora-marine-lab/catalog.json', true],
      ['schema/supergraph.graphql', false],
      ['docker-compose.yml', false],
      ['schema/subgraphs.json', false],
    ]);
    expect(plan.changes[0]!.content).toEqual(readFileSync(join(root, 'aurora-marine-lab.json')));
    expect(plan.changes[1]!.content).toContain('type AuroraMarineLabDataset');
    expect(plan.changes[2]!.content).toContain('\n  aurora-marine-lab:\n');
    expect(JSON.parse(String(plan.changes[3]!.content)).partners.at(-1)).toEqual(plan.entry);
    expect(plan).toMatchObject({
      partnerName: 'Partner aurora-marine-lab', datasetCount: 4, datasetTypeName: 'AuroraMarineLabDataset',
      signingSecretVariable: 'AURORA_SIGNING_SECRET', renamedSecretVariables: [],
    });
  });

  it('says which partner\'s signing key variable is renamed when the new one shares its first word', () => {
    const plan = planOnboarding(request(repositoryCopy(), 'helix-labs'));
    expect(plan.signingSecretVariable).toBe('HELIX_LABS_SIGNING_SECRET');
    expect(plan.renamedSecretVariables).toEqual([{ id: 'helix-therapeutics', from: 'HELIX_SIGNING_SECRET', to: 'HELIX_THERAPEUTICS_SIGNING_SECRET' }]);
  });

  it('takes the port or URL given', () => {
    expect(planOnboarding(request(repositoryCopy(), 'aurora', { port: 4321 })).entry.url).toBe('http://127.0.0.1:4321/graphql');
    expect(planOnboarding(request(repositoryCopy(), 'aurora', { url: 'https://aurora.example/graphql' })).entry.url).toBe('https://aurora.example/graphql');
  });

  it('leaves a catalog already in its place alone when it is the same file', () => {
    const root = repositoryCopy();
    mkdirSync(join(root, 'subgraphs/partners/aurora'), { recursive: true });
    writeFileSync(join(root, 'subgraphs/partners/aurora/catalog.json'), catalogOf('aurora'));
    const plan = planOnboarding({ root, id: 'aurora', catalog: join(root, 'subgraphs/partners/aurora/catalog.json'), catalogShown: 'subgraphs/partners/aurora/catalog.json' });
    expect(plan.changes.map((c) => c.path.slice(root.length + 1))).toEqual(['schema/supergraph.graphql', 'docker-compose.yml', 'schema/subgraphs.json']);
  });

  it('replaces a different catalog in its place only with --force', () => {
    const root = repositoryCopy();
    mkdirSync(join(root, 'subgraphs/partners/aurora'), { recursive: true });
    writeFileSync(join(root, 'subgraphs/partners/aurora/catalog.json'), '{}');
    const refused = refusal(() => planOnboarding(request(root, 'aurora')));
    expect([refused.exitCode, refused.message, refused.problems]).toEqual([
      EXIT_CODES.refused, 'subgraphs/partners/aurora/catalog.json already exists and differs from aurora.json:', ['remove it, or give --force to replace it'],
    ]);
    const forced = planOnboarding(request(root, 'aurora', { force: true }));
    expect(forced.changes[0]!.before).toEqual(Buffer.from('{}'));
  });

  it.each<[string, (root: string) => OnboardingRequest, number, RegExp]>([
    ['an id already in the manifest', (root) => request(root, 'helix-therapeutics'), EXIT_CODES.refused, /partner "helix-therapeutics" is already in the federation manifest/],
    ['an id that is not one', (root) => request(root, 'Aurora'), EXIT_CODES.refused, /"Aurora" is not a partner id/],
    ['the index\'s name', (root) => request(root, 'catalog-index'), EXIT_CODES.refused, /is the subgraph name of the catalog index/],
    ['another partner\'s catalog', (root) => ({ ...request(root, 'aurora'), id: 'borealis' }), EXIT_CODES.refused, /field "partner.id": is "aurora", but the partner being added is "borealis"/],
    ['a catalog that is not JSON', (root) => { writeFileSync(join(root, 'x.json'), '{ "partner": '); return { root, id: 'aurora', catalog: join(root, 'x.json'), catalogShown: 'x.json' }; },
      EXIT_CODES.refused, /catalog x.json is refused:\n {2}- is not valid JSON/],
    ['a catalog that is not there', (root) => ({ root, id: 'aurora', catalog: join(root, 'none.json'), catalogShown: 'none.json' }), EXIT_CODES.refused, /catalog none.json is refused:\n {2}- cannot be read: ENOENT/],
    ['a catalog with invalid datasets, each problem named', (root) => {
      const catalog = JSON.parse(catalogOf('aurora'));
      catalog.datasets[1].dataClass = 'SECRET';
      catalog.datasets[3].issued = '2024-02-30';
      writeFileSync(join(root, 'bad.json'), JSON.stringify(catalog));
      return { root, id: 'aurora', catalog: join(root, 'bad.json'), catalogShown: 'bad.json' };
    }, EXIT_CODES.refused, /^catalog bad.json is refused:\n {2}- dataset "aurora:ds-2" \(datasets\[1\]\), field "dataClass": .*\n {2}- dataset "aurora:ds-4" \(datasets\[3\]\), field "issued": expected a real calendar date/],
    ['a catalog with another partner\'s dataset', (root) => {
      const catalog = JSON.parse(catalogOf('aurora'));
      catalog.datasets[3].id = 'helix-therapeutics:ds-1';
      writeFileSync(join(root, 'bad.json'), JSON.stringify(catalog));
      return { root, id: 'aurora', catalog: join(root, 'bad.json'), catalogShown: 'bad.json' };
    }, EXIT_CODES.refused, /- dataset "helix-therapeutics:ds-1" \(datasets\[3\]\), field "id": must start with "aurora:"/],
    ['a port another subgraph holds', (root) => request(root, 'aurora', { port: 4090 }), EXIT_CODES.refused, /port 4090 is taken by subgraph "governance" in the federation manifest/],
    ['the gateway\'s port', (root) => request(root, 'aurora', { port: 4000 }), EXIT_CODES.refused, /port 4000 is taken by service "gateway-1" in docker-compose.yml/],
    ['no manifest', (root) => { rmSync(join(root, 'schema/subgraphs.json')); return request(root, 'aurora'); }, EXIT_CODES.repository, /schema\/subgraphs.json is missing/],
    ['a manifest that is not JSON', (root) => { writeFileSync(join(root, 'schema/subgraphs.json'), '{'); return request(root, 'aurora'); }, EXIT_CODES.repository, /schema\/subgraphs.json is not valid JSON/],
    ['a manifest that is not one', (root) => { writeFileSync(join(root, 'schema/subgraphs.json'), '{ "partners": [] }'); return request(root, 'aurora'); },
      EXIT_CODES.repository, /schema\/subgraphs.json is invalid:\n {2}- field "catalogIndex": .*\n {2}- field "partners": /],
  ])('refuses %s', (_case, make, exitCode, message) => {
    const root = repositoryCopy();
    const refused = refusal(() => planOnboarding(make(root)));
    expect(refused.exitCode).toBe(exitCode);
    expect(`${refused.message}\n${refused.problems.map((p) => `  - ${p}`).join('\n')}`).toMatch(message);
  });
});
