import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Logger } from '../../runtime/logger.js';
import { ManifestError, parseManifest, renderManifest } from './persisted-query-manifest.js';
import type { PersistedQueryRegistry, RegisteredOperation } from './persisted-query-registry.js';

// The registry as a manifest file (PERSISTED_QUERIES_MANIFEST), read whole at start-up. Each gateway
// replica reads its own copy; `npm run persist` merges into it. A hash not found sends the gateway back
// to the file when it changed since it was read (size or modification time), so operations registered
// while it runs are served without a restart; a file that no longer parses is logged and the
// operations read before are kept.

interface Loaded {
  operations: Map<string, RegisteredOperation>;
  signature: string;
}

export interface ManifestRegistryOptions {
  /** Gateway: the file must exist. The command line creates it. */
  mustExist: boolean;
  logger?: Logger;
}

export class ManifestRegistry implements PersistedQueryRegistry {
  readonly kind = 'manifest';
  readonly location: string;
  #loaded: Loaded;
  readonly #logger: Logger | undefined;

  /** Throws a ManifestError naming the file when it cannot be read or is not a manifest. */
  constructor(path: string, options: ManifestRegistryOptions) {
    this.location = path;
    this.#logger = options.logger;
    this.#loaded = readManifestFile(path, options.mustExist);
  }

  async get(id: string): Promise<RegisteredOperation | undefined> {
    const known = this.#loaded.operations.get(id);
    if (known) return known;
    if (await this.#changed()) this.#reload();
    return this.#loaded.operations.get(id);
  }

  async register(operations: readonly RegisteredOperation[]): Promise<void> {
    const current = readManifestFile(this.location, false);
    for (const operation of operations) if (!current.operations.has(operation.id)) current.operations.set(operation.id, operation);
    // Written beside and renamed, so a gateway reading the file never sees half of it.
    const temporary = `${this.location}.${process.pid}.tmp`;
    writeFileSync(temporary, renderManifest([...current.operations.values()]));
    renameSync(temporary, this.location);
    this.#loaded = readManifestFile(this.location, true);
  }

  /** Every operation in the file as last read. */
  all(): RegisteredOperation[] {
    return [...this.#loaded.operations.values()];
  }

  async close(): Promise<void> {}

  async #changed(): Promise<boolean> {
    try {
      return signatureOf(await stat(this.location)) !== this.#loaded.signature;
    } catch {
      return false;
    }
  }

  #reload(): void {
    try {
      this.#loaded = readManifestFile(this.location, true);
    } catch (error) {
      this.#logger?.error({ manifest: this.location, err: error }, 'persisted query manifest changed but cannot be read: the operations read before are kept');
    }
  }
}

function signatureOf(stats: { size: number; mtimeMs: number }): string {
  return `${stats.size}:${stats.mtimeMs}`;
}

function readManifestFile(path: string, mustExist: boolean): Loaded {
  let text: string;
  let signature: string;
  try {
    signature = signatureOf(statSync(path));
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !mustExist) return { operations: new Map(), signature: 'absent' };
    throw new ManifestError(`persisted query manifest "${path}" cannot be read (${code ?? 'error'}); run \`npm run persist -- FILE.graphql\` to create it, or check PERSISTED_QUERIES_MANIFEST`);
  }
  const operations = parseManifest(text, `persisted query manifest "${path}"`);
  return { operations: new Map(operations.map((o) => [o.id, o])), signature };
}
