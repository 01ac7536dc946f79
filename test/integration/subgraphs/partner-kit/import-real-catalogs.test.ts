import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInProcess } from '../../../harness/import-command.js';
import type { ImportReport } from '../../../../subgraphs/partner-kit/import/import-report.js';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { REPO_ROOT, startFederationOf, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { removeFolder, temporaryFolder } from '../../../harness/temporary-folder.js';

// `npm run import` over every real catalog file of test/fixtures/real-catalogs (SOURCES.md), with
// the example defaults file: each file alone, with the outcome the README's table gives; then all of
// them at once through the real command (its TypeScript entry run by Node with tsx, as `npm run
// import` runs the built one), whose catalog the partner kit loads and the federation serves.

const PARTNER = 'example-consortium';
const FIXTURES = 'test/fixtures/real-catalogs';
const DEFAULTS = 'subgraphs/partner-kit/import/example-defaults.json';
const MAIN = 'subgraphs/partner-kit/import/main.ts';

interface Expected {
  format: string | undefined;
  datasets: number;
  imported: number;
  withWarnings: number;
  refused: number;
  /** What the report says, for a refused file: what it lacks. */
  says: string[];
  exitCode: number;
}

const e = (format: string | undefined, datasets: number, imported: number, withWarnings: number, refused: number, exitCode: number, ...says: string[]): Expected =>
  ({ format, datasets, imported, withWarnings, refused, says, exitCode });

/** The outcome of each file imported alone with the example defaults file (README, "Importing a partner's catalog"). */
const OUTCOMES: Record<string, Expected> = {
  'dcat/diggsweden-dcat-ap-se-obligatoriskt.ttl': e('dcat', 1, 0, 1, 0, 0, 'the catalog\'s (CC0-1.0) is taken', 'has neither a media type nor a format'),
  'dcat/healthdcat-ap-r8-example-dataset.ttl': e('dcat', 1, 0, 0, 1, 2, 'refused, licence: "https://healthdcat-ap.example.org/release-7/example/dataset-license" maps to no SPDX licence, and its terms are unknown: give them in the defaults file under licenceTerms["LicenseRef-healthdcat-ap.example.org-release-7-example-dataset-license"]'),
  'dcat/semic-dcat-ap-3.0.0-hvd-ms_catalogue.jsonld': e('dcat', 1, 0, 1, 0, 0, 'CC0-1.0, the licence of the distributions that name one, is taken'),
  'dcat/w3c-dcat3-basic-example.jsonld': e('dcat', 1, 0, 0, 1, 2, 'refused, description: the source gives no description', 'refused, licence: the source names no licence'),
  'dcat/w3c-dcat3-compress-and-package.ttl': e('dcat', 0, 0, 0, 0, 2, 'no dcat:Dataset or dcat:DatasetSeries in the file'),
  'dcat/w3c-dcat3-series-versions.ttl': e('dcat', 5, 0, 0, 5, 2, 'imported: series example-consortium:budget', 'refused, description: the source gives no description'),
  'dcat/w3c-dcat3-spatial-properties.ttl': e('dcat', 5, 0, 0, 5, 2, 'refused, title: the source gives no title', 'refused, licence: the source names no licence'),
  'dcat/w3c-dcat3-temporal-properties.jsonld': e('dcat', 8, 0, 0, 8, 2, 'refused, title: the source gives no title'),
  'schemaorg/croissant-fashion-mnist.json': e('schemaorg', 1, 0, 1, 0, 0, 'the defaults file\'s (2024-01-01) is taken'),
  'schemaorg/croissant-titanic.json': e('schemaorg', 1, 0, 1, 0, 0, '"data/titanic.csv" is not an absolute http(s) URL; left out'),
  'schemaorg/soso-dataset-full.jsonld': e('schemaorg', 1, 0, 1, 0, 0, 'a place without a name'),
  'schemaorg/soso-dataset-minimal.jsonld': e('schemaorg', 1, 0, 1, 0, 0, 'the defaults file\'s class (PUBLIC) is taken'),
  'datajson/ar-datajson-catalogo-series-tiempo.json': e('datajson', 1, 0, 1, 0, 0, '"Open Database License (ODbL) v1.0" taken as ODbL-1.0'),
  'datajson/dcat-us-3.0-dataset-complete-example.json': e('datajson', 1, 0, 0, 1, 2, 'refused, licence: the source names no licence', 'is not one the importer can read, so it is treated as restricted'),
  'datajson/pod-v1.1-catalog-sample-extended.json': e('datajson', 3, 0, 0, 3, 2, 'refused, modified: is before issued (2011-11-22)'),
  'datajson/pod-v1.1-catalog-sample.json': e('datajson', 3, 0, 0, 3, 2, 'refused, licence: the source names no licence'),
  'ckan/ckan-demo-package_show-17be64bb.json': e('ckan', 1, 0, 1, 0, 0, 'CKAN\'s "cc-by" names no version; taken as CC-BY-4.0'),
  'ckan/ckan-demo-package_show-62513382.json': e('ckan', 1, 0, 1, 0, 0, 'imported as LicenseRef-other-open with the terms the defaults file gives'),
  'ckan/ckan-demo-package_show-9c3036b8.json': e('ckan', 1, 0, 1, 0, 0, '"2017-08-26T02:30:50.550733" has no time zone; taken as UTC'),
  'duo/beacon-v2-dataset-max-example.json': e('beacon', 1, 0, 0, 1, 2, 'refused, licence: the source names no licence', 'the source states DUO terms that restrict use (DS)'),
  'duo/beacon-v2-dataset-min-example.json': e('beacon', 1, 0, 0, 1, 2, 'refused, description: the source gives no description'),
  'duo/ega-dataset-valid-1.json': e('beacon', 1, 0, 0, 1, 2, 'refused, licence: the source names no licence', 'the defaults file\'s (GRU) are taken'),
};

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
}

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)|\n\s+at .+:\d+:\d+/;

