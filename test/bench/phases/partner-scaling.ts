import { benchPartners, pageTag, type PageTag } from '../fixture/bench-catalogs.js';
import { composeBenchSupergraph } from '../fixture/bench-supergraph.js';
import { startFixture } from '../fixture/start-fixture.js';
import type { FixtureReady } from '../fixture/fixture-messages.js';
import { startGateways, stopGateways } from '../contenders/start-gateways.js';
import type { Question } from '../measure.js';
import { floorBody, halfOf, listingBody, researcherToken } from '../workloads.js';
import { benchContenders, FLOOR_PARTNER, type RunContext } from './run-context.js';
import { grantStoreNote } from './grant-redis.js';
import { measureScalingPoint, type ScalingPoint } from './scaling.js';

/** Enough for the floor's page; the other partners need only their share of it. */
const DATASETS_PER_PARTNER = 60;

/**
 * Latency against the number of partners (issue 5, point 4): one fixture with the largest number of
 * partners and one index per partner count; each count gets its own supergraph and fresh gateways,
 * and the same question as workload (b): guarded fields, grants on half the page.
 */
export async function runPartnerScaling(context: RunContext): Promise<ScalingPoint[]> {
  const { settings, progress } = context;
  const size = settings.partnerScalingPageSize;
  const partners = benchPartners(Math.max(...settings.partnerCounts), () => DATASETS_PER_PARTNER);
  const subset = (count: number) => partners.slice(0, count).map((p) => p.id);
  const tags: PageTag[] = settings.partnerCounts.map((count) => ({ tag: pageTag(size, count), size, partnerIds: subset(count) }));
  progress(`generating ${partners.length} partners of ${DATASETS_PER_PARTNER} datasets, one index per partner count`);
  progress(await grantStoreNote());
  const fixture = await startFixture({
    spec: { seed: context.seed, partners, tags },
    indexes: settings.partnerCounts.map((count) => ({ name: `p${count}`, partnerIds: subset(count) })),
    signingSecret: context.signingSecret,
    floor: { partnerId: FLOOR_PARTNER, datasets: size },
  });
  try {
    const points: ScalingPoint[] = [];
    for (const count of settings.partnerCounts) points.push(...await measurePartnerCount(context, fixture.ready, count, subset(count)));
    return points;
  } finally {
    await fixture.stop();
  }
}

async function measurePartnerCount(context: RunContext, ready: FixtureReady, count: number, partnerIds: readonly string[]): Promise<ScalingPoint[]> {
  const size = context.settings.partnerScalingPageSize;
  const urls = new Map(partnerIds.map((id) => [id, ready.partnerUrls[id]!]));
  const supergraph = composeBenchSupergraph(context.scratchDirectory, `partners-${count}`, urls, ready.indexUrls[`p${count}`]!);
  context.progress(`starting the gateways on the ${count}-partner supergraph`);
  const gateways = await startGateways({
    supergraphPath: supergraph.path, signingSecret: context.signingSecret, jwt: context.jwt, maxTokenBytes: context.maxTokenBytes,
  });
  try {
    const tag = pageTag(size, count);
    const question: Question = {
      gatewayBody: listingBody('guarded', size, tag),
      token: await researcherToken(halfOf(ready.pages[tag] ?? [])),
      floorBody: floorBody('guarded', FLOOR_PARTNER, ready.floorIds.slice(0, size)),
      expectedNodes: size,
    };
    const contenders = benchContenders(gateways, ready.partnerUrls[FLOOR_PARTNER]!, context.signingSecret);
    return await measureScalingPoint(count, `${count} partners`, question, contenders, context.settings, context.progress);
  } finally {
    await stopGateways(gateways);
  }
}
