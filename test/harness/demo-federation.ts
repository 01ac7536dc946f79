import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { composeCatalog } from '../../schema/compose.js';
import { parseCatalog, type PartnerCatalog } from '../../subgraphs/partner-kit/load-catalog.js';
import { fileURLToPath } from 'node:url';
import { createPartnerSubgraph, type PartnerSubgraph } from '../../subgraphs/partner-kit/create-partner-subgraph.js';
import { startPartnerServer } from '../../subgraphs/partner-kit/serve-partner.js';
import { createCatalogIndex, startCatalogIndexServer, type CatalogIndexService } from '../../subgraphs/catalog-index/create-catalog-index.js';
import { partnersInSupergraph } from '../../subgraphs/catalog-index/partner-directory.js';
import { createGovernanceSubgraph, startGovernanceServer, type GovernanceSubgraph } from '../../subgraphs/governance/create-governance-subgraph.js';
import { InMemoryGovernanceStore } from '../../subgraphs/governance/store/in-memory-governance-store.js';
import type { GovernanceStore } from '../../subgraphs/governance/store/governance-store.js';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { Supergraph } from '@apollo/federation-internals';
import type { RunningHttpServer } from '../../runtime/http-server.js';
import { silentLogger } from '../../runtime/logger.js';
import { catalogPathOf, readFederationManifest, type FederationManifest } from '../../schema/federation-manifest.js';
import { createGateway, type GatewayHooks } from '../../gateway/create-gateway.js';
import type { GatewayConfig } from '../../gateway/config.js';
import { RequestRecorder } from './request-recorder.js';
import { TEST_AUTHN } from './tokens.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CATALOG_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface RunningPartner {
  id: string;
  subgraph: PartnerSubgraph;
  server: RunningHttpServer;
  recorder: RequestRecorder;
}

export interface DemoFederation {
  gatewayUrl: string;
  gatewayServer: RunningHttpServer;
  indexUrl: string;
  partners: Map<string, RunningPartner>;
  index: CatalogIndexService;
  indexRecorder: RequestRecorder;
  /** The governance subgraph, when the supergraph has one (its store in memory unless one is given). */
  governance?: { subgraph: GovernanceSubgraph; url: string; recorder: RequestRecorder };
  secondPasses: () => number;
  /** The one clock of the federation: the gateway's decisions, the partners' deletion dates and the index. */
  now: () => Date;
  close(): Promise<void>;
}

/** Tests only: a default signing key, for subgraphs that have no key of their own. */
export const TEST_SIGNING_SECRET = 'test-only-signing-secret-0123456789abcdef';

/** Tests only: each subgraph's own signing key. */
export function testSigningSecret(subgraph: string): string {
  return `test-only-key-of-${subgraph}-0123456789abcdef`;
}

export function gatewayConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    supergraphPath: CATALOG_SUPERGRAPH,
    subgraphUrls: new Map(),
    subgraphTimeoutMs: 5000,
    maxRequestBytes: 1_000_000,
    maxQueryDepth: 20,
    maxAliases: 100,
    introspection: true,
    redisUrl: null,
    principalSubgraphs: null,
    authzMode: 'filter',
    authn: { configured: false },
    subgraphSigningSecret: TEST_SIGNING_SECRET,
    logLevel: 'silent',
    ...overrides,
  };
}

/**
 * The demo federation in-process, on ephemeral loopback ports: real HTTP between the gateway, the
 * index and every partner of the repository's manifest (schema/subgraphs.json), on the committed
 * supergraph, with every subgraph request recorded. `hooks.now` (the real clock by default) is the
 * clock of every process, so that an oracle computed at a fixed time agrees with all of them.
 */
export async function startDemoFederation(hooks: GatewayHooks = {}, config: Partial<GatewayConfig> = {}, options: FederationOptions = {}): Promise<DemoFederation> {
  const manifest = readFederationManifest();
  return startFederation(partnersOf(manifest), manifest.catalogIndex.name, CATALOG_SUPERGRAPH, hooks, config, undefined, options);
}

export interface FederationOptions {
  /** The governance subgraph's store (a fresh one in memory by default); the federation closes it. */
  governanceStore?: GovernanceStore;
  /** The governance subgraph's audit trail (in memory by default, where the gateway appends without Redis); the federation closes it. */
  governanceAudit?: AuditLog;
}

/** The subgraph name the governance subgraph has in every supergraph composed from a manifest. */
const GOVERNANCE = 'governance';

/**
 * Every partner of a federation manifest (an object, or a manifest file) with its catalog file, on
 * a supergraph composed from that manifest: a test can add a partner in a temporary manifest and
 * run it exactly as the demo runs its own.
 */
export async function startManifestFederation(
  manifestOrFile: FederationManifest | string | URL, hooks: GatewayHooks = {}, config: Partial<GatewayConfig> = {}, options: FederationOptions = {},
): Promise<DemoFederation> {
  const manifest = typeof manifestOrFile === 'object' && !(manifestOrFile instanceof URL) ? manifestOrFile : readFederationManifest(manifestOrFile);
  const file = writeSupergraph(manifest);
  return startFederation(partnersOf(manifest), manifest.catalogIndex.name, file, hooks, { ...config, supergraphPath: file }, dirname(file), options);
}

/**
 * A federation of the given partner catalogs (loaded objects or files), composed on the fly: for
 * tests that need datasets the demo catalogs do not have. A catalog given loaded keeps the clock
 * it was loaded with (parseCatalog's `now`).
 */
