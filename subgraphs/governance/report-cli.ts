import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AuditLogUnavailableError } from '../../runtime/audit/audit-log.js';
import { RedisAuditLog } from '../../runtime/audit/redis-audit-log.js';
import { complianceReport } from '../../runtime/audit/reports/compliance-report.js';
import { parsePeriod, PeriodError, type Period } from '../../runtime/audit/reports/period.js';
import { providerReport } from '../../runtime/audit/reports/provider-report.js';
import { renderComplianceReport, renderProviderReport, type RenderedReport } from '../../runtime/audit/reports/render-markdown.js';
import { ConfigError, readPositiveInt, readRedisKeyPrefix, readRedisUrl, readSupergraphFile, type Env } from '../../runtime/env.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import { partnersInSupergraph } from '../catalog-index/partner-directory.js';
import { DEFAULT_DECISION_DEADLINE_DAYS } from './config.js';
import { DEFAULT_PAGE_SIZE, loadReportSources, type ReportSources } from './report-sources.js';
import { GovernanceStoreUnavailableError } from './store/governance-store.js';
import { RedisGovernanceStore } from './store/redis-governance-store.js';

// `npm run report -- compliance|provider ...` (ARCHITECTURE.md "Audit"; issue 11 items 4 and 5):
// reads every request and grant from the governance store and the period's records from the audit
// trail, both in Redis, and writes the report as Markdown with its SVG chart beside it.

export const USAGE = `usage: npm run report -- <command>

  compliance --period PERIOD [--out DIR]              the board's compliance findings, fit to publish:
                                                      DIR/compliance-PERIOD.md and .svg
  provider --partner ID --period PERIOD [--out DIR]   how the partner's datasets were used:
                                                      DIR/provider-ID-PERIOD.md and .svg

PERIOD is a year (2026), a quarter (2026-Q4) or a month (2026-11), in UTC. DIR defaults to reports/.
ID is a partner of the supergraph (SUPERGRAPH_PATH or --supergraph FILE, default schema/supergraph.graphql).
Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default ${DEFAULT_KEY_PREFIX}),
DECISION_DEADLINE_DAYS (default ${DEFAULT_DECISION_DEADLINE_DAYS}, as the governance subgraph's).
Exit codes: 0 written, 1 the governance store, the audit trail or DIR could not be used, 2 bad usage.`;

export interface ReportCliIo {
  stdout: Writable;
  stderr: Writable;
  env: Env;
  /** The current time: deadlines after it have not passed yet (tests fix it). */
  now?: () => Date;
  /** Records between two progress lines on stderr (default 100,000). */
  progressEvery?: number;
}

class UsageError extends Error {}

type Command = { name: 'help' } | ({ name: 'compliance' } & Job) | ({ name: 'provider'; partnerId: string } & Job);

interface Job {
  period: Period;
  out: string;
  partnerIds: string[];
  redisUrl: string;
  prefix: string;
  deadlineDays: number;
}

/** Runs one command; resolves with the process's exit code. */
export async function main(argv: readonly string[], io: ReportCliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`report: ${text}\n`);
  let command: Command;
  try {
    command = parse(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError || error instanceof PeriodError)) throw error;
    say(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return run(command, io, say);
}

