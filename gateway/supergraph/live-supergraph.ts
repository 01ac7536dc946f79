import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../../runtime/logger.js';
import type { AuthorizationPlan } from '../authz/authorization-plan.js';
import type { LoadedSupergraph } from '../composition/supergraph.js';

/** Quiet time after the last change in the directory before the file is read: editors write in steps. */
export const RELOAD_DEBOUNCE_MS = 250;

export type ReloadOutcome =
  | { status: 'reloaded'; guardedFields: number }
  | { status: 'unchanged' }
  | { status: 'refused'; reason: string };

export interface LiveSupergraphOptions {
  /** The supergraph the gateway starts with, and the text it was prepared from. */
  initial: LoadedSupergraph;
  initialSource: string;
  path: string;
  logger: Logger;
  /** Reads the file; throws with a message naming it when it cannot be read. */
  read: () => string;
  /** Prepares a supergraph's text; throws when its authorization plan cannot be built (composition/supergraph.ts). */
  prepare: (source: string) => LoadedSupergraph;
  /** Watch the file's directory (SUPERGRAPH_WATCH); SIGHUP reloads either way (gateway/main.ts). */
  watch: boolean;
}

/**
 * The supergraph the gateway serves, replaced while it runs (issue 12, "Operations";
 * ARCHITECTURE.md, "Supergraph reload"). A new file is prepared first; one whose authorization plan
 * cannot be built, that does not parse or compose, or that adds, removes or moves a subgraph is
 * refused with a log line saying why, and the gateway keeps serving the old one (fail closed).
 * An accepted one is handed to @apollo/gateway through the update callback of its supergraphSdl
 * hook; the authorizing gateway then takes the plan that belongs to exactly that text (planFor),
 * in the same synchronous step in which @apollo/gateway and Apollo Server switch schemas, so a
 * schema is never served with another supergraph's plan.
 */
export class LiveSupergraph {
  #current: LoadedSupergraph;
  #currentHash: string;
  /** What was handed to @apollo/gateway, by text: the current supergraph and, during an update, the next one. */
  readonly #plans = new Map<string, AuthorizationPlan>();
  #handed: string;
  #update: ((supergraphSdl: string) => void) | undefined;
  #watcher: FSWatcher | undefined;
  #debounce: NodeJS.Timeout | undefined;

  constructor(private readonly options: LiveSupergraphOptions) {
    this.#current = options.initial;
    this.#currentHash = sourceHash(options.initialSource);
    this.#handed = handedText(options.initial, this.#currentHash);
    this.#plans.set(this.#handed, options.initial.plan);
  }

  get current(): LoadedSupergraph {
    return this.#current;
  }

  /** The plan of a supergraph text @apollo/gateway has loaded; undefined for a text this never handed it. */
  planFor(coreSupergraphSdl: string): AuthorizationPlan | undefined {
    return this.#plans.get(coreSupergraphSdl);
  }

  /** @apollo/gateway's supergraphSdl option: the initial text, and the update callback kept for reloads. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    this.#update = update;
    if (this.options.watch) this.#startWatching();
    return {
      supergraphSdl: this.#handed,
      cleanup: async () => {
        this.#update = undefined;
        this.#stopWatching();
      },
    };
  };

  /** Reads the file again and serves it if it can be enforced; otherwise keeps the current one. */
  reload(trigger: string): ReloadOutcome {
    const outcome = this.#tryReload();
    const { logger, path } = this.options;
    if (outcome.status === 'reloaded') {
      logger.info({ supergraph: path, trigger, guardedFields: outcome.guardedFields, subgraphs: this.#current.subgraphs.map((s) => s.name) }, 'supergraph reloaded');
    } else if (outcome.status === 'refused') {
      logger.error({ supergraph: path, trigger, reason: outcome.reason }, `supergraph not reloaded, still serving the previous one: ${outcome.reason}`);
    } else {
      logger.debug({ supergraph: path, trigger }, 'supergraph unchanged');
    }
    return outcome;
  }

  #tryReload(): ReloadOutcome {
    const update = this.#update;
    if (!update) return { status: 'refused', reason: 'the gateway is not serving (starting or stopping)' };
    let source: string;
    let next: LoadedSupergraph;
    try {
      source = this.options.read();
      if (sourceHash(source) === this.#currentHash) return { status: 'unchanged' };
      next = this.options.prepare(source);
    } catch (error) {
      return { status: 'refused', reason: messageOf(error) };
    }
    const moved = routingChange(this.#current, next);
    if (moved) return { status: 'refused', reason: moved };
    const hash = sourceHash(source);
    const handed = handedText(next, hash);
    this.#plans.set(handed, next.plan);
    try {
      update(handed);
    } catch (error) {
      this.#plans.delete(handed);
      return { status: 'refused', reason: `it does not compose: ${messageOf(error)}` };
    }
    this.#plans.delete(this.#handed);
    this.#handed = handed;
    this.#current = next;
    this.#currentHash = hash;
    return { status: 'reloaded', guardedFields: next.plan.guardedFieldCount };
  }

  // The directory, not the file: editors and orchestrators (a mounted ConfigMap) replace the file by
  // a rename, after which a watch on the old file would see nothing more.
  #startWatching(): void {
    if (this.#watcher) return;
    const directory = dirname(this.options.path);
    try {
      this.#watcher = watch(directory, () => {
        clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => this.reload('file changed'), RELOAD_DEBOUNCE_MS);
      });
    } catch (error) {
      this.options.logger.error({ directory, err: error }, 'the supergraph file cannot be watched; send SIGHUP to reload it');
      return;
    }
    this.#watcher.on('error', (error) => {
      this.options.logger.error({ directory, err: error }, 'watching the supergraph file stopped; send SIGHUP to reload it');
      this.#stopWatching();
    });
    this.options.logger.info({ supergraph: this.options.path }, 'watching the supergraph file: a change is loaded once it can be enforced');
  }

  #stopWatching(): void {
    clearTimeout(this.#debounce);
    this.#watcher?.close();
    this.#watcher = undefined;
  }
}

function sourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

// The executable text with the source's hash as a comment: a change to the security directives
// alone leaves the executable text as it was, and @apollo/gateway skips an update whose text it
// has already loaded; the comment makes it load, so the plan switches with a new schema.
function handedText(supergraph: LoadedSupergraph, hash: string): string {
  return `${supergraph.executableSupergraphSdl}\n# concord supergraph source sha256:${hash}\n`;
}

// Signing keys, timeouts, circuits and the principal's recipients are set per subgraph at start-up
// (composition/subgraphs.ts): a new, removed or moved subgraph needs a restart.
function routingChange(current: LoadedSupergraph, next: LoadedSupergraph): string | null {
  const describe = (s: LoadedSupergraph) => s.subgraphs.map((g) => `${g.name}=${g.url}`).sort().join(', ');
  if (describe(current) === describe(next)) return null;
  return `its subgraphs or their URLs differ (${describe(next)}; serving ${describe(current)}); restart the gateway to add, remove or move a subgraph`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
