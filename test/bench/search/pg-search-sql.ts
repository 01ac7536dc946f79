import type { FacetCount, IndexedDataset, SearchFacets } from '../../../subgraphs/catalog-index/catalog-index.js';
import { issuedYear } from '../../../subgraphs/catalog-index/dataset-filter.js';
import { KEYWORD_FACET_SIZE } from '../../../subgraphs/catalog-index/search-facets.js';

// The search benchmark's peer: PostgreSQL full-text search over the same datasets, asked the same
// question as the catalog index (subgraphs/catalog-index/in-memory-catalog-index.ts): every query word
// must match (AND), the last one also as a prefix, ranked with the title weighing most, and the same
// seven facets counted over every match. This file only builds text and values; the connection is in
// pg-peer.ts.

/** The catalog index's field boosts (in-memory-catalog-index.ts), one PostgreSQL weight label each. */
export const FIELD_BOOST = { title: 4, keywords: 2.5, themes: 1.5, description: 1 } as const;

/** Which tsvector weight label carries which field: A is the heaviest, D the lightest. */
export const FIELD_LABEL = { title: 'A', keywords: 'B', themes: 'C', description: 'D' } as const;

/**
 * ts_rank's weight array, in PostgreSQL's order {D, C, B, A}, scaled so the heaviest field weighs 1:
 * the same proportions as the catalog index's boosts (4 : 2.5 : 1.5 : 1 gives 1, 0.625, 0.375, 0.25).
 */
export function rankWeights(boost: Record<keyof typeof FIELD_LABEL, number> = FIELD_BOOST): number[] {
  const heaviest = Math.max(...Object.values(boost));
  if (!(heaviest > 0)) throw new RangeError('at least one field must weigh more than nothing');
  const byLabel = new Map<string, number>(Object.entries(FIELD_LABEL).map(([field, label]) => [label, boost[field as keyof typeof FIELD_LABEL] / heaviest]));
  return ['D', 'C', 'B', 'A'].map((label) => byLabel.get(label) ?? 0);
}

// The catalog index's tokenizer is MiniSearch's default: runs of white space and punctuation
// separate words, which are then lower-cased.
const SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

/** MiniSearch expands the last word as a prefix only from this length (in-memory-catalog-index.ts). */
export const PREFIX_MIN_LENGTH = 3;

/**
 * The tsquery text for a search box's words, for `to_tsquery('simple', ...)`: every word required
 * (`&`), the last one also as a prefix (`:*`) when it is long enough, as the catalog index does.
 * Each word is a quoted tsquery literal, so no character of the input is read as an operator.
 * Null when there is no word: the query then lists every dataset, like an empty search. Typo
 * tolerance has no counterpart here: PostgreSQL matches the words as typed.
 */
