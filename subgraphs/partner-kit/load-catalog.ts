import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { z } from 'zod';
import { isPastDeletion } from '../../schema/policy/rules/retention-rule.js';
import { CONTRACT_ENTITY_TYPE, contractSource } from '../../schema/partner-contract.js';
import { DEFAULT_LANGUAGE } from '../../schema/vocabulary.js';
import { CatalogFile, type DatasetRecord, type PartnerRecord, type SeriesRecord } from './catalog-file.js';
import { guardedFieldPaths, publicTextProblems } from './public-text-check.js';

/** A catalog file that cannot be served: the message names the file, the dataset and the field. */
export class CatalogLoadError extends Error {
  override name = 'CatalogLoadError';
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`catalog ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const MAX_PROBLEMS_SHOWN = 20;

/** The dataset's fields the contract guards: public text must never repeat their values. */
const GUARDED_PATHS = guardedFieldPaths(parse(contractSource()), CONTRACT_ENTITY_TYPE);

/**
 * A validated, immutable catalog. `reads` counts lookups, so batching can be observed. A dataset
 * past its deletion date is not served at all (schema/policy/rules/retention-rule.ts): lookups
 * and harvests behave as if it did not exist.
 */
export class PartnerCatalog {
  readonly partner: PartnerRecord;
  /** The language of text fields where a dataset or series does not say. */
  readonly language: string;
  readonly series: ReadonlyMap<string, SeriesRecord>;
  readonly #datasets: ReadonlyMap<string, DatasetRecord>;
  /** In id order, so that harvest pages are stable. */
  readonly #sorted: readonly DatasetRecord[];
  readonly #now: () => Date;
  #reads = 0;

  constructor(file: CatalogFile, now: () => Date = () => new Date()) {
    this.partner = file.partner;
    this.language = file.language ?? DEFAULT_LANGUAGE;
    this.series = new Map((file.series ?? []).map((s) => [s.id, s]));
    this.#datasets = new Map(file.datasets.map((d) => [d.id, d]));
    this.#sorted = [...file.datasets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.#now = now;
  }

  #served(dataset: DatasetRecord | undefined, now: Date): DatasetRecord | undefined {
    return dataset && !isPastDeletion(dataset.retention?.deletionDue ?? null, now) ? dataset : undefined;
  }

  /** Datasets served now (those past their deletion date excluded). */
  get size(): number {
    const now = this.#now();
    let served = 0;
    for (const dataset of this.#datasets.values()) if (this.#served(dataset, now)) served++;
    return served;
  }

  get reads(): number {
    return this.#reads;
  }

  /** One read for any number of ids: the DataLoader's batch function calls this once per tick. */
  readMany(ids: readonly string[]): (DatasetRecord | undefined)[] {
    this.#reads++;
    const now = this.#now();
    return ids.map((id) => this.#served(this.#datasets.get(id), now));
  }

  list(modifiedSince?: Date): DatasetRecord[] {
    this.#reads++;
    const now = this.#now();
    const all = this.#sorted.filter((d) => this.#served(d, now));
    if (!modifiedSince) return all;
    const since = modifiedSince.getTime();
    return all.filter((d) => Date.parse(d.modified) > since);
  }
}

/** Reads and validates a whole catalog file; nothing is served from a file with any problem. */
export function loadCatalogFile(file: string, displayName = file): PartnerCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogLoadError(displayName, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogLoadError(displayName, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return parseCatalog(json, displayName);
}

export function parseCatalog(json: unknown, displayName: string, now?: () => Date): PartnerCatalog {
  const parsed = CatalogFile.safeParse(json);
  if (!parsed.success) {
    throw new CatalogLoadError(displayName, limit(parsed.error.issues.map((issue) => describeIssue(issue, json))));
  }
  const problems = [...crossRecordProblems(parsed.data), ...publicTextProblems(parsed.data, GUARDED_PATHS)];
  if (problems.length > 0) throw new CatalogLoadError(displayName, limit(problems));
  return new PartnerCatalog(parsed.data, now);
}

function limit(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS_SHOWN) return problems;
  return [...problems.slice(0, MAX_PROBLEMS_SHOWN), `... and ${problems.length - MAX_PROBLEMS_SHOWN} more`];
}

// Turns zod's path into "dataset "<id>" (datasets[3]), field "licence.id": <message>", using the
// dataset's own id from the raw file when it has one, since that is what a partner searches for.
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  if (path[0] === 'datasets' && typeof path[1] === 'number') {
    const index = path[1];
    const rawId = (raw as { datasets?: { id?: unknown }[] }).datasets?.[index]?.id;
    const who = typeof rawId === 'string' && rawId ? `dataset "${rawId}" (datasets[${index}])` : `datasets[${index}]`;
    const field = formatPath(path.slice(2));
    return field ? `${who}, field "${field}": ${issue.message}` : `${who}: ${issue.message}`;
  }
  const field = formatPath(path);
  return field ? `field "${field}": ${issue.message}` : issue.message;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

// Rules across records that a per-field schema cannot state: dataset ids are global across the
// consortium, so each is prefixed with its partner's id, and no id may repeat.
function crossRecordProblems(file: CatalogFile): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const prefix = `${file.partner.id}:`;
  file.datasets.forEach((dataset, index) => {
    const who = `dataset "${dataset.id}" (datasets[${index}])`;
    if (!dataset.id.startsWith(prefix) || dataset.id.length === prefix.length) {
      problems.push(`${who}, field "id": must start with "${prefix}" (the partner id)`);
    }
    const first = seen.get(dataset.id);
    if (first !== undefined) problems.push(`${who}, field "id": repeats the id of datasets[${first}]`);
    else seen.set(dataset.id, index);
    const distributionIds = new Set<string>();
    dataset.distributions.forEach((distribution, d) => {
      if (distributionIds.has(distribution.id)) {
        problems.push(`${who}, field "distributions[${d}].id": repeats "${distribution.id}"`);
      }
      distributionIds.add(distribution.id);
    });
  });
  return problems;
}
