import { Agent, request } from 'undici';
import { z } from 'zod';
import type { Logger } from '../runtime/logger.js';
import { signRequestBody } from '../runtime/request-signing.js';
import type { CatalogIndex, IndexedDataset } from './catalog-index.js';
import type { PartnerEndpoint } from './partner-directory.js';

// Only public fields of the contract: restricted fields are never harvested, so the index cannot
// leak them through any query, filter or facet (schema/partner.graphql; test/unit/contract.test.ts
// checks that none of these fields carries a security directive).
export const HARVEST_QUERY = /* GraphQL */ `
  query CatalogHarvest($modifiedSince: DateTime) {
    _catalogHarvest(modifiedSince: $modifiedSince) {
      generatedAt
      partner { id }
      datasets {
        id title description keywords themes dataClass issued modified
        licence { id }
        useConditions { code }
      }
    }
  }
`;

const HarvestResponse = z.object({
  data: z.object({
    _catalogHarvest: z.object({
      generatedAt: z.string(),
      partner: z.object({ id: z.string() }),
      datasets: z.array(z.object({
        id: z.string(),
        title: z.string(),
        description: z.string(),
        keywords: z.array(z.string()),
        themes: z.array(z.string()),
        dataClass: z.enum(['PUBLIC', 'PARTNER_SHARED', 'ANONYMIZED', 'PROPRIETARY']),
        issued: z.string(),
        modified: z.string(),
        licence: z.object({ id: z.string() }),
        useConditions: z.array(z.object({ code: z.string() })),
      })),
    }),
  }),
});

export interface PartnerCatalogStatus {
  partnerId: string;
  lastHarvestAt: string | null;
  datasetCount: number;
  stale: boolean;
  lastError: string | null;
}

export interface HarvesterOptions {
  partners: readonly PartnerEndpoint[];
  index: CatalogIndex;
  logger: Logger;
  timeoutMs?: number;
  signingSecret: string;
}

export class CatalogHarvester {
  readonly #options: HarvesterOptions;
  readonly #agent: Agent;
  readonly #status = new Map<string, PartnerCatalogStatus>();
  #timer: NodeJS.Timeout | undefined;
  #rounds = 0;

  constructor(options: HarvesterOptions) {
    this.#options = options;
    const timeout = options.timeoutMs ?? 10_000;
    this.#agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout });
    for (const partner of options.partners) {
      this.#status.set(partner.id, { partnerId: partner.id, lastHarvestAt: null, datasetCount: 0, stale: false, lastError: null });
    }
  }

  /** Completed harvest rounds; the index is ready once the first one is done, whatever its outcome. */
  get rounds(): number {
    return this.#rounds;
  }

  status(): PartnerCatalogStatus[] {
    return [...this.#status.values()].map((s) => ({ ...s, datasetCount: this.#options.index.countFor(s.partnerId) }));
  }

  /** Harvests every partner in parallel; one partner failing never affects the others. */
  async harvestAll(): Promise<void> {
    const started = performance.now();
    const { partners, logger } = this.#options;
    logger.info({ partners: partners.length }, 'harvest started');
    let done = 0;
    await Promise.all(partners.map(async (partner) => {
      await this.#harvestPartner(partner);
      done++;
      logger.info({ partner: partner.id, progress: `${done}/${partners.length}` }, 'harvest progress');
    }));
    this.#rounds++;
    const total = partners.reduce((sum, p) => sum + this.#options.index.countFor(p.id), 0);
    logger.info({ datasets: total, ms: Math.round(performance.now() - started) }, 'harvest finished');
  }

  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.harvestAll(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await this.#agent.close();
  }

  async #harvestPartner(partner: PartnerEndpoint): Promise<void> {
    const status = this.#status.get(partner.id)!;
    try {
      const datasets = await this.#fetch(partner);
      this.#options.index.replacePartner(partner.id, datasets);
      Object.assign(status, { lastHarvestAt: new Date().toISOString(), stale: false, lastError: null });
      this.#options.logger.info({ partner: partner.id, datasets: datasets.length }, 'partner harvested');
    } catch (error) {
      // Keep the last good snapshot: a partner that is down is shown stale, not empty.
      const reason = error instanceof HarvestError ? error.publicReason : 'unexpected error';
      Object.assign(status, { stale: true, lastError: reason });
      this.#options.logger.warn({ partner: partner.id, url: partner.url, err: error }, 'partner harvest failed; keeping last snapshot');
    }
  }

  async #fetch(partner: PartnerEndpoint): Promise<IndexedDataset[]> {
    let body: unknown;
    try {
      const payload = JSON.stringify({ query: HARVEST_QUERY, operationName: 'CatalogHarvest', variables: {} });
      const response = await request(partner.url, {
        method: 'POST',
        dispatcher: this.#agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...signRequestBody(this.#options.signingSecret, payload),
        },
        body: payload,
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new HarvestError(`partner answered HTTP ${response.statusCode}`);
      }
      body = await response.body.json();
    } catch (error) {
      if (error instanceof HarvestError) throw error;
      throw new HarvestError('partner unreachable', { cause: error });
    }
    const parsed = HarvestResponse.safeParse(body);
    if (!parsed.success) throw new HarvestError('partner answered in an unexpected shape', { cause: parsed.error });
    const harvest = parsed.data.data._catalogHarvest;
    if (harvest.partner.id !== partner.id) {
      throw new HarvestError(`partner identifies itself as "${harvest.partner.id}"`);
    }
    return harvest.datasets
      .filter((d) => d.id.startsWith(`${partner.id}:`))
      .map((d) => ({
        id: d.id,
        partnerId: partner.id,
        title: d.title,
        description: d.description,
        keywords: d.keywords,
        themes: d.themes,
        dataClass: d.dataClass,
        licenceId: d.licence.id,
        useConditions: d.useConditions.map((c) => c.code),
        issued: d.issued,
        modified: d.modified,
      }));
  }
}

class HarvestError extends Error {
  constructor(readonly publicReason: string, options?: ErrorOptions) {
    super(publicReason, options);
  }
}
