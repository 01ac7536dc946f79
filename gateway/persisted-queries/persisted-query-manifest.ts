import { isIntact, type OperationType, type RegisteredOperation } from './persisted-query-registry.js';

// The manifest file is Apollo's persisted query manifest format (the one
// @apollo/generate-persisted-query-manifest writes and Apollo's tools read), so a manifest made by
// either side can be read by the other: { format, version: 1, operations: [{ id, name, type, body }] }.

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';
export const MANIFEST_VERSION = 1;

const TYPES: readonly OperationType[] = ['query', 'mutation', 'subscription'];

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** The manifest's operations; throws a ManifestError naming `where` and the first entry that is wrong. */
export function parseManifest(text: string, where: string): RegisteredOperation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${where} is not JSON: ${(error as Error).message}`);
  }
  const manifest = parsed as { format?: unknown; version?: unknown; operations?: unknown };
  if (typeof parsed !== 'object' || parsed === null || manifest.format !== MANIFEST_FORMAT || manifest.version !== MANIFEST_VERSION) {
    throw new ManifestError(`${where} is not a persisted query manifest: expected { "format": "${MANIFEST_FORMAT}", "version": ${MANIFEST_VERSION}, "operations": [...] }`);
  }
  if (!Array.isArray(manifest.operations)) throw new ManifestError(`${where}: "operations" must be a list`);
  return manifest.operations.map((entry: unknown, index) => readEntry(entry, `${where}, operation ${index + 1}`));
}

function readEntry(entry: unknown, where: string): RegisteredOperation {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  for (const key of ['id', 'name', 'type', 'body'] as const) {
    if (typeof e[key] !== 'string') throw new ManifestError(`${where}: "${key}" must be a string`);
  }
  if (!(TYPES as readonly unknown[]).includes(e.type)) throw new ManifestError(`${where}: "type" must be one of ${TYPES.join(', ')}`);
  const operation: RegisteredOperation = { id: e.id as string, name: e.name as string, type: e.type as OperationType, body: e.body as string };
  // A body edited by hand would otherwise run under the hash of the text that was checked.
  if (!isIntact(operation)) throw new ManifestError(`${where} ("${operation.name}"): "id" is not the SHA-256 of "body"`);
  return operation;
}

/** The manifest's text: operations by name, then id, so that a registration shows as a small diff. */
export function renderManifest(operations: readonly RegisteredOperation[]): string {
  const sorted = [...operations].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    operations: sorted.map(({ id, name, type, body }) => ({ id, name, type, body })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
