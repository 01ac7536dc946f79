import { partnerScope, stewardScope } from '../../../schema/policy/principal.js';
import { shownPath, type Onboarding } from './partner-onboarding.js';

// What `npm run add-partner` tells the person: which files it changed and what is left for them to
// do (README, "How a new partner joins"), one line per file or step.

export function onboardingReport(onboarding: Onboarding, root: string, dryRun: boolean): string[] {
  const { entry } = onboarding;
  const files = onboarding.changes.map((change) => shownPath(root, change.path));
  const lines = [
    `${dryRun ? 'would add' : 'added'} partner "${entry.id}" (${onboarding.partnerName}, ${onboarding.datasetCount} datasets, type ${onboarding.datasetTypeName}) at ${entry.url}`,
    ...onboarding.changes.map((change, i) => `  ${dryRun ? 'would ' : ''}${change.before === null ? (dryRun ? 'create' : 'created') : (dryRun ? 'update' : 'updated')} ${files[i]}`),
  ];
  if (dryRun) return [...lines, 'nothing was written (--dry-run)'];
  return [
    ...lines,
    ...onboarding.renamedSecretVariables.map((r) =>
      `note: partner "${r.id}" now reads its signing key from ${r.to} (was ${r.from}) in docker-compose.yml, since "${entry.id}" shares its first word`),
    'next:',
    '  npm start                 serves it with the other partners; the index and the governance subgraph harvest it from the new supergraph',
    `  export ${onboarding.signingSecretVariable}=$(openssl rand -base64 32)`,
    '                            its signing key, before docker compose up (every key is listed at the top of docker-compose.yml)',
    `  its staff need the scopes ${partnerScope(entry.id)} and, to govern its datasets, ${stewardScope(entry.id)} from your identity provider`,
    `  git add ${files.join(' ')} && git commit`,
  ];
}