describe('each real catalog file imported alone', () => {
  it('covers every file of the fixtures folder', () => {
    const onDisk = ['ckan', 'datajson', 'dcat', 'duo', 'schemaorg'].flatMap((folder) => readdirSync(join(REPO_ROOT, FIXTURES, folder)).map((name) => `${folder}/${name}`));
    expect(Object.keys(OUTCOMES).sort()).toEqual(onDisk.sort());
    expect(onDisk).toHaveLength(22);
  });

  it.each(Object.entries(OUTCOMES))('%s', async (path, expected) => {
    const folder = temporaryFolder('concord-import-');
    const out = join(folder, 'catalog.json');
    const reportFile = join(folder, 'report.json');
    const run = await importInProcess([join(FIXTURES, path), '--partner', PARTNER, '--defaults', DEFAULTS, '--out', out, '--report', reportFile]);
    expect(run.code, run.stdout).toBe(expected.exitCode);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport;
    expect(report.files[0]!.format).toBe(expected.format);
    const datasets = report.records.filter((r) => r.kind === 'dataset');
    expect(datasets).toHaveLength(expected.datasets);
    const count = (status: string) => datasets.filter((r) => r.status === status).length;
    expect([count('imported'), count('imported-with-warnings'), count('refused')]).toEqual([expected.imported, expected.withWarnings, expected.refused]);
    for (const text of expected.says) expect(run.stdout).toContain(text);
    for (const refused of datasets.filter((r) => r.status === 'refused')) expect(refused.refusals.length, refused.sourceId).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    if (expected.exitCode === 0) expect(parseCatalog(JSON.parse(readFileSync(out, 'utf8')), out).size).toBe(expected.withWarnings + expected.imported);
  });
});

