import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, TEST_SIGNING_SECRET } from '../../../harness/demo-federation.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';

// The real start-up path: the compiled partner that `npm run partner` runs (npm test builds it first),
// with a broken file, stops with one clear message and never listens.
function startPartner(args: string[], env: NodeJS.ProcessEnv = { ...process.env, SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET }) {
  return spawnSync(process.execPath, [join(REPO_ROOT, 'dist/subgraphs/partner-kit/main.js'), ...args], {
    cwd: REPO_ROOT, env: { ...env, PORT: '0' }, encoding: 'utf8', timeout: 20_000,
  });
}

describe('a partner started with a broken catalog', () => {
  it('refuses to start and names the file, the dataset and the field', () => {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'subgraphs/partners/northbridge-hospital/catalog.json'), 'utf8'));
    catalog.datasets[3].licence.commercialUse = 'sometimes';
    const file = join(temporaryFolder('concord-broken-'), 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog));
    const run = startPartner(['--partner', 'northbridge-hospital', '--catalog', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`partner: cannot start: catalog ${file} is invalid:`);
    expect(run.stderr).toContain(`dataset "${catalog.datasets[3].id}" (datasets[3]), field "licence.commercialUse": Invalid input: expected boolean, received string`);
    expect(run.stdout).not.toContain('listening');
  });

  it('refuses a catalog whose public description states a member-only value, naming the fields', () => {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'subgraphs/partners/northbridge-hospital/catalog.json'), 'utf8'));
    const dataset = catalog.datasets[5];
    dataset.description += ` ${dataset.qualityReport.recordCount.toLocaleString('en-US')} records.`;
    const file = join(temporaryFolder('concord-leaky-'), 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog));
    const run = startPartner(['--partner', 'northbridge-hospital', '--catalog', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`partner: cannot start: catalog ${file} is invalid:`);
    expect(run.stderr).toContain(`dataset "${dataset.id}" (datasets[5]), field "description": repeats the value of guarded field "qualityReport.recordCount" in public text`);
    expect(run.stdout).not.toContain('listening');
  });

  it('refuses a catalog that belongs to another partner', () => {
    const run = startPartner(['--partner', 'helix-therapeutics', '--catalog', 'subgraphs/partners/northbridge-hospital/catalog.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('catalog belongs to partner "northbridge-hospital", not "helix-therapeutics"');
  });

  it('refuses to start without the signing secret, since it would answer anyone', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.SUBGRAPH_SIGNING_SECRET;
    const run = startPartner(['--partner', 'northbridge-hospital'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('partner: cannot start: SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway');
  });
});
