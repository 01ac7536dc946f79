import { describe, expect, it } from 'vitest';
import { onboardingReport } from '../../../../../subgraphs/partners/add-partner/onboarding-report.js';
import type { Onboarding } from '../../../../../subgraphs/partners/add-partner/partner-onboarding.js';

const ROOT = '/srv/concord';
const ONBOARDING: Onboarding = {
  entry: { id: 'helix-labs', url: 'http://127.0.0.1:4104/graphql', catalog: 'subgraphs/partners/helix-labs/catalog.json' },
  partnerName: 'Helix Labs',
  datasetCount: 12,
  datasetTypeName: 'HelixLabsDataset',
  signingSecretVariable: 'HELIX_LABS_SIGNING_SECRET',
  renamedSecretVariables: [],
  hints: [],
  changes: [
    { path: `${ROOT}/subgraphs/partners/helix-labs/catalog.json`, content: '{}', before: null },
    { path: `${ROOT}/schema/subgraphs.json`, content: '{}', before: Buffer.from('{}') },
  ],
};

describe('what add-partner tells the person', () => {
  it.each<[string, Onboarding, boolean, string[]]>([
    ['the files it changed and what to do next', ONBOARDING, false, [
      'added partner "helix-labs" (Helix Labs, 12 datasets, type HelixLabsDataset) at http://127.0.0.1:4104/graphql',
      '  created subgraphs/partners/helix-labs/catalog.json',
      '  updated schema/subgraphs.json',
      'next:',
      '  npm start                 serves it with the other partners; the index and the governance subgraph harvest it from the new supergraph',
      '  export HELIX_LABS_SIGNING_SECRET=$(openssl rand -base64 32)',
      '                            its signing key, before docker compose up (every key is listed at the top of docker-compose.yml)',
      '  its staff need the scopes partner:helix-labs and, to govern its datasets, steward:helix-labs from your identity provider',
      '  git add subgraphs/partners/helix-labs/catalog.json schema/subgraphs.json && git commit',
    ]],
    ['with --dry-run, what it would change and nothing else', ONBOARDING, true, [
      'would add partner "helix-labs" (Helix Labs, 12 datasets, type HelixLabsDataset) at http://127.0.0.1:4104/graphql',
      '  would create subgraphs/partners/helix-labs/catalog.json',
      '  would update schema/subgraphs.json',
      'nothing was written (--dry-run)',
    ]],
  ])('%s', (_case, onboarding, dryRun, lines) => {
    expect(onboardingReport(onboarding, ROOT, dryRun)).toEqual(lines);
  });

  it('names a partner whose signing key variable the new one renamed', () => {
    const renamed = { ...ONBOARDING, renamedSecretVariables: [{ id: 'helix-therapeutics', from: 'HELIX_SIGNING_SECRET', to: 'HELIX_THERAPEUTICS_SIGNING_SECRET' }] };
    expect(onboardingReport(renamed, ROOT, false)).toContain(
      'note: partner "helix-therapeutics" now reads its signing key from HELIX_THERAPEUTICS_SIGNING_SECRET (was HELIX_SIGNING_SECRET) in docker-compose.yml, since "helix-labs" shares its first word',
    );
  });
});
