import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { repositoryPath } from './repository-files.js';

// schema/subgraphs.json: which subgraphs make up the demo catalog, where they listen by default and
// which catalog file each partner serves. `npm run compose` and `npm start` both read it.

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const FederationManifest = z.strictObject({
  catalogIndex: z.strictObject({ name: z.string().min(1), url: httpUrl }),
  partners: z.array(z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case partner id'),
    url: httpUrl,
    catalog: z.string().min(1),
  })).min(1),
});
export type FederationManifest = z.infer<typeof FederationManifest>;

export const MANIFEST_URL = pathToFileURL(repositoryPath('schema/subgraphs.json'));

export function readFederationManifest(url: URL = MANIFEST_URL): FederationManifest {
  const parsed = FederationManifest.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`schema/subgraphs.json: field "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}

export function portOf(url: string): number {
  const parsed = new URL(url);
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
}
