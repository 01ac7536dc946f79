import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { REPOSITORY_ROOT, repositoryPath } from './repository-files.js';
import { PARTNER_ID_PATTERN } from './vocabulary.js';

// schema/subgraphs.json: which subgraphs make up the demo catalog, where they listen by default and
// which catalog file each partner serves. It is the one list of partners: `npm run compose` (the
// supergraph and docker-compose.yml), `npm start`, `npm run generate-catalogs` and the tests all read
// it (ARCHITECTURE.md, "Where to add things", "A partner").

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const FederationManifest = z.strictObject({
  catalogIndex: z.strictObject({ name: z.string().min(1), url: httpUrl }),
  /** The governance subgraph (access requests, decisions, grants); a federation may run without one. */
  governance: z.strictObject({ name: z.string().min(1), url: httpUrl }).optional(),
  partners: z.array(z.strictObject({
    id: z.string().regex(PARTNER_ID_PATTERN, 'expected a lower-case partner id'),
    url: httpUrl,
    /** The partner's catalog file: relative to the repository root, or absolute. */
    catalog: z.string().min(1),
  })).min(1),
}).superRefine((manifest, ctx) => {
  const services = [manifest.catalogIndex.name, ...(manifest.governance ? [manifest.governance.name] : [])];
  if (services.length === 2 && services[0] === services[1]) {
    ctx.addIssue({ code: 'custom', path: ['governance', 'name'], message: `repeats the subgraph name "${services[1]}"` });
  }
  manifest.partners.forEach((partner, i) => {
    const earlier = [...services, ...manifest.partners.slice(0, i).map((p) => p.id)];
    if (earlier.includes(partner.id)) ctx.addIssue({ code: 'custom', path: ['partners', i, 'id'], message: `repeats the subgraph name "${partner.id}"` });
  });
});
export type FederationManifest = z.infer<typeof FederationManifest>;

export const MANIFEST_URL = pathToFileURL(repositoryPath('schema/subgraphs.json'));

/** Reads and validates a manifest: the repository's by default, or another file (a URL or a path). */
export function readFederationManifest(file: URL | string = MANIFEST_URL): FederationManifest {
  const path = typeof file === 'string' ? resolve(file) : fileURLToPath(file);
  const shown = relative(REPOSITORY_ROOT, path).startsWith('..') ? path : relative(REPOSITORY_ROOT, path);
  const parsed = FederationManifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${shown}: field "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}

/** Where a partner's catalog file is: the manifest's path, resolved against the repository root. */
export function catalogPathOf(partner: FederationManifest['partners'][number]): string {
  return resolve(REPOSITORY_ROOT, partner.catalog);
}

export function portOf(url: string): number {
  const parsed = new URL(url);
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
}
