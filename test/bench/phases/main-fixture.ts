import { benchPartners, pageTag, type PageTag } from '../fixture/bench-catalogs.js';
import { composeBenchSupergraph } from '../fixture/bench-supergraph.js';
import { startFixture, type RunningFixture } from '../fixture/start-fixture.js';
import type { FixtureReady } from '../fixture/fixture-messages.js';
import { startGateway, startGateways, stopGateways, type GatewayStartFlags, type RunningGatewayProcess } from '../contenders/start-gateways.js';
import { AUDIT_OFF_KIND, type AuditStorage, type AuditStorageReport, type GatewayOptions, type StoredGrants } from '../contenders/gateway-messages.js';
import type { Contender, Question } from '../measure.js';
import {
  WORKLOADS, floorBody, halfOf, listingBody, researcherToken, searchBody, storeGrantedResearcherToken, type Workload,
} from '../workloads.js';
import { AUDIT_COST_WORKLOAD, benchContenders, FLOOR_PARTNER, type RunContext } from './run-context.js';
import { grantStoreNote } from './grant-redis.js';
import { runMainWorkloads, type WorkloadOutcome } from './main-workloads.js';
import { measureScalingPoint, type ScalingPoint } from './scaling.js';

const PARTNERS = 3;
/**
 * The floor partner serves the largest page by itself, with room for the datasets it no longer
 * serves (past their deletion date); the others need only their share of the page.
 */
const FLOOR_PARTNER_DATASETS = 1020;
const OTHER_PARTNER_DATASETS = 400;

export interface MainFixtureOutcome {
  workloads: WorkloadOutcome[];
  sizeScaling: ScalingPoint[];
  skipped: string[];
  tokenBytes: Record<string, number>;
  /** Concord's audit trail in Redis after the main workloads; null without Redis or without a record. */
  auditStorage: AuditStorage | null;
}

/** Three partners: workloads (a) to (d), then latency against result size (issue 5, points 2 and 4). */
export async function runMainFixture(context: RunContext, flags: GatewayStartFlags): Promise<MainFixtureOutcome> {
  const { settings, progress } = context;
  const partners = benchPartners(PARTNERS, (i) => (i === 0 ? FLOOR_PARTNER_DATASETS : OTHER_PARTNER_DATASETS));
  const partnerIds = partners.map((p) => p.id);
  const sizes = [...new Set([...WORKLOADS.map((w) => w.size), ...settings.resultSizes])];
  const tags: PageTag[] = sizes.map((size) => ({ tag: pageTag(size, PARTNERS), size, partnerIds }));
  progress(`generating ${partners.map((p) => `${p.id} (${p.datasets})`).join(', ')} and harvesting them into the index`);
  const fixture = await startFixture({
    spec: { seed: context.seed, partners, tags },
    indexes: [{ name: 'main', partnerIds }],
    signingSecret: context.signingSecret,
    floor: { partnerId: FLOOR_PARTNER, datasets: Math.max(...sizes) },
  });
  try {
    return await runOnFixture(context, fixture, flags);
  } finally {
    await fixture.stop();
  }
}

