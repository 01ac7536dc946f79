import { Kind, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import type { CatalogFile, DatasetRecord } from './catalog-file.js';

// A guarded field is withheld from whoever may not see it (ARCHITECTURE.md, "Authorization"), but
// a dataset's public text is served to anyone and indexed for search: a description that states the
// record count makes `qualityReport.recordCount` public after all. The partner kit refuses such a
// catalog at load time, naming the dataset, the public field and the guarded field it repeats.
//
// Which values count: every value below a field the contract guards (@authenticated,
// @requiresScopes, @policy on the field or its type), that is distinctive enough that finding it in
// prose is no coincidence:
// - counts: an integer of 2 digits or more in a field named "count" or "...Count"
//   (qualityReport.recordCount), at any size and with no year exemption: a count is what a
//   description states about a dataset ("Contains 495 records.", "2049 records"), so a count of 2049
//   or 495 written anywhere in its public text is the count, not a year or a coincidence.
// - other numbers from 1,000 up (sample values, fees), found as whole tokens in their usual
//   spellings: 12345, 12,345, 12 345 (also with a no-break or thin space), decimals as written
//   (1234.5). Such a number between 1900 and 2100 written without a separator reads as a year and is
//   not counted ("since 2019" does not repeat a sample value of 2019; "2,019 samples" does).
// - strings of 8 characters or more that hold a digit, an "@" or "://" (e-mail addresses, access and
//   download URLs, dates, record identifiers), found case-insensitively as whole tokens.
// Words without digits (a contact's name, a column name) are not counted: they are ordinary prose.

/** The public free text of a dataset: served to anyone and harvested for search. */
export const PUBLIC_TEXT_FIELDS = ['title', 'description', 'keywords', 'provenance'] as const;

/**
 * Every public value of a dataset that is text written by the partner rather than a code from a
 * vocabulary, as paths into the record ("[]" walks a list): the prose fields and their
 * translations, names and notes, and the links and identifiers a partner types in by hand, where an
 * access URL copied into a landing page or a service description would be as public as prose.
 */
export const PUBLIC_TEXT_PATHS = [
  ...PUBLIC_TEXT_FIELDS.map((field) => (field === 'keywords' ? 'keywords[]' : field)),
  'translations[].title', 'translations[].description', 'translations[].keywords[]',
  'versionNotes', 'landingPage', 'identifiers[].value',
  'creators[].name', 'qualifiedAttributions[].agent.name', 'qualifiedAttributions[].role',
  'distributions[].title', 'distributions[].rights',
  'distributions[].accessService.title', 'distributions[].accessService.endpointDescription',
] as const;

/** The public text of a series, served with every dataset in it. */
export const SERIES_TEXT_PATHS = ['title', 'description', 'translations[].title', 'translations[].description', 'translations[].keywords[]'] as const;

const GUARD_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy']);
export const MIN_DISTINCTIVE_NUMBER = 1000;
export const MIN_DISTINCTIVE_COUNT = 10;
export const MIN_DISTINCTIVE_STRING_LENGTH = 8;

/**
 * Paths below the entity type of fields that carry a guard, in the contract's own field names,
 * e.g. "contactPoint", "distributions.accessUrl", "licence.royalty". Catalog records use the same
 * names (subgraphs/partner-kit/catalog-file.ts mirrors schema/partner.graphql).
 */
export function guardedFieldPaths(contract: DocumentNode, entityType: string): string[] {
  const types = new Map<string, { guarded: boolean; fields: readonly FieldDefinitionNode[] }>();
  for (const definition of contract.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    types.set(definition.name.value, { guarded: hasGuard(definition.directives), fields: definition.fields ?? [] });
  }
  const paths: string[] = [];
  const walk = (typeName: string, prefix: string, seen: ReadonlySet<string>) => {
    for (const field of types.get(typeName)?.fields ?? []) {
      const path = prefix + field.name.value;
      const target = namedType(field.type);
      if (hasGuard(field.directives) || types.get(target)?.guarded) paths.push(path);
      else if (types.has(target) && !seen.has(target)) walk(target, `${path}.`, new Set([...seen, target]));
    }
  };
  walk(entityType, '', new Set([entityType]));
  return paths;
}

function hasGuard(directives: FieldDefinitionNode['directives']): boolean {
  return (directives ?? []).some((d) => GUARD_DIRECTIVES.has(d.name.value));
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * One problem per public field and guarded value it repeats, in the loader's wording. A series'
 * text is public next to each of its datasets, so it is checked against each one's guarded values
 * and named by its place in the file ("series[0].title").
 */
export function publicTextProblems(catalog: CatalogFile, guardedPaths: readonly string[]): string[] {
  const seriesIndex = new Map((catalog.series ?? []).map((series, i) => [series.id, { series, i }]));
  return catalog.datasets.flatMap((dataset, index) => {
    const who = `dataset "${dataset.id}" (datasets[${index}])`;
    const seriesTexts = (dataset.inSeries ?? []).flatMap((id) => {
      const found = seriesIndex.get(id);
      return found ? textsAt(found.series, SERIES_TEXT_PATHS, `series[${found.i}].`) : [];
    });
    return repeatedGuardedValues(dataset, guardedPaths, seriesTexts).map(({ publicField, guardedField }) =>
      `${who}, field "${publicField}": repeats the value of guarded field "${guardedField}" in public text`);
  });
}

export interface Repetition {
  /** Where the public text is, e.g. "description" or "keywords[2]". */
  publicField: string;
  /** The guarded value it repeats, e.g. "qualityReport.recordCount" or "sampleRecords[1].sample_id". */
  guardedField: string;
}

export function repeatedGuardedValues(
  dataset: DatasetRecord, guardedPaths: readonly string[], alsoPublic: readonly PublicText[] = [],
): Repetition[] {
  const guarded = new GuardedValues();
  for (const path of guardedPaths) guarded.collect(dataset, path.split('.'), 0, []);
  if (guarded.isEmpty()) return [];
  const found: Repetition[] = [];
  for (const { field, text } of [...publicTexts(dataset), ...alsoPublic]) {
    for (const guardedField of guarded.repeatedIn(text)) found.push({ publicField: field, guardedField });
  }
  return found;
}

/** The distinctive values below a dataset's guarded fields, each with the paths that hold it. */
class GuardedValues {
  readonly #counts = new Map<number, string[]>();
  readonly #numbers = new Map<number, string[]>();
  readonly #strings = new Map<string, string[]>();

  isEmpty(): boolean {
    return this.#counts.size === 0 && this.#numbers.size === 0 && this.#strings.size === 0;
  }

  /**
   * Every string or number at or below `path[depth..]` of `value`; lists are walked element by
   * element. `at` is where `value` is, as path segments ("sampleRecords", "[1]", ".sample_id"),
   * joined only for a value that is kept.
   */
  collect(value: unknown, path: readonly string[], depth: number, at: string[]): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.#descend(item, path, depth, at, `[${i}]`));
    } else if (depth < path.length) {
      const head = path[depth]!;
      if (value !== null && typeof value === 'object') this.#descend((value as Record<string, unknown>)[head], path, depth + 1, at, depth === 0 ? head : `.${head}`);
    } else if (typeof value === 'number') {
      if (isCountField(at) && Number.isInteger(value) && value >= MIN_DISTINCTIVE_COUNT) add(this.#counts, value, at.join(''));
      else if (Number.isFinite(value) && Math.abs(value) >= MIN_DISTINCTIVE_NUMBER) add(this.#numbers, value, at.join(''));
    } else if (typeof value === 'string') {
      if (value.length >= MIN_DISTINCTIVE_STRING_LENGTH && /[0-9@]|:\/\//.test(value)) add(this.#strings, value.toLowerCase(), at.join(''));
    } else if (value !== null && typeof value === 'object') {
      for (const key in value) this.#descend((value as Record<string, unknown>)[key], path, depth, at, `.${key}`);
    }
  }

  #descend(value: unknown, path: readonly string[], depth: number, at: string[], segment: string): void {
    at.push(segment);
    this.collect(value, path, depth, at);
    at.pop();
  }

  /** The guarded paths whose value the text repeats. */
  repeatedIn(text: string): Set<string> {
    const hits = new Set<string>();
    if (this.#counts.size > 0 || this.#numbers.size > 0) {
      for (const n of numbersIn(text)) {
        for (const path of this.#counts.get(n.value) ?? []) hits.add(path);
        if (!(n.plain && readsAsYear(n.value))) for (const path of this.#numbers.get(n.value) ?? []) hits.add(path);
      }
    }
    const lower = text.toLowerCase();
    for (const [value, paths] of this.#strings) if (containsToken(lower, value)) for (const path of paths) hits.add(path);
    return hits;
  }
}

/** Whether the value at `at` (path segments, e.g. "qualityReport", ".recordCount") is a count. */
function isCountField(at: readonly string[]): boolean {
  const name = [...at].reverse().find((segment) => !segment.startsWith('['))?.replace(/^\./, '') ?? '';
  return name === 'count' || name.endsWith('Count');
}

function add<K>(map: Map<K, string[]>, key: K, path: string): void {
  const paths = map.get(key);
  if (paths) paths.push(path);
  else map.set(key, [path]);
}

export interface PublicText {
  /** Where the text is, e.g. "description" or "translations[0].keywords[2]". */
  field: string;
  text: string;
}

/** Every public text of a dataset (PUBLIC_TEXT_PATHS), with where it is. */
export function publicTexts(dataset: DatasetRecord): PublicText[] {
  return textsAt(dataset, PUBLIC_TEXT_PATHS, '');
}

function textsAt(record: object, paths: readonly string[], prefix: string): PublicText[] {
  return paths.flatMap((path) => walkText(record, path.split('.'), prefix));
}

function walkText(value: unknown, segments: readonly string[], at: string): PublicText[] {
  if (segments.length === 0) return typeof value === 'string' ? [{ field: at, text: value }] : [];
  if (value === null || typeof value !== 'object') return [];
  const [segment, ...rest] = segments as [string, ...string[]];
  const list = segment.endsWith('[]');
  const key = list ? segment.slice(0, -2) : segment;
  const child = (value as Record<string, unknown>)[key];
  const here = `${at}${at && !at.endsWith('.') ? '.' : ''}${key}`;
  if (!list) return walkText(child, rest, here);
  return Array.isArray(child) ? child.flatMap((item, i) => walkText(item, rest, `${here}[${i}]`)) : [];
}

const readsAsYear = (n: number): boolean => Number.isInteger(n) && n >= 1900 && n <= 2100;

export interface NumberToken {
  value: number;
  /** Written without a thousands separator (so 2019 may be a year). */
  plain: boolean;
}

// A number standing on its own: not part of a word, an identifier (HX-3300, GRCh38), a version or a
// dotted id (1.2.826). Thousands are grouped by one kind of separator throughout: ",", " ", U+00A0
// or U+202F. A dash between two numbers is a range, so each side is a number of its own.
const NUMBER = /(?<![\p{L}\p{N}_.,-])-?(?:\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\1\d{3})*|\d+)(?:\.\d+)?(?![\p{L}\p{N}_]|[.,]\d)/gu;
const RANGE_DASH = /(\d)[-\u2013\u2014](?=\d)/g;

export function numbersIn(text: string): NumberToken[] {
  return [...text.replace(RANGE_DASH, '$1 \u2013 ').matchAll(NUMBER)].map((match) => ({
    value: Number(match[0].replace(/[, \u00a0\u202f]/g, '')),
    plain: match[1] === undefined,
  }));
}

/** `needle` in `haystack` with no letter or digit right before or after it (both lower-cased). */
export function containsToken(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}
