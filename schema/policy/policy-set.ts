// The version of the policy set the gateway enforces and what changed in each version, served by the
// catalog index (`policy`) so that clients and auditors can tell which rules decided a request. The
// JSON beside this file is read once at module load, like schema/duo-terms.csv: configuration, not
// I/O during a decision.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { repositoryPath } from '../repository-files.js';

// Semantic Versioning 2.0.0, without pre-release or build metadata: a policy set is released or it is not.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const PolicyChange = z.object({
  version: z.string().regex(SEMVER, 'a semantic version such as 1.2.0'),
  date: z.iso.date(),
  changes: z.array(z.string().trim().min(1)).min(1),
});

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const PolicySetFile = z
  .object({
    version: z.string().regex(SEMVER, 'a semantic version such as 1.2.0'),
    changelog: z.array(PolicyChange).min(1),
  })
  .superRefine(({ version, changelog }, ctx) => {
    if (changelog[0]?.version !== version) {
      ctx.addIssue({ code: 'custom', path: ['changelog', 0, 'version'], message: `must equal version ${version}` });
    }
    changelog.slice(1).forEach((entry, i) => {
      const newer = changelog[i]!;
      if (compareVersions(newer.version, entry.version) <= 0 || newer.date < entry.date) {
        const message = 'the changelog must list the newest version first';
        ctx.addIssue({ code: 'custom', path: ['changelog', i + 1], message });
      }
    });
  });

export type PolicySet = z.infer<typeof PolicySetFile>;

/** Validates a policy set; the error names every problem with its path. */
export function parsePolicySet(json: unknown): PolicySet {
  const parsed = PolicySetFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`policy-set.json is invalid:\n  - ${problems.join('\n  - ')}`);
}

export const POLICY_SET: Readonly<PolicySet> = Object.freeze(
  parsePolicySet(JSON.parse(readFileSync(repositoryPath('schema/policy/policy-set.json'), 'utf8'))),
);
