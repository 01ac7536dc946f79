import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Agent, request } from 'undici';
import { composeCatalog } from '../../../schema/compose.js';
import { createGateway } from '../../../gateway/create-gateway.js';
import type { CatalogFile, DatasetRecord } from '../../../subgraphs/partner-kit/catalog-file.js';
import { createPartnerSubgraph } from '../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { parseCatalog } from '../../../subgraphs/partner-kit/load-catalog.js';
import { startPartnerServer } from '../../../subgraphs/partner-kit/serve-partner.js';
import type { IndexedDataset } from '../../../subgraphs/catalog-index/catalog-index.js';
import { createCatalogIndex, startCatalogIndexServer } from '../../../subgraphs/catalog-index/create-catalog-index.js';
import { InMemoryCatalogIndex } from '../../../subgraphs/catalog-index/in-memory-catalog-index.js';
import { partnersInSupergraph } from '../../../subgraphs/catalog-index/partner-directory.js';
import { silentLogger } from '../../../runtime/logger.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { percentile, round } from './latency.js';
import { comparePeer, formatRatio, summariseAgreement, type AgreementSample, type PeerComparison, type Percentiles } from './peer-comparison.js';
import { DEFAULT_PG_URL, describeError, PgPeer, redactUrl, type PeerFacts } from './pg-peer.js';
import { PREFIX_MIN_LENGTH } from './pg-search-sql.js';
import { scaleCatalogs } from './scale-catalogs.js';
import { hasTypo, sampleQueries } from './search-queries.js';

// `npm run bench:search`: the catalog index at scale. 100,000 generated datasets across 10
// partners; index build time and memory; search latency (p50, p95) for one- to three-word queries
// with every facet, in-process and through the gateway. Judged against a peer in the same run, not
// against fixed milliseconds: PostgreSQL full-text search over the same datasets (BENCH_PG_URL),
// asked the same queries, interleaved with Concord's, must not have a lower p95 than Concord.

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10);
const PER_PARTNER = Number(process.env.BENCH_PER_PARTNER ?? 10_000);
const PG_URL = process.env.BENCH_PG_URL || DEFAULT_PG_URL;
const QUERIES = 500;
const GATEWAY_QUERIES = 300;
const FIRST = 20;
const SECRET = 'bench-only-signing-secret-0123456789abcdef';
const RESULTS = new URL('../results/', import.meta.url);

const log = (message: string) => process.stdout.write(`[bench:search] ${message}\n`);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
const percentiles = (samples: number[], digits: number): Percentiles => ({ p50: round(percentile(samples, 50), digits), p95: round(percentile(samples, 95), digits) });

function toIndexed(partnerId: string, d: DatasetRecord): IndexedDataset {
  return {
    id: d.id, partnerId, title: d.title, description: d.description, keywords: d.keywords, themes: d.themes,
    dataClass: d.dataClass, licenceId: d.licence.id, useConditions: d.useConditions, embargoUntil: d.embargoUntil ?? null,
    issued: d.issued, modified: d.modified,
  };
}

/** The peer while it answers; after a failure mid-run the comparison is dropped with its reason. */
class PeerRun {
  failure: string | null = null;
  constructor(readonly peer: PgPeer | null, readonly skipped: string | null) {}

  get active(): PgPeer | null {
    return this.failure === null ? this.peer : null;
  }

  /** Runs one call on the peer; on an error, stops using it and says why once. */
  async use<T>(call: (peer: PgPeer) => Promise<T>): Promise<T | null> {
    const peer = this.active;
    if (!peer) return null;
    try {
      return await call(peer);
    } catch (error) {
      this.failure = `PostgreSQL stopped answering: ${describeError(error)}`;
      log(`${this.failure}; the run goes on without the peer`);
      return null;
    }
  }
}

async function startPeer(catalogs: CatalogFile[]): Promise<PeerRun> {
  log(`PostgreSQL peer at ${redactUrl(PG_URL)}: connecting`);
  const started = await PgPeer.start({ url: PG_URL, datasets: catalogs.flatMap((c) => c.datasets.map((d) => toIndexed(c.partner.id, d))), log });
  if ('skipped' in started) {
    log(`PostgreSQL peer skipped: ${started.skipped}. Concord's figures follow without a comparison.`);
    return new PeerRun(null, started.skipped);
  }
  return new PeerRun(started.peer, null);
}