describe('with a licence in the defaults file, the Beacon and EGA records import with their DUO terms', () => {
  it('imports Beacon v2\'s DS with its EFO disease as members-only data, and EGA with the defaults file\'s terms', async () => {
    const folder = temporaryFolder('concord-import-');
    const defaults = { ...JSON.parse(readFileSync(join(REPO_ROOT, DEFAULTS), 'utf8')), licence: { id: 'LicenseRef-Example-DAA', name: 'Example data access agreement', commercialUse: false, attributionRequired: true } };
    writeFileSync(join(folder, 'defaults.json'), JSON.stringify(defaults));
    const out = join(folder, 'catalog.json');
    const run = await importInProcess([join(FIXTURES, 'duo/beacon-v2-dataset-max-example.json'), join(FIXTURES, 'duo/ega-dataset-valid-1.json'), '--partner', PARTNER, '--defaults', join(folder, 'defaults.json'), '--out', out]);
    expect(run.code, run.stdout).toBe(0);
    const catalog = JSON.parse(readFileSync(out, 'utf8'));
    expect(catalog.datasets).toMatchObject([
      { id: `${PARTNER}:ds01010101`, dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'DS', diseaseId: 'EFO:0001645' }], licence: { id: 'LicenseRef-Example-DAA' } },
      { id: `${PARTNER}:ebi-test-my-cancer-dataset_231`, dataClass: 'PARTNER_SHARED', useConditions: [{ code: 'GRU' }] },
    ]);
  });
});