export function toTsQuery(query: string): string | null {
  const words = query.split(SEPARATOR).map((word) => word.toLowerCase()).filter((word) => word !== '');
  if (words.length === 0) return null;
  return words.map((word, i) => {
    const literal = `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    return i === words.length - 1 && [...word].length >= PREFIX_MIN_LENGTH ? `${literal}:*` : literal;
  }).join(' & ');
}

/**
 * The peer's session, tuned as one would tune a search service whose data fits in memory, so that
 * the comparison is with PostgreSQL at its reasonable best rather than with its conservative defaults:
 * - random_page_cost 1.1: table and index are in shared buffers; at the default 4 (disk seeks) the
 *   planner reads all 100,000 rows instead of the GIN index for a word in one dataset of seven, which
 *   measured about 75 ms against 29 ms through the index.
 * - work_mem 32MB: the match set (up to some 36,000 rows) is read once per facet; at the default
 *   4MB it is written to a temporary file first.
 * - jit off: compiling a query's expressions pays for itself on long analytic queries, not on ones
 *   that take a few milliseconds.
 */
export const PEER_SESSION_SETTINGS: Readonly<Record<string, string>> = { random_page_cost: '1.1', work_mem: '32MB', jit: 'off' };

export function sessionStatements(settings: Readonly<Record<string, string>> = PEER_SESSION_SETTINGS): string[] {
  return Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_]+$/.test(name) || !/^[A-Za-z0-9.]+$/.test(value)) throw new Error(`not a plain setting: ${name} = ${value}`);
    return `SET ${name} = '${value}'`;
  });
}

/** A schema name the benchmark owns; only plain lower-case names, so it never needs quoting. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`"${schema}" is not a plain lower-case schema name`);
  return schema;
}

/** The columns of one dataset row, in insert order. */
export const COLUMNS = [
  'id', 'partner_id', 'title', 'description', 'keywords', 'themes', 'licence_id', 'data_class',
  'theme_values', 'keyword_values', 'use_conditions', 'issued_year',
] as const;

export type RowValue = string | number | string[];

/**
 * One dataset's values for COLUMNS. The facet values are normalised as the catalog index normalises
 * them when it indexes (search-facets.ts): themes and use condition codes once each, keywords
 * lower-cased and once each, the year of issue.
 */
export function rowValues(d: IndexedDataset): RowValue[] {
  return [
    d.id, d.partnerId, d.title, d.description, d.keywords, d.themes, d.licenceId, d.dataClass,
    [...new Set(d.themes)], [...new Set(d.keywords.map((k) => k.toLowerCase()))], [...new Set(d.useConditions.map((c) => c.code))],
    issuedYear(d),
  ];
}

/** A multi-row INSERT of `rows` datasets, numbered parameters row after row. */
export function insertStatement(schema: string, rows: number): string {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`an insert needs at least one row, not ${rows}`);
  const tuples = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`);
  return `INSERT INTO ${checkSchemaName(schema)}.datasets (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}

/**
 * The table, with its tsvector generated from the text as each row is written. `words` joins an
 * array for to_tsvector; array_to_string is only STABLE, and a generated column needs IMMUTABLE.
 */
export function schemaStatements(schema: string): string[] {
  const s = checkSchemaName(schema);
  const vector = (expression: string, label: string) => `setweight(to_tsvector('simple'::regconfig, ${expression}), '${label}')`;
  return [
    `DROP SCHEMA IF EXISTS ${s} CASCADE`,
    `CREATE SCHEMA ${s}`,
    `CREATE FUNCTION ${s}.words(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$`,
    `CREATE TABLE ${s}.datasets (
      id text NOT NULL, partner_id text NOT NULL, title text NOT NULL, description text NOT NULL,
      keywords text[] NOT NULL, themes text[] NOT NULL, licence_id text NOT NULL, data_class text NOT NULL,
      theme_values text[] NOT NULL, keyword_values text[] NOT NULL, use_conditions text[] NOT NULL, issued_year integer NOT NULL,
      document tsvector GENERATED ALWAYS AS (
        ${vector('title', FIELD_LABEL.title)} || ${vector(`${s}.words(keywords)`, FIELD_LABEL.keywords)} ||
        ${vector(`${s}.words(themes)`, FIELD_LABEL.themes)} || ${vector('description', FIELD_LABEL.description)}
      ) STORED
    )`,
  ];
}

/** Built after the load, as one would for a bulk load: one GIN index over the tsvector. */
export function indexStatements(schema: string): string[] {
  const s = checkSchemaName(schema);
  return [`CREATE INDEX datasets_document ON ${s}.datasets USING gin (document)`, `ANALYZE ${s}.datasets`];
}

type FacetName = keyof SearchFacets;

interface FacetSql {
  /** The value counted, as text. */
  value: string;
  /** Array columns are counted per element (each element once per dataset, as stored). */
  unnest?: string;
  /** By count (most first, then value) unless by value, latest first (years). */
  byValueDescending?: boolean;
  limit?: number;
}

/** How each facet of the catalog index's search (search-facets.ts) is counted in SQL. */
export const FACET_SQL: Record<FacetName, FacetSql> = {
  partners: { value: 'partner_id' },
  licences: { value: 'licence_id' },
  dataClasses: { value: 'data_class' },
  themes: { value: 'element', unnest: 'theme_values' },
  keywords: { value: 'element', unnest: 'keyword_values', limit: KEYWORD_FACET_SIZE },
  useConditions: { value: 'element', unnest: 'use_conditions' },
  years: { value: 'issued_year::text', byValueDescending: true },
};

/**
 * One facet over the match set `matched`, as a JSON array of {value, count} in the catalog index's
 * order. Values compare by code point (COLLATE "C"), as JavaScript's < does for these values.
 */
export function facetSelect(facet: FacetSql): string {
  const from = facet.unnest ? `matched, unnest(matched.${facet.unnest}) AS element` : 'matched';
  const order = facet.byValueDescending ? 'value DESC' : 'count DESC, value';
  const limit = facet.limit === undefined ? '' : ` LIMIT ${Math.trunc(facet.limit)}`;
  return `(SELECT coalesce(json_agg(json_build_object('value', value, 'count', count) ORDER BY ${order}), '[]'::json) FROM (`
    + `SELECT ${facet.value} COLLATE "C" AS value, count(*)::integer AS count FROM ${from} GROUP BY 1 ORDER BY ${order}${limit}) AS counted)`;
}

// What the page and the facets read of each match; not the text, nor the tsvector.
const MATCH_COLUMNS = ['id', 'title', 'partner_id', 'licence_id', 'data_class', 'theme_values', 'keyword_values', 'use_conditions', 'issued_year']
  .map((column) => `d.${column}`).join(', ');

/**
 * One statement, one round trip: the match set, its size, the page (one more than `first`, to know
 * whether another follows) by rank then id, and every facet. Parameters: $1 the tsquery text (only
 * when `withQuery`), then the page size. ts_rank's normalisation 1 divides by 1 + the log of the
 * document's length, the nearest of its options to the length normalisation of BM25, which the
 * catalog index scores with.
 */
export function searchStatement(schema: string, withQuery: boolean): string {
  const s = checkSchemaName(schema);
  const weights = `'{${rankWeights().join(',')}}'::real[]`;
  const matched = withQuery
    ? `SELECT ${MATCH_COLUMNS}, ts_rank(${weights}, d.document, q.query, 1) AS rank FROM ${s}.datasets AS d, to_tsquery('simple'::regconfig, $1) AS q(query) WHERE d.document @@ q.query`
    : `SELECT ${MATCH_COLUMNS}, 0::real AS rank FROM ${s}.datasets AS d`;
  const pageSize = withQuery ? '$2' : '$1';
  const facets = (Object.keys(FACET_SQL) as FacetName[]).map((name) => `${facetSelect(FACET_SQL[name])} AS "${name}"`);
  return [
    `WITH matched AS MATERIALIZED (${matched})`,
    'SELECT (SELECT count(*)::integer FROM matched) AS total,',
    `(SELECT coalesce(json_agg(json_build_object('id', id, 'title', title, 'rank', rank) ORDER BY rank DESC, id COLLATE "C"), '[]'::json)`
      + ` FROM (SELECT id, title, rank FROM matched ORDER BY rank DESC, id COLLATE "C" LIMIT ${pageSize}) AS page) AS hits,`,
    facets.join(',\n'),
  ].join('\n');
}

/** Every dataset id the query matches, for comparing match sets with the catalog index. */
export function matchIdsStatement(schema: string): string {
  return `SELECT d.id FROM ${checkSchemaName(schema)}.datasets AS d WHERE d.document @@ to_tsquery('simple'::regconfig, $1)`;
}

export interface PeerHit {
  id: string;
  title: string;
  rank: number;
}

export interface PeerSearchResult {
  totalCount: number;
  hits: PeerHit[];
  hasNextPage: boolean;
  facets: SearchFacets;
}

/** The one row of searchStatement as a search result with at most `first` hits. */
export function toPeerResult(row: Record<string, unknown>, first: number): PeerSearchResult {
  const hits = (row.hits ?? []) as PeerHit[];
  const facets = Object.fromEntries((Object.keys(FACET_SQL) as FacetName[]).map((name) => [name, (row[name] ?? []) as FacetCount[]]));
  return { totalCount: Number(row.total), hits: hits.slice(0, first), hasNextPage: hits.length > first, facets: facets as unknown as SearchFacets };
}