async function run(job: Exclude<Command, { name: 'help' }>, io: ReportCliIo, say: (text: string) => void): Promise<number> {
  const store = RedisGovernanceStore.connect(job.redisUrl, { prefix: job.prefix, timeoutMs: 10_000 });
  const audit = RedisAuditLog.connect(job.redisUrl, { prefix: job.prefix, timeoutMs: 10_000 });
  try {
    if (!(await store.ping()) || !(await audit.ping())) {
      say(`Redis does not answer at ${hostOf(job.redisUrl)} (REDIS_URL)`);
      return 1;
    }
    const sources = await read(job, store, audit, io, say);
    const rendered = render(job, sources, io.now?.() ?? new Date());
    const files = await writeReport(job.out, fileStem(job), rendered);
    say(`wrote ${files.join(' and ')}`);
    io.stdout.write(`${files.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof GovernanceStoreUnavailableError || error instanceof AuditLogUnavailableError) {
      say(`${error.message}; nothing written`);
      return 1;
    }
    if (error instanceof OutputError) {
      say(error.message);
      return 1;
    }
    throw error;
  } finally {
    await Promise.all([store.close(), audit.close()]);
  }
}

async function read(job: Job, store: RedisGovernanceStore, audit: RedisAuditLog, io: ReportCliIo, say: (text: string) => void): Promise<ReportSources> {
  const every = io.progressEvery ?? 100_000;
  const started = performance.now();
  let nextProgress = every;
  const sources = await loadReportSources({
    store,
    audit,
    period: job.period,
    pageSize: Math.min(DEFAULT_PAGE_SIZE, every),
    onRecords: (count) => {
      if (count < nextProgress) return;
      say(`read ${count} audit records of ${job.period.label} so far`);
      nextProgress = (Math.floor(count / every) + 1) * every;
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  say(`read ${sources.requests.length} access requests, ${sources.grants.length} grants and ${sources.records.length} audit records of ${job.period.label} in ${seconds} s`);
  return sources;
}

function render(job: Exclude<Command, { name: 'help' }>, sources: ReportSources, now: Date): RenderedReport {
  if (job.name === 'compliance') {
    return renderComplianceReport(complianceReport({ ...sources, period: job.period, partnerIds: job.partnerIds, now, decisionDeadlineDays: job.deadlineDays }));
  }
  return renderProviderReport(providerReport({ ...sources, partnerId: job.partnerId, period: job.period }));
}

function fileStem(job: Exclude<Command, { name: 'help' }>): string {
  return job.name === 'compliance' ? `compliance-${job.period.label}` : `provider-${job.partnerId}-${job.period.label}`;
}

class OutputError extends Error {}

/**
 * The chart, then the Markdown that links it, each written under a temporary name and renamed, so
 * a reader never finds half a file nor a Markdown whose chart is missing.
 */
async function writeReport(out: string, stem: string, rendered: RenderedReport): Promise<string[]> {
  const markdown = join(out, `${stem}.md`);
  const svg = join(out, rendered.svgFileName);
  try {
    await mkdir(out, { recursive: true });
    for (const [path, text] of [[svg, rendered.svg], [markdown, rendered.markdown]] as const) {
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, text, 'utf8');
      await rename(partial, path);
    }
  } catch (error) {
    throw new OutputError(`cannot write the report into ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing more written`);
  }
  return [markdown, svg];
}

function parse(argv: readonly string[], env: Env): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { period: { type: 'string' }, partner: { type: 'string' }, out: { type: 'string' }, supergraph: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (values.help || name === 'help') return { name: 'help' };
  if (name === undefined) throw new UsageError('a command is required: compliance or provider');
  if (name !== 'compliance' && name !== 'provider') throw new UsageError(`unknown command ${JSON.stringify(name)}: expected compliance or provider`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (values.period === undefined) throw new UsageError(`${name} needs --period PERIOD`);
  const period = parsePeriod(values.period);
  if (name === 'compliance' && values.partner !== undefined) throw new UsageError('compliance covers every partner: --partner is for provider');
  if (name === 'provider' && values.partner === undefined) throw new UsageError('provider needs --partner ID');
  const out = values.out ?? 'reports';
  if (out.trim() === '') throw new UsageError('--out needs a folder');
  const partnerIds = partnersOf(values.supergraph ?? (env.SUPERGRAPH_PATH || 'schema/supergraph.graphql'));
  const job = { period, out, partnerIds, ...redisOf(env), deadlineDays: readPositiveInt(env, 'DECISION_DEADLINE_DAYS', DEFAULT_DECISION_DEADLINE_DAYS) };
  if (name === 'compliance') return { name, ...job };
  const partnerId = values.partner!;
  if (!partnerIds.includes(partnerId)) {
    throw new UsageError(`unknown partner ${JSON.stringify(partnerId)}: the supergraph's partners are ${partnerIds.join(', ') || 'none'}`);
  }
  return { name, partnerId, ...job };
}

/** The partners of the supergraph, found as the index and the governance subgraph find them. */
function partnersOf(supergraphPath: string): string[] {
  const sdl = readSupergraphFile(supergraphPath);
  try {
    return partnersInSupergraph(sdl).map((partner) => partner.id);
  } catch (error) {
    throw new ConfigError(`supergraph file "${supergraphPath}" lists no partners it can read: ${(error as Error).message}`);
  }
}

function redisOf(env: Env): { redisUrl: string; prefix: string } {
  const redisUrl = readRedisUrl(env);
  if (redisUrl === null) {
    throw new UsageError(
      'REDIS_URL is required: the reports read the governance store and the audit trail in Redis. ' +
      'Without Redis they live inside the running services: ask the gateway for the complianceReport or providerReport query instead',
    );
  }
  return { redisUrl, prefix: readRedisKeyPrefix(env, DEFAULT_KEY_PREFIX) };
}

/** Where Redis is, without the URL's password. */
function hostOf(url: string): string {
  return new URL(url).host;
}
