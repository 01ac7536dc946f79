import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerSubgraph } from '../../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { startPartnerServer } from '../../../../subgraphs/partner-kit/serve-partner.js';
import { createCatalogIndex, type CatalogIndexService } from '../../../../subgraphs/catalog-index/create-catalog-index.js';
import type { RunningHttpServer } from '../../../../runtime/http-server.js';
import { silentLogger } from '../../../../runtime/logger.js';
import { smallCatalog } from '../../../harness/catalog-fixtures.js';
import { TEST_SIGNING_SECRET } from '../../../harness/demo-federation.js';
import { RequestRecorder } from '../../../harness/request-recorder.js';

// The index against a real partner server whose clock the test moves: a dataset reaching its
// deletion date disappears at the next incremental harvest.
describe('harvest', () => {
  let partnerClock = new Date('2026-11-24T12:00:00Z');
  const recorder = new RequestRecorder();
  let partner: RunningHttpServer;
  let service: CatalogIndexService;

  beforeAll(async () => {
    const file = smallCatalog('acme-labs');
    file.datasets.push({ ...file.datasets[0]!, id: 'acme-labs:ds-3', title: 'Short-lived survey', retention: { retainUntil: '2026-11-30', deletionDue: '2026-12-01', basis: 'consent v1' } });
    const subgraph = createPartnerSubgraph({ partner: 'acme-labs', catalog: parseCatalog(file, 'acme.json', () => partnerClock) });
    partner = await startPartnerServer({ subgraph, port: 0, logger: silentLogger, signingSecret: TEST_SIGNING_SECRET, plugins: [recorder.plugin()] });
    service = createCatalogIndex({
      partners: [{ id: 'acme-labs', datasetTypeName: subgraph.datasetTypeName, url: partner.url }],
      logger: silentLogger, signingSecret: TEST_SIGNING_SECRET, harvestPageSize: 1,
    });
  });
  afterAll(async () => {
    await service?.harvester.close();
    await partner?.close();
  });

  it('starts with a full harvest, page by page', async () => {
    await service.harvester.harvestAll('full');
    expect(service.index.countFor('acme-labs')).toBe(3);
    expect(recorder.requests.map((r) => [r.variables.modifiedSince ?? null, r.variables.offset])).toEqual([[null, 0], [null, 1], [null, 2]]);
  });

  it('then asks only for changes since the partner\'s last answer, and drops datasets that disappeared', async () => {
    recorder.clear();
    partnerClock = new Date('2026-12-02T00:00:00Z');
    await service.harvester.harvestAll();
    expect(recorder.requests).toHaveLength(1);
    expect(recorder.requests[0]!.variables.modifiedSince).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect(service.index.countFor('acme-labs')).toBe(2);
    expect(service.index.get('acme-labs:ds-3')).toBeUndefined();
    expect(service.index.search({ query: 'survey', sort: 'RELEVANCE', first: 10 }).totalCount).toBe(0);
  });

  it('keeps the last good snapshot of a partner that is down, and says how stale it is', async () => {
    await partner.close();
    await service.harvester.harvestAll();
    const [status] = service.harvester.status();
    expect(status).toMatchObject({ partnerId: 'acme-labs', datasetCount: 2, stale: true, lastError: 'partner unreachable' });
    expect(status!.staleSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(status!.lastAttemptAt!)).toBeGreaterThanOrEqual(Date.parse(status!.lastHarvestAt!));
  });
});
