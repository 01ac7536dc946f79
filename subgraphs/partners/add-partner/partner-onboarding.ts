import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { composeCatalog } from '../../../schema/compose.js';
import { dockerComposeFile, signingSecretVariables } from '../../../schema/docker-compose-file.js';
import { FederationManifest } from '../../../schema/federation-manifest.js';
import { datasetTypeNameFor } from '../../../schema/partner-contract.js';
import { AddPartnerError, EXIT_CODES } from './add-partner-error.js';
import type { FileChange } from './file-changes.js';
import { withPartnerEntry, type PartnerEntry } from './manifest-text.js';
import { checkedCatalog } from './partner-catalog.js';
import { partnerIdProblems } from './partner-id.js';
import { partnerEndpoint, portsInComposeFile, portsInManifest } from './partner-port.js';

// Everything `npm run add-partner` would change, worked out in memory before any file is touched:
// the partner's checks, its catalog's place, the manifest with its entry, and what `npm run compose`
// writes from that manifest (schema/compose.ts). Nothing here writes.

export const MANIFEST_FILE = 'schema/subgraphs.json';
export const SUPERGRAPH_FILE = 'schema/supergraph.graphql';
export const DOCKER_COMPOSE_FILE = 'docker-compose.yml';
/** The partner kit's default catalog path, which the compose file then need not name. */
export const catalogFileOf = (id: string) => `subgraphs/partners/${id}/catalog.json`;

export interface OnboardingRequest {
  /** The repository root whose files change. */
  root: string;
  id: string;
  /** The catalog file, absolute, and as the person gave it. */
  catalog: string;
  catalogShown: string;
  url?: string;
  port?: number;
  /** Replace a different catalog already at the partner's place. */
  force?: boolean;
}

export interface Onboarding {
  entry: PartnerEntry;
  partnerName: string;
  datasetCount: number;
  datasetTypeName: string;
  /** The environment variable holding the new partner's signing key in docker-compose.yml. */
  signingSecretVariable: string;
  /** Partners whose signing key variable is renamed because the new one shares its first word. */
  renamedSecretVariables: { id: string; from: string; to: string }[];
  /** Composition hints other than the expected ones, as `npm run compose` prints them. */
  hints: string[];
  /** Only the files whose bytes change, in the order they are to be put in place: the manifest last. */
  changes: FileChange[];
}

export function planOnboarding(request: OnboardingRequest): Onboarding {
  const { root, id } = request;
  const manifestBefore = readRepositoryFile(root, MANIFEST_FILE);
  const { manifest, text: manifestText } = parsedManifest(manifestBefore);

  const idProblems = partnerIdProblems(id, manifest);
  if (idProblems.length > 0) throw new AddPartnerError(`partner "${id}" cannot be added:`, EXIT_CODES.refused, idProblems);
  const catalog = checkedCatalog(request.catalog, id, request.catalogShown);
  const catalogBefore = readRepositoryFile(root, catalogFileOf(id));
  if (catalogBefore && !catalogBefore.equals(catalog.bytes) && !request.force) {
    throw new AddPartnerError(`${catalogFileOf(id)} already exists and differs from ${request.catalogShown}:`, EXIT_CODES.refused,
      ['remove it, or give --force to replace it']);
  }
  const composeBefore = readRepositoryFile(root, DOCKER_COMPOSE_FILE);
  const entry: PartnerEntry = { id, url: endpointOf(request, manifest, composeBefore), catalog: catalogFileOf(id) };
  const updatedText = withPartnerEntry(manifestText, entry);
  const updated = updatedManifest(updatedText, id);
  const composition = composedFiles(updated, id);

  const changes: FileChange[] = [
    { path: join(root, catalogFileOf(id)), content: catalog.bytes, before: catalogBefore },
    { path: join(root, SUPERGRAPH_FILE), content: composition.supergraph, before: readRepositoryFile(root, SUPERGRAPH_FILE) },
    { path: join(root, DOCKER_COMPOSE_FILE), content: composition.dockerCompose, before: composeBefore },
    { path: join(root, MANIFEST_FILE), content: updatedText, before: manifestBefore },
  ].filter((change) => !change.before?.equals(Buffer.from(change.content)));

  const variablesBefore = signingSecretVariables(manifest);
  const variablesAfter = signingSecretVariables(updated);
  return {
    entry,
    partnerName: catalog.partnerName,
    datasetCount: catalog.datasetCount,
    datasetTypeName: datasetTypeNameFor(id),
    signingSecretVariable: variablesAfter.get(id)!,
    renamedSecretVariables: manifest.partners
      .filter((p) => variablesBefore.get(p.id) !== variablesAfter.get(p.id))
      .map((p) => ({ id: p.id, from: variablesBefore.get(p.id)!, to: variablesAfter.get(p.id)! })),
    hints: composition.hints,
    changes,
  };
}

function endpointOf(request: OnboardingRequest, manifest: FederationManifest, composeFile: Buffer | null): string {
  const used = [...portsInManifest(manifest), ...portsInComposeFile(composeFile?.toString('utf8') ?? null)];
  try {
    return partnerEndpoint({ url: request.url, port: request.port }, manifest, used);
  } catch (error) {
    throw new AddPartnerError(`partner "${request.id}" cannot be added:`, EXIT_CODES.refused, [(error as Error).message]);
  }
}

/** The manifest with the new entry, checked as every reader of it checks it. */
function updatedManifest(text: string, id: string): FederationManifest {
  const updated = FederationManifest.safeParse(JSON.parse(text));
  if (updated.success) return updated.data;
  throw new AddPartnerError(`partner "${id}" cannot be added:`, EXIT_CODES.refused,
    updated.error.issues.map((issue) => `manifest field "${issue.path.join('.')}": ${issue.message}`));
}

/** What `npm run compose` writes from the manifest (schema/compose.ts), in memory. */
function composedFiles(manifest: FederationManifest, id: string): { supergraph: string; dockerCompose: string; hints: string[] } {
  let composition: ReturnType<typeof composeCatalog>;
  try {
    composition = composeCatalog(manifest);
  } catch (error) {
    throw new AddPartnerError(`the federation does not compose with partner "${id}":`, EXIT_CODES.repository, [(error as Error).message]);
  }
  const { supergraphSdl, hints } = composition;
  return { supergraph: supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`, dockerCompose: dockerComposeFile(manifest), hints };
}

/** A file's path as shown to the person: relative to the root it belongs to. */
export function shownPath(root: string, path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : inside;
}

function readRepositoryFile(root: string, file: string): Buffer | null {
  try {
    return readFileSync(resolve(root, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AddPartnerError(`${file} cannot be read:`, EXIT_CODES.repository, [(error as NodeJS.ErrnoException).code ?? String(error)]);
  }
}

function parsedManifest(bytes: Buffer | null): { manifest: FederationManifest; text: string } {
  if (bytes === null) {
    throw new AddPartnerError(`${MANIFEST_FILE} is missing:`, EXIT_CODES.repository, ['run add-partner in a Concord checkout, or give its root with --root']);
  }
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AddPartnerError(`${MANIFEST_FILE} is not valid JSON:`, EXIT_CODES.repository, [(error as Error).message]);
  }
  const parsed = FederationManifest.safeParse(json);
  if (!parsed.success) {
    throw new AddPartnerError(`${MANIFEST_FILE} is invalid:`, EXIT_CODES.repository,
      parsed.error.issues.map((issue) => `field "${issue.path.join('.')}": ${issue.message}`));
  }
  return { manifest: parsed.data, text };
}
