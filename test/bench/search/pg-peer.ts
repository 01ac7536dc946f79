import pg from 'pg';
import type { IndexedDataset } from '../../../subgraphs/catalog-index/catalog-index.js';
import {
  COLUMNS, indexStatements, insertStatement, matchIdsStatement, rowValues, schemaStatements, sessionStatements, searchStatement, toPeerResult, toTsQuery,
  PEER_SESSION_SETTINGS, type PeerSearchResult,
} from './pg-search-sql.js';

// PostgreSQL as the search benchmark's peer: its own schema in the database BENCH_PG_URL names,
// filled with the benchmark's datasets, queried from this process, dropped at the end.

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const PEER_SCHEMA = 'concord_bench_search';

/** Rows per INSERT: 12 columns each stays well under PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 1000;

/** The URL as it may be printed: any password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** One line for why PostgreSQL could not be used, whatever the driver threw. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.split('\n')[0]!.trim();
    if (message && typeof code === 'string' && !message.includes(code)) return `${message} (${code})`;
    return message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

export interface PeerFacts {
  version: string;
  /** The server's settings that bear on these queries, as configured. */
  serverSettings: Record<string, string>;
  /** What this session sets on top (PEER_SESSION_SETTINGS). */
  sessionSettings: Readonly<Record<string, string>>;
  loadMs: number;
  indexMs: number;
  tableMB: number;
  indexMB: number;
}

export type PeerStart = { peer: PgPeer } | { skipped: string };

export class PgPeer {
  private constructor(
    private readonly client: pg.Client,
    private readonly schema: string,
    readonly facts: PeerFacts,
  ) {}

  /**
   * Connects, creates the schema, loads every dataset and builds the index; never throws: when
   * PostgreSQL cannot be reached or refuses, the reason comes back instead, for one line in the report.
   */
  static async start(options: {
    url: string;
    schema?: string;
    datasets: readonly IndexedDataset[];
    log: (line: string) => void;
  }): Promise<PeerStart> {
    const schema = options.schema ?? PEER_SCHEMA;
    const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5000, application_name: 'concord-bench-search' });
    // An idle client whose server goes away emits 'error'; unhandled, that would end the run.
    client.on('error', (error) => options.log(`PostgreSQL connection error: ${describeError(error)}`));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      return { skipped: `cannot connect to ${redactUrl(options.url)}: ${describeError(error)}` };
    }
    try {
      const version = String((await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? 'unknown');
      const serverSettings = Object.fromEntries((await client.query<{ name: string; setting: string }>(
        "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather') ORDER BY name",
      )).rows.map((r) => [r.name, r.setting]));
      for (const statement of [...sessionStatements(), ...schemaStatements(schema)]) await client.query(statement);
      const loadStarted = performance.now();
      for (let from = 0; from < options.datasets.length; from += ROWS_PER_INSERT) {
        const batch = options.datasets.slice(from, from + ROWS_PER_INSERT);
        await client.query(insertStatement(schema, batch.length), batch.flatMap(rowValues));
        const loaded = from + batch.length;
        if (loaded % 20_000 === 0 || loaded === options.datasets.length) options.log(`PostgreSQL: ${loaded}/${options.datasets.length} datasets loaded`);
      }
      const loadMs = performance.now() - loadStarted;
      const indexStarted = performance.now();
      for (const statement of indexStatements(schema)) await client.query(statement);
      const indexMs = performance.now() - indexStarted;
      const sizes = (await client.query<{ table: string; index: string }>(
        `SELECT pg_total_relation_size('${schema}.datasets') - pg_indexes_size('${schema}.datasets') AS table, pg_indexes_size('${schema}.datasets') AS index`,
      )).rows[0]!;
      const mb = (bytes: string) => Math.round(Number(bytes) / 1024 / 1024);
      const facts = { version, serverSettings, sessionSettings: PEER_SESSION_SETTINGS, loadMs: Math.round(loadMs), indexMs: Math.round(indexMs), tableMB: mb(sizes.table), indexMB: mb(sizes.index) };
      options.log(`PostgreSQL ${version}: loaded in ${facts.loadMs} ms (${COLUMNS.length} columns, tsvector generated on insert), GIN index and ANALYZE in ${facts.indexMs} ms; table ${facts.tableMB} MB, index ${facts.indexMB} MB`);
      return { peer: new PgPeer(client, schema, facts) };
    } catch (error) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await client.end().catch(() => undefined);
      return { skipped: `PostgreSQL at ${redactUrl(options.url)} refused the benchmark's schema or data: ${describeError(error)}` };
    }
  }

  /** The page of `first` hits, the match count and every facet, in one round trip. */
  async search(query: string, first: number): Promise<PeerSearchResult> {
    const tsquery = toTsQuery(query);
    const result = tsquery === null
      ? await this.client.query(searchStatement(this.schema, false), [first + 1])
      : await this.client.query(searchStatement(this.schema, true), [tsquery, first + 1]);
    return toPeerResult(result.rows[0] as Record<string, unknown>, first);
  }

  /** Every id the query matches (all of them for an empty query). */
  async matchIds(query: string): Promise<Set<string>> {
    const tsquery = toTsQuery(query);
    const result = tsquery === null
      ? await this.client.query<{ id: string }>(`SELECT id FROM ${this.schema}.datasets`)
      : await this.client.query<{ id: string }>(matchIdsStatement(this.schema), [tsquery]);
    return new Set(result.rows.map((r) => r.id));
  }

  /** Drops the schema and disconnects; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    } finally {
      await this.client.end().catch(() => undefined);
    }
  }

  #closed = false;
}
