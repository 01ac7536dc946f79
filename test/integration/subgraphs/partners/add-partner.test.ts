import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Supergraph } from '@apollo/federation-internals';
import { composeCatalog } from '../../../../schema/compose.js';
import { FederationManifest } from '../../../../schema/federation-manifest.js';
import { EXIT_CODES } from '../../../../subgraphs/partners/add-partner/add-partner-error.js';
import { REPO_ROOT, startManifestFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

// `npm run add-partner` as a person runs it, in a child process through tsx, on a copy of the
// repository's federation files: the partner it adds is in the manifest, the supergraph and
// docker-compose.yml, and a federation started from that folder serves and searches it. A refused
// partner leaves every file of the folder as it was.

const ID = 'narwhal-arctic-survey';
const TYPE = 'NarwhalArcticSurveyDataset';
const COPIED = ['schema/subgraphs.json', 'schema/supergraph.graphql', 'docker-compose.yml', 'subgraphs/partners'];

/** A small hand-written catalog with only the contract's required fields and a word no demo partner uses. */
const CATALOG = {
  partner: { id: ID, name: 'Narwhal Arctic Survey', kind: 'NONPROFIT', country: 'GL' },
  datasets: [
    {
      id: `${ID}:ds-001`, title: 'Narwhal tusk acoustics', description: 'Hydrophone recordings of narwhal pods in Baffin Bay.',
      keywords: ['narwhal', 'acoustics'], issued: '2023-04-01', modified: '2024-01-15T09:00:00Z', dataClass: 'PUBLIC',
      licence: { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', commercialUse: true, attributionRequired: true },
    },
    {
      id: `${ID}:ds-002`, title: 'Narwhal migration tracks', description: 'Satellite tag positions of narwhals between summer and winter grounds.',
      keywords: ['narwhal', 'migration'], issued: '2022-09-01', modified: '2024-03-01T12:00:00Z', dataClass: 'PARTNER_SHARED',
      licence: { id: 'LicenseRef-Narwhal-Data-1.0', name: 'Narwhal Survey Data Licence 1.0', commercialUse: false, attributionRequired: true },
      useConditions: [{ code: 'GRU' }],
    },
    {
      id: `${ID}:ds-003`, title: 'Sea ice extent around tagging sites', description: 'Daily sea ice concentration at the tagging sites.',
      keywords: ['sea ice'], issued: '2021-06-01', modified: '2023-12-01T08:00:00Z', dataClass: 'PUBLIC',
      licence: { id: 'CC0-1.0', name: 'Creative Commons Zero 1.0', commercialUse: true, attributionRequired: false },
    },
  ],
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run add-partner -- ARGS` on the copy: tsx, as the npm script runs it, from the repository root. */
function addPartner(root: string, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'subgraphs/partners/add-partner.ts'), '--root', root, ...args], {
    cwd: REPO_ROOT, env: { ...process.env, INIT_CWD: root }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

/** Every file under `folder` and the SHA-256 of its bytes. */
function fileHashes(folder: string, prefix = ''): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) Object.assign(hashes, fileHashes(path, `${prefix}${name}/`));
    else hashes[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return hashes;
}

function readManifest(root: string): FederationManifest {
  return FederationManifest.parse(JSON.parse(readFileSync(join(root, 'schema/subgraphs.json'), 'utf8')));
}

describe('npm run add-partner', () => {
  let root: string;
  let added: Run;
  let manifestBefore: string;
  let federation: DemoFederation | undefined;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'concord-add-partner-'));
    for (const path of COPIED) cpSync(join(REPO_ROOT, path), join(root, path), { recursive: true });
    mkdirSync(join(root, 'incoming'));
    writeFileSync(join(root, 'incoming/catalog.json'), JSON.stringify(CATALOG, null, 2));
    manifestBefore = readFileSync(join(root, 'schema/subgraphs.json'), 'utf8');
    // A path relative to the folder the person ran npm from, as npm passes it in INIT_CWD.
    added = await addPartner(root, ['--id', ID, '--catalog', 'incoming/catalog.json']);
  });
  afterAll(async () => {
    await federation?.close();
    removeFolder(root);
  });

  it('says what it changed and what to do next', () => {
    expect(added.stderr).toBe('');
    expect(added.status).toBe(EXIT_CODES.added);
    expect(added.stdout).toContain(`added partner "${ID}" (Narwhal Arctic Survey, 3 datasets, type ${TYPE}) at http://127.0.0.1:4104/graphql\n`);
    expect(added.stdout).toContain([
      `  created subgraphs/partners/${ID}/catalog.json`,
      '  updated schema/supergraph.graphql',
      '  updated docker-compose.yml',
      '  updated schema/subgraphs.json',
    ].join('\n'));
    expect(added.stdout).toContain('export NARWHAL_SIGNING_SECRET=$(openssl rand -base64 32)');
    expect(added.stdout).toContain('npm start');
    expect(added.stdout).toContain(`git add subgraphs/partners/${ID}/catalog.json schema/supergraph.graphql docker-compose.yml schema/subgraphs.json`);
  });

  it('copies the catalog unchanged and lists the partner in the manifest at the next free port, the other lines kept', () => {
    expect(readFileSync(join(root, `subgraphs/partners/${ID}/catalog.json`))).toEqual(readFileSync(join(root, 'incoming/catalog.json')));
    const manifest = readManifest(root);
    expect(manifest.partners.map((p) => p.id)).toEqual([...JSON.parse(manifestBefore).partners.map((p: { id: string }) => p.id), ID]);
    expect(manifest.partners.at(-1)).toEqual({ id: ID, url: 'http://127.0.0.1:4104/graphql', catalog: `subgraphs/partners/${ID}/catalog.json` });
    const after = readFileSync(join(root, 'schema/subgraphs.json'), 'utf8');
    expect(after.startsWith(manifestBefore.slice(0, manifestBefore.lastIndexOf('}', manifestBefore.lastIndexOf(']'))))).toBe(true);
  });

  it('writes the supergraph npm run compose writes, with the partner\'s dataset type', () => {
    const sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
    expect(sdl).toBe(`${composeCatalog(readManifest(root)).supergraphSdl.trimEnd()}\n`);
    const supergraph = Supergraph.build(sdl, { supportedFeatures: null });
    expect(supergraph.subgraphs().get(ID)?.url).toBe('http://127.0.0.1:4104/graphql');
    expect(supergraph.schema.type(TYPE)?.kind).toBe('ObjectType');
  });

  it('gives the partner its service in docker-compose.yml, with its port and signing key, and tells the others about it', () => {
    const compose = parseYaml(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command: string[]; environment: Record<string, string>; depends_on: Record<string, unknown> }>;
    };
    const service = compose.services[ID]!;
    expect(service.command).toEqual(['npm', 'run', 'partner', '--', '--partner', ID]);
    expect(service.environment).toMatchObject({ PORT: '4104', SUBGRAPH_SIGNING_SECRET: '${NARWHAL_SIGNING_SECRET:?set NARWHAL_SIGNING_SECRET}' });
    for (const name of ['catalog-index', 'governance']) {
      expect(compose.services[name]!.environment.SUBGRAPH_SIGNING_SECRETS).toContain(`${ID}=\${NARWHAL_SIGNING_SECRET:?set NARWHAL_SIGNING_SECRET}`);
      expect(compose.services[name]!.depends_on).toHaveProperty(ID);
    }
    expect(compose.services['gateway-1']!.environment.SUBGRAPH_URLS).toContain(`${ID}=http://${ID}:4104/graphql`);
  });

  describe('the federation started from that folder', () => {
    beforeAll(async () => {
      // The folder's manifest, with each catalog path resolved against the folder rather than the repository.
      const manifest = readManifest(root);
      federation = await startManifestFederation({ ...manifest, partners: manifest.partners.map((p) => ({ ...p, catalog: resolve(root, p.catalog) })) });
    });

    it('lists the partner\'s datasets through the gateway', async () => {
      const listing = await postGraphQL(federation!.gatewayUrl,
        `{ datasets(first: 10, filter: { partners: ["${ID}"] }) { totalCount edges { node { id title publisher { id name } } } } }`);
      expect(listing.body.errors).toBeUndefined();
      expect(listing.body.data!.datasets).toEqual({
        totalCount: 3,
        edges: CATALOG.datasets.map((d) => ({ node: { id: d.id, title: d.title, publisher: { id: ID, name: CATALOG.partner.name } } })),
      });
    });

    it('finds them by search, and only them', async () => {
      const found = await postGraphQL(federation!.gatewayUrl, '{ search(query: "narwhal", first: 10) { totalCount edges { node { id } } facets { partners { value count } } } }');
      expect(found.body.errors).toBeUndefined();
      expect(found.body.data!.search.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([`${ID}:ds-001`, `${ID}:ds-002`]);
      expect(found.body.data!.search.facets.partners).toEqual([{ value: ID, count: 2 }]);
    });
  });

  it('refuses a partner already in the manifest, changing nothing', async () => {
    const before = fileHashes(root);
    const again = await addPartner(root, ['--id', ID, '--catalog', 'incoming/catalog.json']);
    expect(again.status).toBe(EXIT_CODES.refused);
    expect(again.stderr).toBe(`add-partner: partner "${ID}" cannot be added:\n  - partner "${ID}" is already in the federation manifest\n`);
    expect(again.stdout).toBe('');
    expect(fileHashes(root)).toEqual(before);
  });

  it('with --dry-run says what it would change and changes nothing', async () => {
    const walrus = { partner: { ...CATALOG.partner, id: 'walrus-survey' }, datasets: CATALOG.datasets.map((d) => ({ ...d, id: d.id.replace(ID, 'walrus-survey') })) };
    writeFileSync(join(root, 'incoming/walrus.json'), JSON.stringify(walrus));
    const before = fileHashes(root);
    const run = await addPartner(root, ['--id', 'walrus-survey', '--catalog', 'incoming/walrus.json', '--dry-run']);
    expect([run.status, run.stderr]).toEqual([EXIT_CODES.added, '']);
    expect(run.stdout).toBe([
      'would add partner "walrus-survey" (Narwhal Arctic Survey, 3 datasets, type WalrusSurveyDataset) at http://127.0.0.1:4105/graphql',
      '  would create subgraphs/partners/walrus-survey/catalog.json',
      '  would update schema/supergraph.graphql',
      '  would update docker-compose.yml',
      '  would update schema/subgraphs.json',
      'nothing was written (--dry-run)',
      '',
    ].join('\n'));
    expect(fileHashes(root)).toEqual(before);
  });

  it('refuses a broken catalog, naming each dataset and field, and leaves every file as it was', async () => {
    const broken = structuredClone(CATALOG) as { partner: { id: string }; datasets: Record<string, unknown>[] };
    broken.partner.id = 'walrus-survey';
    broken.datasets = broken.datasets.map((d) => ({ ...d, id: String(d.id).replace(ID, 'walrus-survey') }));
    broken.datasets[0]!.licence = { ...(broken.datasets[0]!.licence as object), commercialUse: 'sometimes' };
    broken.datasets[2]!.modified = '2023-12-01';
    writeFileSync(join(root, 'incoming/broken.json'), JSON.stringify(broken));
    const before = fileHashes(root);
    const run = await addPartner(root, ['--id', 'walrus-survey', '--catalog', 'incoming/broken.json']);
    expect(run.status).toBe(EXIT_CODES.refused);
    expect(run.stderr).toBe([
      'add-partner: catalog incoming/broken.json is refused:',
      '  - dataset "walrus-survey:ds-001" (datasets[0]), field "licence.commercialUse": Invalid input: expected boolean, received string',
      '  - dataset "walrus-survey:ds-003" (datasets[2]), field "modified": expected an ISO 8601 date-time with an offset',
      '',
    ].join('\n'));
    expect(fileHashes(root)).toEqual(before);
  });
});