describe('all real catalog files at once, through the command', () => {
  let federation: DemoFederation | undefined;
  let report: ImportReport;
  let catalogFile: string;
  let run: ReturnType<typeof runCli>;
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'concord-import-all-'));
    catalogFile = join(folder, 'catalog.json');
    const reportFile = join(folder, 'report.json');
    run = runCli([...Object.keys(OUTCOMES).map((path) => join(FIXTURES, path)), '--partner', PARTNER, '--defaults', DEFAULTS, '--out', catalogFile, '--report', reportFile]);
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport;
  }, 120_000);
  afterAll(async () => {
    await federation?.close();
    removeFolder(folder);
  });

  it('writes a catalog of what it could import, exits 1 for what it refused, and prints no stack trace', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout).toMatch(/22 files; 40 datasets: 0 imported, 10 imported with warnings, 30 refused; 2 series: 2 imported, 0 refused\.\ncatalog written to .*catalog\.json \(10 datasets, 2 series\); exit code 1\./);
    // Progress on stderr: one line per file.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('import: test/fixtures/real-catalogs/'))).toHaveLength(22);
    // The POD sample repeats the extended sample's ids, and the Beacon minimal example the maximal
    // one's; the first copies are refused, so the second ones are judged on their own.
    expect(report.records.filter((r) => r.refusals.some((f) => f.message.includes('was already imported from')))).toHaveLength(0);
    expect(report.records.filter((r) => r.sourceId === 'ds01010101').map((r) => r.refusals.map((f) => f.field))).toEqual([['licence'], ['description', 'licence']]);
  });

  it('writes a catalog the partner kit loads and the federation serves and searches', async () => {
    const json = JSON.parse(readFileSync(catalogFile, 'utf8'));
    const catalog = parseCatalog(json, catalogFile);
    expect(catalog.size).toBe(10);
    federation = await startFederationOf([{ id: PARTNER, catalog }]);
    const { body } = await postGraphQL(federation.gatewayUrl, `{
      datasets(first: 100) { totalCount edges { node { id title language licence { id } } } }
      titanic: dataset(id: "${PARTNER}:40945") { title distributions { id format mediaType } }
      argentina: dataset(id: "${PARTNER}:1") { language spatialCoverage { name countries } accrualPeriodicity licence { id } }
      search(query: "krill") { totalCount }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.datasets.totalCount).toBe(10);
    expect(body.data!.datasets.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([...json.datasets.map((d: { id: string }) => d.id)].sort());
    expect(body.data!.titanic).toMatchObject({ title: 'Titanic' });
    expect(body.data!.argentina).toMatchObject({ language: 'es', spatialCoverage: { name: 'Argentina', countries: ['AR'] }, accrualPeriodicity: 'R/P3M', licence: { id: 'ODbL-1.0' } });
    expect(body.data!.search.totalCount).toBe(1);
  });
});

describe('inputs that are not catalogs, and mistakes on the command line', () => {
  const args = (folder: string, ...files: string[]) => [...files, '--partner', PARTNER, '--defaults', DEFAULTS, '--out', join(folder, 'catalog.json')];

  it('names the file, line and column of broken JSON, goes on with the other files, and exits 1', async () => {
    const folder = temporaryFolder('concord-import-');
    writeFileSync(join(folder, 'broken.json'), '{\n  "success": true,\n  "result": {"name": "x",, }\n}');
    const run = await importInProcess(args(folder, join(folder, 'broken.json'), join(folder, 'missing.json'), join(FIXTURES, 'ckan/ckan-demo-package_show-62513382.json')));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`file: ${join(folder, 'broken.json')}:3:26: not valid JSON: unexpected ","`);
    expect(run.stdout).toContain(`${join(folder, 'missing.json')} (not read)\n    file: cannot be read: no such file`);
    expect(run.stdout).toMatch(/3 files \(2 not read\); 1 dataset: 0 imported, 1 imported with warnings, 0 refused\./);
  });

  it('exits 2 and writes nothing when no dataset can be imported, leaving an existing catalog as it was', async () => {
    const folder = temporaryFolder('concord-import-');
    writeFileSync(join(folder, 'catalog.json'), 'the previous catalog');
    const run = await importInProcess(args(folder, join(FIXTURES, 'duo/beacon-v2-dataset-min-example.json')));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('no catalog written: no dataset could be imported; exit code 2.');
    expect(readFileSync(join(folder, 'catalog.json'), 'utf8')).toBe('the previous catalog');
    expect(readdirSync(folder)).toEqual(['catalog.json']);
  });

  it('exits 2 without the partner record, which only the defaults file can give, after reporting every dataset', async () => {
    const folder = temporaryFolder('concord-import-');
    writeFileSync(join(folder, 'defaults.json'), JSON.stringify({ dataClass: { whenUnstated: 'PUBLIC' } }));
    const run = await importInProcess([join(FIXTURES, 'ckan/ckan-demo-package_show-17be64bb.json'), '--partner', PARTNER, '--defaults', join(folder, 'defaults.json'), '--out', join(folder, 'catalog.json')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('imported with warnings: example-consortium:17be64bb-da74-4195-9bb8-565c39846af2');
    expect(run.stdout).toContain('no catalog written: the catalog needs the partner record (name, kind, country): give "partner" in the defaults file');
  });

  it('exits 64 on a usage error or a defaults file that is wrong, naming the field, before reading any file', async () => {
    const folder = temporaryFolder('concord-import-');
    const usage = await importInProcess([join(FIXTURES, 'ckan/ckan-demo-package_show-17be64bb.json'), '--partner', PARTNER]);
    expect(usage).toMatchObject({ code: 64, stdout: '' });
    expect(usage.stderr).toMatch(/^import: --out is required\n\nusage: npm run import/);
    writeFileSync(join(folder, 'defaults.json'), JSON.stringify({ dataClass: { whenRestricted: 'PUBLIC' } }));
    const defaults = await importInProcess([join(FIXTURES, 'ckan/ckan-demo-package_show-17be64bb.json'), '--partner', PARTNER, '--defaults', join(folder, 'defaults.json'), '--out', join(folder, 'c.json')]);
    expect(defaults.code).toBe(64);
    expect(defaults.stderr).toContain('field "dataClass.whenRestricted"');
  });

  it('reports progress every so many datasets of a large file', async () => {
    const folder = temporaryFolder('concord-import-');
    const packages = Array.from({ length: 2500 }, (_, i) => ({
      id: `pkg-${i}`, name: `pkg-${i}`, title: `Package ${i}`, notes: `Package number ${i}.`, license_id: 'cc-zero', private: false,
      metadata_created: '2024-01-01T00:00:00', metadata_modified: '2024-02-01T00:00:00', resources: [{ id: `r${i}`, format: 'CSV', url: `https://x.example/${i}.csv` }],
    }));
    writeFileSync(join(folder, 'search.json'), JSON.stringify({ success: true, result: { count: packages.length, results: packages } }));
    const { code, stderr } = await importInProcess(args(folder, join(folder, 'search.json')), { progressEvery: 1000 });
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l.startsWith('import: mapped'))).toEqual(['import: mapped 1000 of 2500 datasets', 'import: mapped 2000 of 2500 datasets']);
    expect(parseCatalog(JSON.parse(readFileSync(join(folder, 'catalog.json'), 'utf8')), 'c').size).toBe(2500);
  });
});