async function measureInProcess(catalogs: CatalogFile[], queries: string[], peer: PeerRun) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new InMemoryCatalogIndex();
  for (const catalog of catalogs) index.replacePartner(catalog.partner.id, catalog.datasets.map((d) => toIndexed(catalog.partner.id, d)));
  const buildMs = performance.now() - started;
  globalThis.gc?.();
  const indexBytes = process.memoryUsage().heapUsed - heapBefore;
  log(`index built: ${catalogs.reduce((n, c) => n + c.datasets.length, 0)} datasets in ${round(buildMs, 0)} ms, ${mb(indexBytes)} MB of heap`);
  for (const query of queries.slice(0, 50)) {
    index.search({ query, sort: 'RELEVANCE', first: FIRST });
    await peer.use((p) => p.search(query, FIRST));
  }
  const concordSamples: number[] = [];
  const peerSamples: number[] = [];
  let hits = 0;
  let peerHits = 0;
  const concordSearch = (query: string) => {
    const t = performance.now();
    const result = index.search({ query, sort: 'RELEVANCE', first: FIRST });
    concordSamples.push(performance.now() - t);
    hits += result.totalCount;
  };
  const peerSearch = async (query: string) => {
    const t = performance.now();
    const result = await peer.use((p) => p.search(query, FIRST));
    if (result) {
      peerSamples.push(performance.now() - t);
      peerHits += result.totalCount;
    }
  };
  // Query by query, alternating which goes first, so both meet the same moments of a shared machine.
  for (const [i, query] of queries.entries()) {
    if (i % 2 === 0) {
      concordSearch(query);
      await peerSearch(query);
    } else {
      await peerSearch(query);
      concordSearch(query);
    }
    if ((i + 1) % 100 === 0) log(`in-process${peer.active ? ' and PostgreSQL, interleaved' : ''}: ${i + 1}/${queries.length} queries`);
  }
  const agreement = peer.active ? await checkAgreement(index, queries, peer) : null;
  const peerFigures = peer.active && peerSamples.length === queries.length
    ? { ...percentiles(peerSamples, 2), meanHits: round(peerHits / queries.length, 0) }
    : null;
  return {
    concord: { buildMs: round(buildMs, 0), indexHeapMB: mb(indexBytes), ...percentiles(concordSamples, 2), meanHits: round(hits / queries.length, 0) },
    peer: peerFigures,
    agreement,
  };
}

/**
 * Both asked every query once more, untimed: totals, match sets, first pages and, where every
 * PostgreSQL match is also a Concord match, the facets of Concord's search narrowed to PostgreSQL's
 * matches (through `usable`, which sees every match) against PostgreSQL's own.
 */
async function checkAgreement(index: InMemoryCatalogIndex, queries: string[], peer: PeerRun) {
  const samples: AgreementSample[] = [];
  for (const [i, query] of queries.entries()) {
    const concordIds = new Set<string>();
    const concord = index.search({ query, sort: 'RELEVANCE', first: FIRST, usable: (d) => { concordIds.add(d.id); return true; } });
    const peerResult = await peer.use((p) => p.search(query, FIRST));
    const peerIds = await peer.use((p) => p.matchIds(query));
    if (!peerResult || !peerIds) return null;
    const peerAlsoInConcord = [...peerIds].filter((id) => concordIds.has(id)).length;
    let facetsEqual: boolean | null = null;
    if (peerAlsoInConcord === peerIds.size) {
      const narrowed = index.search({ query, sort: 'RELEVANCE', first: FIRST, usable: (d) => peerIds.has(d.id) });
      facetsEqual = narrowed.totalCount === peerResult.totalCount && isDeepStrictEqual(narrowed.facets, peerResult.facets);
    }
    const concordPage = new Set(concord.hits.map((h) => h.dataset.id));
    samples.push({
      typo: hasTypo(i), concordTotal: concord.totalCount, peerTotal: peerResult.totalCount, peerAlsoInConcord,
      samePageIds: peerResult.hits.filter((h) => concordPage.has(h.id)).length, pageSize: FIRST, facetsEqual,
    });
    if ((i + 1) % 100 === 0) log(`same question? ${i + 1}/${queries.length} queries compared`);
  }
  return summariseAgreement(samples);
}