export async function startFederationOf(
  catalogs: readonly { id: string; catalog: PartnerCatalog }[], hooks: GatewayHooks = {}, config: Partial<GatewayConfig> = {},
): Promise<DemoFederation> {
  const file = writeSupergraph({
    catalogIndex: { name: 'catalog-index', url: 'http://127.0.0.1:9/graphql' },
    partners: catalogs.map((c) => ({ id: c.id, url: 'http://127.0.0.1:9/graphql', catalog: 'in-memory' })),
  });
  return startFederation(catalogs, 'catalog-index', file, hooks, { ...config, supergraphPath: file }, dirname(file));
}

function partnersOf(manifest: FederationManifest): { id: string; catalog: string }[] {
  return manifest.partners.map((p) => ({ id: p.id, catalog: catalogPathOf(p) }));
}

/** The manifest's supergraph, composed as `npm run compose` would, in a temporary folder that close() removes. */
function writeSupergraph(manifest: FederationManifest): string {
  const file = join(mkdtempSync(join(tmpdir(), 'concord-federation-')), 'supergraph.graphql');
  writeFileSync(file, composeCatalog(manifest).supergraphSdl);
  return file;
}

/** A catalog file read with the federation's clock, by which the partner kit hides datasets past deletion. */
function catalogAt(catalog: string | PartnerCatalog, now: () => Date): PartnerCatalog {
  return typeof catalog === 'string' ? parseCatalog(JSON.parse(readFileSync(catalog, 'utf8')), catalog, now) : catalog;
}

async function startFederation(
  catalogs: readonly { id: string; catalog: string | PartnerCatalog }[], indexName: string, supergraphPath: string,
  hooks: GatewayHooks, config: Partial<GatewayConfig>, temporaryFolder?: string, options: FederationOptions = {},
): Promise<DemoFederation> {
  const now = hooks.now ?? (() => new Date());
  const partners = new Map<string, RunningPartner>();
  const urls = new Map<string, string>();
  for (const p of catalogs) {
    const recorder = new RequestRecorder();
    const subgraph = createPartnerSubgraph({ partner: p.id, catalog: catalogAt(p.catalog, now) });
    const server = await startPartnerServer({ subgraph, port: 0, logger: silentLogger, signingSecret: testSigningSecret(p.id), plugins: [recorder.plugin()] });
    partners.set(p.id, { id: p.id, subgraph, server, recorder });
    urls.set(p.id, server.url);
  }
  const sdl = readFileSync(supergraphPath, 'utf8');
  const partnerKeys = new Map(catalogs.map((p) => [p.id, testSigningSecret(p.id)]));
  const index = createCatalogIndex({
    partners: partnersInSupergraph(sdl, urls), logger: silentLogger, now, signingSecret: testSigningSecret(indexName), partnerSigningSecrets: partnerKeys,
  });
  await index.harvester.harvestAll();
  const indexServerRecorder = new RequestRecorder();
  const indexServer = await startCatalogIndexServer({ service: index, port: 0, logger: silentLogger, signingSecret: testSigningSecret(indexName), plugins: [indexServerRecorder.plugin()] });
  urls.set(indexName, indexServer.url);

  // The governance subgraph, when the supergraph has one: the gateway reads grants from it.
  let governance: DemoFederation['governance'];
  let governanceServer: RunningHttpServer | undefined;
  if (Supergraph.build(sdl, { supportedFeatures: null }).subgraphs().get(GOVERNANCE)) {
    const subgraph = createGovernanceSubgraph({
      partners: partnersInSupergraph(sdl, urls), store: options.governanceStore ?? new InMemoryGovernanceStore(), logger: silentLogger, now,
      signingSecret: testSigningSecret(GOVERNANCE), partnerSigningSecrets: partnerKeys, decisionDeadlineDays: 60,
      audit: options.governanceAudit,
    });
    await subgraph.harvester.harvestAll();
    const recorder = new RequestRecorder();
    const server = await startGovernanceServer({ subgraph, port: 0, logger: silentLogger, signingSecret: testSigningSecret(GOVERNANCE), plugins: [recorder.plugin()] });
    governance = { subgraph, url: server.url, recorder };
    urls.set(GOVERNANCE, server.url);
    governanceServer = server;
  }

  let secondPasses = 0;
  const subgraphSigningSecrets = new Map([...partnerKeys, [indexName, testSigningSecret(indexName)], ...(governance ? [[GOVERNANCE, testSigningSecret(GOVERNANCE)] as const] : [])]);
  const gateway = createGateway(gatewayConfig({ authn: TEST_AUTHN, subgraphSigningSecrets, ...config, subgraphUrls: urls }), {
    logger: silentLogger,
    ...hooks,
    now,
    onSecondPass: () => { secondPasses++; hooks.onSecondPass?.(); },
  });
  const gatewayServer = await gateway.listen();
  return {
    gatewayUrl: gatewayServer.url,
    gatewayServer,
    indexUrl: indexServer.url,
    partners,
    index,
    indexRecorder: indexServerRecorder,
    ...(governance ? { governance } : {}),
    secondPasses: () => secondPasses,
    now,
    async close() {
      await gatewayServer.close();
      await indexServer.close();
      await index.harvester.close();
      await governanceServer?.close();
      await governance?.subgraph.harvester.close();
      await governance?.subgraph.store.close();
      await governance?.subgraph.auditOutbox.close();
      await governance?.subgraph.audit.close();
      await Promise.all([...partners.values()].map((p) => p.server.close()));
      if (temporaryFolder) rmSync(temporaryFolder, { recursive: true, force: true });
    },
  };
}