async function runOnFixture(context: RunContext, fixture: RunningFixture, flags: GatewayStartFlags): Promise<MainFixtureOutcome> {
  const { settings, progress } = context;
  const { ready } = fixture;
  const supergraph = composeBenchSupergraph(context.scratchDirectory, 'main', new Map(Object.entries(ready.partnerUrls)), ready.indexUrls.main!);
  const storedGrants = settings.scaling ? scalingGrants(settings.resultSizes, ready) : [];
  const options: GatewayOptions = {
    supergraphPath: supergraph.path, signingSecret: context.signingSecret, jwt: context.jwt, maxTokenBytes: context.maxTokenBytes, storedGrants,
  };
  progress(await grantStoreNote());
  const auditCost = settings.workloads.includes(AUDIT_COST_WORKLOAD);
  progress(`starting Concord, stock @apollo/gateway and Hive Gateway${auditCost ? ', and Concord with its audit trail off for (b)' : ''}, one process each`);
  const gateways: RunningGatewayProcess[] = await startGateways(options, flags);
  try {
    if (auditCost) gateways.push(await startGateway(AUDIT_OFF_KIND, options, flags));
    const contenders = benchContenders(gateways, ready.partnerUrls[FLOOR_PARTNER]!, context.signingSecret);
    const hasSearch = /^\s+search\(/m.test(supergraph.sdl);
    const chosen = WORKLOADS.filter((w) => settings.workloads.includes(w.id));
    const runnable = chosen.filter((w) => w.operation !== 'search' || hasSearch);
    const skipped = chosen.filter((w) => !runnable.includes(w)).map((w) => `${w.label}: the supergraph has no Query.search`);
    const planned = await Promise.all(runnable.map(async (workload) => ({ workload, question: await questionFor(workload, ready) })));
    const tokenBytes = Object.fromEntries(planned.map(({ workload, question }) => [workload.id, Buffer.byteLength(question.token)]));
    const workloads = await runMainWorkloads(planned, contenders, settings, progress);
    // Before the scaling phase adds records of other sizes.
    const auditStorage = await auditStorageOf(gateways.find((g) => g.id === 'concord'));
    const sizeScaling = settings.scaling ? await runSizeScaling(context, ready, contenders.filter((c) => !c.onlyOn)) : [];
    return { workloads, sizeScaling, skipped, tokenBytes, auditStorage };
  } finally {
    await stopGateways(gateways);
  }
}

async function auditStorageOf(concord: RunningGatewayProcess | undefined): Promise<AuditStorage | null> {
  return concord ? (await concord.child.request<AuditStorageReport>({ type: 'audit-storage' }, 'audit-storage')).storage : null;
}

async function questionFor(workload: Workload, ready: FixtureReady): Promise<Question> {
  const tag = pageTag(workload.size, PARTNERS);
  const pageIds = ready.pages[tag] ?? [];
  return {
    gatewayBody: workload.operation === 'listing' ? listingBody(workload.selection, workload.size, tag) : searchBody(workload.selection, workload.size),
    token: await researcherToken(workload.grants === 'half-the-page' ? halfOf(pageIds) : []),
    floorBody: floorBody(workload.selection, FLOOR_PARTNER, ready.floorIds.slice(0, workload.size)),
    expectedNodes: workload.size,
  };
}

/** One researcher per result size, so that each page has its own half granted. */
const scalingSubject = (size: number): string => `bench-researcher-${size}`;

/**
 * Grants on every second dataset of each scaling page, as workload (b) has on its page. They live in
 * Concord's grant store: on 1,000 datasets, 500 grants in a token would be about 40 KB, over
 * JWT_MAX_TOKEN_BYTES and Node.js's 16 KB limit on request headers.
 */
export function scalingGrants(sizes: readonly number[], ready: Pick<FixtureReady, 'pages'>): StoredGrants[] {
  return sizes.map((size) => ({ subject: scalingSubject(size), datasetIds: halfOf(ready.pages[pageTag(size, PARTNERS)] ?? []) }));
}

/** Workload (b)'s question (guarded fields, grants on half the page) at every result size. */
async function runSizeScaling(context: RunContext, ready: FixtureReady, contenders: readonly Contender[]): Promise<ScalingPoint[]> {
  const guarded = WORKLOADS.find((w) => w.id === 'b')!;
  const points: ScalingPoint[] = [];
  for (const size of context.settings.resultSizes) {
    const tag = pageTag(size, PARTNERS);
    const question: Question = {
      gatewayBody: listingBody(guarded.selection, size, tag),
      token: await storeGrantedResearcherToken(scalingSubject(size)),
      floorBody: floorBody(guarded.selection, FLOOR_PARTNER, ready.floorIds.slice(0, size)),
      expectedNodes: size,
    };
    const label = `${size} datasets`;
    points.push(...await measureScalingPoint(size, label, question, contenders, context.settings, context.progress, context.settings.scalingRounds));
  }
  return points;
}
