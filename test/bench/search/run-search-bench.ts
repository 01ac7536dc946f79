import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
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
import { scaleCatalogs } from './scale-catalogs.js';
import { sampleQueries } from './search-queries.js';

// `npm run bench:search`: the catalog index at scale. 100,000 generated datasets across 10
// partners; index build time and memory; search latency (p50, p95) for one- to three-word queries
// with every facet, in-process and through the gateway. Targets (issue 4): p95 <= 20 ms in-process,
// <= 50 ms through the gateway.

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10);
const PER_PARTNER = Number(process.env.BENCH_PER_PARTNER ?? 10_000);
const QUERIES = 500;
const GATEWAY_QUERIES = 300;
const SECRET = 'bench-only-signing-secret-0123456789abcdef';
const RESULTS = new URL('../results/', import.meta.url);

const log = (message: string) => process.stdout.write(`[bench:search] ${message}\n`);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);

function toIndexed(partnerId: string, d: DatasetRecord): IndexedDataset {
  return {
    id: d.id, partnerId, title: d.title, description: d.description, keywords: d.keywords, themes: d.themes,
    dataClass: d.dataClass, licenceId: d.licence.id, useConditions: d.useConditions, embargoUntil: d.embargoUntil ?? null,
    issued: d.issued, modified: d.modified,
  };
}

function measureInProcess(catalogs: CatalogFile[], queries: string[]) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new InMemoryCatalogIndex();
  for (const catalog of catalogs) index.replacePartner(catalog.partner.id, catalog.datasets.map((d) => toIndexed(catalog.partner.id, d)));
  const buildMs = performance.now() - started;
  globalThis.gc?.();
  const indexBytes = process.memoryUsage().heapUsed - heapBefore;
  log(`index built: ${catalogs.reduce((n, c) => n + c.datasets.length, 0)} datasets in ${round(buildMs, 0)} ms, ${mb(indexBytes)} MB of heap`);
  for (const query of queries.slice(0, 50)) index.search({ query, sort: 'RELEVANCE', first: 20 });
  const samples: number[] = [];
  let hits = 0;
  for (const [i, query] of queries.entries()) {
    const t = performance.now();
    const result = index.search({ query, sort: 'RELEVANCE', first: 20 });
    samples.push(performance.now() - t);
    hits += result.totalCount;
    if ((i + 1) % 100 === 0) log(`in-process: ${i + 1}/${queries.length} queries`);
  }
  return { buildMs: round(buildMs, 0), indexHeapMB: mb(indexBytes), p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2), meanHits: round(hits / queries.length, 0) };
}

async function measureThroughGateway(catalogs: CatalogFile[], queries: string[]) {
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
  const query = `query S($q: String!) { search(query: $q, first: 20) { totalCount
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
    for (const [i, q] of queries.slice(0, GATEWAY_QUERIES).entries()) {
      const t = performance.now();
      await send(q);
      samples.push(performance.now() - t);
      if ((i + 1) % 100 === 0) log(`through the gateway: ${i + 1}/${GATEWAY_QUERIES} queries`);
    }
    return { harvestSeconds: round(harvestMs / 1000, 1), p50: round(percentile(samples, 50), 1), p95: round(percentile(samples, 95), 1) };
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
log(`generating ${PARTNERS} partners x ${PER_PARTNER} datasets`);
const catalogs = scaleCatalogs(PARTNERS, PER_PARTNER);
log(`generated in ${round((performance.now() - started) / 1000, 1)} s`);
const queries = sampleQueries(catalogs, QUERIES);
const inProcess = measureInProcess(catalogs, queries);
const gateway = await measureThroughGateway(catalogs, queries);
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: round(totalmem() / 1024 ** 3, 0), node: process.version };
const report = {
  datasets: PARTNERS * PER_PARTNER, partners: PARTNERS, queries: QUERIES, gatewayQueries: GATEWAY_QUERIES, machine,
  inProcess, gateway, targets: { inProcessP95Ms: 20, gatewayP95Ms: 50 },
  verdict: { inProcess: inProcess.p95 <= 20 ? 'met' : 'missed', gateway: gateway.p95 <= 50 ? 'met' : 'missed' },
};
const markdown = [
  `# Search at scale: ${report.datasets.toLocaleString('en')} datasets, ${PARTNERS} partners`,
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}.`,
  '',
  '| measure | value | target |',
  '| --- | --- | --- |',
  `| index build (in-process) | ${inProcess.buildMs} ms | |`,
  `| index heap | ${inProcess.indexHeapMB} MB | |`,
  `| harvest over HTTP (${PARTNERS} partners) | ${gateway.harvestSeconds} s | |`,
  `| mean matches per query | ${inProcess.meanHits} | |`,
  `| search p50 / p95, in-process, with all facets | ${inProcess.p50} / ${inProcess.p95} ms | p95 <= 20 ms: ${report.verdict.inProcess} |`,
  `| search p50 / p95, through the gateway (ids and titles from the partners) | ${gateway.p50} / ${gateway.p95} ms | p95 <= 50 ms: ${report.verdict.gateway} |`,
  '',
].join('\n');
mkdirSync(RESULTS, { recursive: true });
writeFileSync(new URL('search-scale.json', RESULTS), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(new URL('search-scale.md', RESULTS), markdown);
process.stdout.write(`\n${markdown}\n`);
log(`done in ${round((performance.now() - started) / 1000, 0)} s; results in test/bench/results/search-scale.{json,md}`);
process.exit(0);
