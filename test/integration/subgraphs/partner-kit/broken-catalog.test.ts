import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, TEST_SIGNING_SECRET } from '../../../harness/demo-federation.js';
import { temporaryFolder } from '../../../harness/temporary-folder.js';

// The real start-up path: `npm run partner` with a broken file stops with one clear message.
describe('a partner started with a broken catalog', () => {
  it('refuses to start and names the file, the dataset and the field', () => {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'subgraphs/partners/northbridge-hospital/catalog.json'), 'utf8'));
    catalog.datasets[3].licence.commercialUse = 'sometimes';
    const file = join(temporaryFolder('concord-broken-'), 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/partner-kit/main.ts', '--partner', 'northbridge-hospital', '--catalog', file], {
      cwd: REPO_ROOT, env: { ...process.env, PORT: '0', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET }, encoding: 'utf8', timeout: 20_000,
    });
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
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/partner-kit/main.ts', '--partner', 'northbridge-hospital', '--catalog', file], {
      cwd: REPO_ROOT, env: { ...process.env, PORT: '0', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET }, encoding: 'utf8', timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`partner: cannot start: catalog ${file} is invalid:`);
    expect(run.stderr).toContain(`dataset "${dataset.id}" (datasets[5]), field "description": repeats the value of guarded field "qualityReport.recordCount" in public text`);
    expect(run.stdout).not.toContain('listening');
  });

  it('refuses a catalog that belongs to another partner', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/partner-kit/main.ts', '--partner', 'helix-therapeutics',
      '--catalog', 'subgraphs/partners/northbridge-hospital/catalog.json'], { cwd: REPO_ROOT, env: { ...process.env, PORT: '0', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('catalog belongs to partner "northbridge-hospital", not "helix-therapeutics"');
  });

  it('refuses to start without the signing secret, since it would answer anyone', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env.SUBGRAPH_SIGNING_SECRET;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/partner-kit/main.ts', '--partner', 'northbridge-hospital'],
      { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('partner: cannot start: SUBGRAPH_SIGNING_SECRET must be set: subgraphs accept only requests signed by the gateway');
  });
});