async function measureThroughGateway(catalogs: CatalogFile[], queries: string[], peer: PeerRun) {
  const partners: RunningHttpServer[] = [];
  for (const catalog of catalogs) {
    const subgraph = createPartnerSubgraph({ partner: catalog.partner.id, catalog: parseCatalog(catalog, `${catalog.partner.id}.json`) });
    partners.push(await startPartnerServer({ subgraph, port: 0, logger: silentLogger, signingSecret: SECRET }));
  }
  log(`${partners.length} partner subgraphs listening`);
  const manifest = {
    catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:1/graphql' },
    partners: catalogs.map((c, i) => ({ id: c.partner.id, url: partners[i]!.url, catalog: 'generated' })),
  };
  const indexServiceSdl = composeCatalog(manifest).supergraphSdl;
  const index = createCatalogIndex({ partners: partnersInSupergraph(indexServiceSdl), logger: silentLogger, signingSecret: SECRET, harvestPageSize: 2000 });
  const harvestStarted = performance.now();
  await index.harvester.harvestAll('full');
  const harvestMs = performance.now() - harvestStarted;
  log(`harvested ${catalogs.length} partners over HTTP in ${round(harvestMs / 1000, 1)} s`);
  const indexServer = await startCatalogIndexServer({ service: index, port: 0, logger: silentLogger, signingSecret: SECRET });
  const scratchFolder = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const supergraphPath = join(scratchFolder, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeCatalog({ ...manifest, catalogIndex: { name: 'catalog-index', url: indexServer.url } }).supergraphSdl);
  const gateway = await createGateway({
    port: 0, host: '127.0.0.1', supergraphPath, subgraphUrls: new Map(), subgraphTimeoutMs: 10_000, maxRequestBytes: 1_000_000,
    maxQueryDepth: 20, maxAliases: 100, introspection: false, redisUrl: null, authzMode: 'filter', authn: { configured: false },
    principalSubgraphs: null, subgraphSigningSecret: SECRET, logLevel: 'silent',
  }, { logger: silentLogger }).listen();
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const query = `query S($q: String!) { search(query: $q, first: ${FIRST}) { totalCount
    facets { partners { value count } licences { value count } dataClasses { value count } themes { value count } keywords { value count } useConditions { value count } years { value count } }
    edges { node { id title } } } }`;
  const send = async (q: string) => {
    const response = await request(gateway.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { q } }) });
    const body = await response.body.json() as { errors?: unknown[] };
    if (body.errors) throw new Error(`gateway answered errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  };
  try {
    for (const q of queries.slice(0, 30)) await send(q);
    const samples: number[] = [];
    const peerSamples: number[] = [];
    const gatewaySearch = async (q: string) => {
      const t = performance.now();
      await send(q);
      samples.push(performance.now() - t);
    };
    const peerSearch = async (q: string) => {
      const t = performance.now();
      if (await peer.use((p) => p.search(q, FIRST))) peerSamples.push(performance.now() - t);
    };
    for (const [i, q] of queries.slice(0, GATEWAY_QUERIES).entries()) {
      if (i % 2 === 0) {
        await gatewaySearch(q);
        await peerSearch(q);
      } else {
        await peerSearch(q);
        await gatewaySearch(q);
      }
      if ((i + 1) % 100 === 0) log(`through the gateway${peer.active ? ' and PostgreSQL, interleaved' : ''}: ${i + 1}/${GATEWAY_QUERIES} queries`);
    }
    return {
      concord: { harvestSeconds: round(harvestMs / 1000, 1), ...percentiles(samples, 1) },
      peer: peer.active && peerSamples.length === GATEWAY_QUERIES ? percentiles(peerSamples, 2) : null,
    };
  } finally {
    await agent.close();
    await gateway.close();
    await indexServer.close();
    await index.harvester.close();
    await Promise.all(partners.map((p) => p.close()));
    rmSync(scratchFolder, { recursive: true, force: true });
  }
}

const started = performance.now();
const loadAtStart = loadavg().map((l) => round(l, 2));
log(`load average at start: ${loadAtStart.join(', ')} (${cpus().length} cores)`);
log(`generating ${PARTNERS} partners x ${PER_PARTNER} datasets`);
const catalogs = scaleCatalogs(PARTNERS, PER_PARTNER);
log(`generated in ${round((performance.now() - started) / 1000, 1)} s`);
const queries = sampleQueries(catalogs, QUERIES);
const peer = await startPeer(catalogs);
// The one SIGINT handler of the run: the peer's schema is dropped before the process ends.
process.once('SIGINT', () => {
  log('interrupted: dropping the PostgreSQL peer schema');
  void (peer.peer?.close() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(130));
});
const inProcess = await measureInProcess(catalogs, queries, peer);
const gateway = await measureThroughGateway(catalogs, queries, peer);
await peer.peer?.close().catch((error: unknown) => log(`could not drop the PostgreSQL peer schema: ${describeError(error)}`));
const loadAtEnd = loadavg().map((l) => round(l, 2));

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: round(totalmem() / 1024 ** 3, 0), node: process.version };
const peerFacts: PeerFacts | null = peer.peer?.facts ?? null;
const peerMeasured = peer.failure === null && peerFacts !== null && inProcess.peer !== null && gateway.peer !== null;
const comparison: { inProcess: PeerComparison; gateway: PeerComparison } | null = peerMeasured
  ? { inProcess: comparePeer(inProcess.concord, inProcess.peer!), gateway: comparePeer(gateway.concord, gateway.peer!) }
  : null;
const peerStatus = peer.skipped ?? peer.failure;
const report = {
  datasets: PARTNERS * PER_PARTNER, partners: PARTNERS, queries: QUERIES, gatewayQueries: GATEWAY_QUERIES, first: FIRST, machine,
  loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
  inProcess: inProcess.concord,
  gateway: gateway.concord,
  peer: peerMeasured
    ? {
      status: 'measured', engine: `PostgreSQL ${peerFacts!.version}`, url: redactUrl(PG_URL),
      serverSettings: peerFacts!.serverSettings, sessionSettings: peerFacts!.sessionSettings,
      loadMs: peerFacts!.loadMs, indexMs: peerFacts!.indexMs, tableMB: peerFacts!.tableMB, indexMB: peerFacts!.indexMB,
      alongsideInProcess: inProcess.peer, alongsideGateway: gateway.peer, agreement: inProcess.agreement,
    }
    : { status: 'skipped', reason: peerStatus ?? 'no complete measurement' },
  target: "Concord's p95 at most PostgreSQL's, measured in the same run on the same queries",
  comparison,
  verdict: {
    inProcess: comparison?.inProcess.verdict ?? 'not measured',
    gateway: comparison?.gateway.verdict ?? 'not measured',
  },
};

function markdownReport(): string {
  const lines = [
    `# Search at scale: ${report.datasets.toLocaleString('en')} datasets, ${PARTNERS} partners`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; load average (1 min) ${loadAtStart[0]} at the start, ${loadAtEnd[0]} at the end.`,
    '',
  ];
  if (peerMeasured) {
    const f = peerFacts!;
    const settings = Object.entries(f.sessionSettings).map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(
      `Peer: PostgreSQL ${f.version} on the same machine, full-text search over the same datasets (a tsvector of title A, keywords B, themes C, description D with ts_rank weights in the catalog index's boost proportions 4 : 2.5 : 1.5 : 1, a GIN index, \`simple\` configuration), asked the same ${QUERIES} queries with the same \`first: ${FIRST}\` and the same seven facets counted in SQL over every match, in one round trip from the benchmark's process. Session settings: ${settings}. Each Concord query alternates with the same PostgreSQL query; Concord's typo tolerance is on.`,
      '',
    );
  } else {
    lines.push(`Peer: PostgreSQL skipped (${peerStatus ?? 'no complete measurement'}); no verdict.`, '');
  }
  lines.push(
    '| measure | Concord | PostgreSQL |',
    '| --- | --- | --- |',
    `| index build | ${inProcess.concord.buildMs} ms (in-process) | ${peerMeasured ? `${peerFacts!.loadMs} ms load (multi-row INSERT, tsvector generated) + ${peerFacts!.indexMs} ms GIN index and ANALYZE` : '-'} |`,
    `| index size | ${inProcess.concord.indexHeapMB} MB of heap | ${peerMeasured ? `${peerFacts!.tableMB} MB table + ${peerFacts!.indexMB} MB index` : '-'} |`,
    `| harvest over HTTP (${PARTNERS} partners) | ${gateway.concord.harvestSeconds} s | |`,
    `| mean matches per query | ${inProcess.concord.meanHits} | ${inProcess.peer?.meanHits ?? '-'} |`,
    '',
    '| search p50 / p95, with all facets | Concord | PostgreSQL, same run | ratio p50 / p95 | Concord p95 at most PostgreSQL\'s |',
    '| --- | --- | --- | --- | --- |',
    `| in-process index; SQL from the same process | ${inProcess.concord.p50} / ${inProcess.concord.p95} ms | ${inProcess.peer ? `${inProcess.peer.p50} / ${inProcess.peer.p95} ms` : '-'} | ${formatRatio(comparison?.inProcess.p50Ratio)} / ${formatRatio(comparison?.inProcess.p95Ratio)} | ${report.verdict.inProcess} |`,
    `| through the gateway (ids and titles from the partners); SQL alongside | ${gateway.concord.p50} / ${gateway.concord.p95} ms | ${gateway.peer ? `${gateway.peer.p50} / ${gateway.peer.p95} ms` : '-'} | ${formatRatio(comparison?.gateway.p50Ratio)} / ${formatRatio(comparison?.gateway.p95Ratio)} | ${report.verdict.gateway} |`,
    '',
    'A ratio is Concord\'s time over PostgreSQL\'s: below 1, Concord answered faster.',
    '',
  );
  const a = inProcess.agreement;
  if (peerMeasured && a) {
    const percent = (share: number | null) => (share === null ? '-' : `${round(share * 100, 1)} %`);
    lines.push(
      '## Same question?',
      '',
      `Both require every word and take the last one as a prefix (from ${PREFIX_MIN_LENGTH} letters). Concord also forgives typos (words of five letters or more, one edit in five letters, at most two); PostgreSQL matches words as typed. Ranking differs: BM25 in Concord, ts_rank (normalised by document length) in PostgreSQL.`,
      '',
      `- ${a.exact.queries} queries without a typo: the same total for ${a.exact.sameTotal}; PostgreSQL's total over Concord's is ${a.exact.medianTotalRatio ?? '-'} (median), Concord's typo tolerance also matching near spellings of the longer words; ${percent(a.exact.peerMatchesFoundByConcord)} of PostgreSQL's matches are also Concord's; the first ${FIRST} hits overlap ${percent(a.exact.medianPageOverlap)} (median).`,
      `- Facets: equal on ${a.exact.facetsEqual} of ${a.exact.facetsCompared} queries, comparing PostgreSQL's with Concord's over the same matches.`,
      `- ${a.typo.queries} queries with a letter dropped: PostgreSQL found nothing for ${a.typo.peerFoundNothing}, Concord found something for ${a.typo.concordFoundSomething}.`,
      '',
    );
  }
  return lines.join('\n');
}

const markdown = markdownReport();
mkdirSync(RESULTS, { recursive: true });
writeFileSync(new URL('search-scale.json', RESULTS), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(new URL('search-scale.md', RESULTS), markdown);
process.stdout.write(`\n${markdown}\n`);
log(`load average at the end: ${loadAtEnd.join(', ')}`);
log(`done in ${round((performance.now() - started) / 1000, 0)} s; results in test/bench/results/search-scale.{json,md}`);
process.exit(0);
